"""Lockout after repeated failures, per account and per address (django-axes), with a GOV.UK
page saying what to do, and an unlock by the user's team manager or an administrator."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.accounts.tests.signin_helpers import post_password, with_password
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.tests.setup_helpers import make_admin

pytestmark = pytest.mark.django_db
LIST = reverse("signin:locked_out")


def fail(username: str, times: int, *, address: str = "10.0.0.1", vary_address=False):
    for n in range(times):
        post_password(
            Client(), username, "wrong", address=f"10.1.0.{n}" if vary_address else address
        )


def test_it_locks_an_account_after_the_configured_failures_from_any_address(worker, settings):
    with_password(worker)
    fail(worker.username, settings.AXES_FAILURE_LIMIT - 1, vary_address=True)
    assert post_password(Client(), worker.username, address="10.9.9.9").status_code == 302
    Client().post(reverse("logout"))
    fail(worker.username, settings.AXES_FAILURE_LIMIT, vary_address=True)

    response = post_password(Client(), worker.username, address="10.9.9.9")  # right password

    assert response.status_code == 429
    page = response.content.decode()
    assert "You have tried to sign in too many times. Wait 30 minutes" in page
    assert "ask your team manager or administrator to unlock your account" in page
    assert "govuk-error-summary" in page and 'value="' + worker.username + '"' in page
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, actor=worker).exists()
    # The locked-out page does not check the password again (which would count twice).
    failures = AccessAttempt.objects.filter(username=worker.username)
    assert sum(failures.values_list("failures_since_start", flat=True)) == (
        settings.AXES_FAILURE_LIMIT + 1
    )


def test_it_locks_an_address_that_tries_many_usernames(worker, settings):
    with_password(worker)
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_password(Client(), f"guess{n}", "wrong", address="10.6.6.6")

    assert post_password(Client(), worker.username, address="10.6.6.6").status_code == 429
    assert post_password(Client(), worker.username, address="10.7.7.7").status_code == 302


def test_the_limit_and_cool_off_are_settings(worker, settings):
    settings.AXES_FAILURE_LIMIT = 2
    with_password(worker)
    fail(worker.username, 2, vary_address=True)

    assert post_password(Client(), worker.username, address="10.9.9.9").status_code == 429


def test_it_does_not_believe_a_forwarded_address_without_the_proxy_switch(worker, settings):
    """Otherwise a guesser escapes the address lockout by typing a new address each time."""
    with_password(worker)
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            reverse("login"),
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="10.6.6.6",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert post_password(Client(), worker.username, address="10.6.6.6").status_code == 429


@pytest.fixture
def locked(worker, settings):
    fail(worker.username, settings.AXES_FAILURE_LIMIT)
    return worker


def test_a_team_manager_sees_and_unlocks_a_locked_member_of_their_team(locked, manager):
    client = testing.client_for(manager)
    page = client.get(LIST).content.decode()
    assert locked.display_name in page

    response = client.post(reverse("signin:unlock", args=[locked.pk]))

    assert response["Location"] == LIST
    assert not AccessAttempt.objects.filter(username=locked.username).exists()
    event = AuditEvent.objects.get(action=AuditAction.UNLOCK)
    assert (event.actor, event.detail["user_id"]) == (manager, locked.pk)
    with_password(locked)
    assert post_password(Client(), locked.username, address="10.0.0.1").status_code == 302


def test_an_administrator_unlocks_anyone_in_their_organisation(locked, org):
    admin = make_admin(org)
    other_team = testing.make_team(org)
    elsewhere = testing.make_worker(org, other_team)
    fail(elsewhere.username, 5, address="10.2.2.2")
    client = testing.client_for(admin)

    page = client.get(LIST).content.decode()

    assert locked.display_name in page and elsewhere.display_name in page
    assert client.post(reverse("signin:unlock", args=[elsewhere.pk])).status_code == 302


def test_a_manager_cannot_unlock_someone_outside_their_teams(manager, org, settings):
    outsider = testing.make_worker(org, testing.make_team(org))
    fail(outsider.username, settings.AXES_FAILURE_LIMIT)
    client = testing.client_for(manager)

    assert outsider.display_name not in client.get(LIST).content.decode()
    assert client.post(reverse("signin:unlock", args=[outsider.pk])).status_code == 404
    assert AccessAttempt.objects.filter(username=outsider.username).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists()


def test_no_one_unlocks_across_organisations(locked, other_org_worker):
    other_admin = make_admin(other_org_worker.organisation)
    client = testing.client_for(other_admin)

    assert client.post(reverse("signin:unlock", args=[locked.pk])).status_code == 404
    assert AccessAttempt.objects.filter(username=locked.username).exists()


@pytest.mark.parametrize(
    "role",
    [
        Role.SOCIAL_WORKER,
        Role.SOCIAL_WORK_ASSISTANT,
        Role.OCCUPATIONAL_THERAPIST,
        Role.SENSORY_IMPAIRMENT_WORKER,
        Role.PERSON,
        Role.CARER,
        Role.PROVIDER,
    ],
)
def test_other_roles_may_not_see_or_unlock(locked, org, team, role):
    client = testing.client_for(testing.make_user(org, role=role, teams=(team,)))

    assert client.get(LIST).status_code == 403
    assert client.post(reverse("signin:unlock", args=[locked.pk])).status_code == 403
    assert AccessAttempt.objects.filter(username=locked.username).exists()


def test_it_says_when_no_one_is_locked_out(manager):
    page = testing.client_for(manager).get(LIST + "?page=nonsense").content.decode()

    assert "No one you can unlock is locked out now." in page


@pytest.mark.parametrize("count", [10, 200])
def test_the_list_costs_the_same_queries_however_many_are_locked(
    manager, org, team, count, django_assert_max_num_queries, settings
):
    from django.contrib.auth.hashers import make_password

    from tandem.accounts.models import User

    users = User.objects.bulk_create(
        User(
            organisation=org,
            role=Role.SOCIAL_WORKER,
            username=f"bulk{n}",
            password=make_password(None),
        )
        for n in range(count)
    )
    team.members.add(*users)
    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=user.username,
            ip_address="10.0.0.1",
            user_agent="test",
            failures_since_start=settings.AXES_FAILURE_LIMIT,
            get_data="",
            post_data="",
            http_accept="",
            path_info="/sign-in/",
        )
        for user in users
    )
    client = testing.client_for(manager)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.content.decode().count("Unlock<span") == min(count, 25)

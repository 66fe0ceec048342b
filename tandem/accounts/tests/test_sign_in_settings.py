"""The administrator's sign-in settings: validated, never silently overwritten, audited."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Organisation, Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.tests.setup_helpers import make_admin

pytestmark = pytest.mark.django_db
URL = reverse("signin:settings")


@pytest.fixture
def admin(org):
    return make_admin(org)


def posted(revision=1, **changes):
    return {
        "idle_timeout_minutes": "30",
        "session_limit_hours": "12",
        "revision": revision,
        **changes,
    }


def test_an_administrator_changes_both_and_it_is_audited(admin, org):
    client = testing.client_for(admin)
    assert "Sign everyone out after this long" in client.get(URL).content.decode()

    response = client.post(URL, posted(idle_timeout_minutes="15", session_limit_hours="8"))

    assert response["Location"] == URL
    org.refresh_from_db()
    assert (org.idle_timeout_minutes, org.session_limit_hours, org.sign_in_revision) == (15, 8, 2)
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_SETTINGS)
    assert event.detail == {
        "changed": {"idle_timeout_minutes": [30, 15], "session_limit_hours": [12, 8]}
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"idle_timeout_minutes": ""}, "Enter how many minutes without activity sign staff out"),
        ({"idle_timeout_minutes": "ten"}, "The minutes without activity must be a whole number"),
        ({"idle_timeout_minutes": "2"}, "The minutes without activity must be 5 or more"),
        ({"session_limit_hours": "25"}, "The hours signed in must be 24 or fewer"),
        ({"session_limit_hours": "0"}, "The hours signed in must be 1 or more"),
    ],
)
def test_it_refuses_numbers_out_of_range_and_keeps_what_was_typed(admin, org, changes, message):
    response = testing.client_for(admin).post(URL, posted(**changes))

    page = response.content.decode()
    assert response.status_code == 200 and message in page and "govuk-error-summary" in page
    assert Organisation.objects.get(pk=org.pk).sign_in_revision == 1


def test_two_administrators_never_overwrite_each_other(admin, org):
    client = testing.client_for(admin)
    client.post(URL, posted(idle_timeout_minutes="15"))

    response = client.post(URL, posted(revision=1, idle_timeout_minutes="45"))

    assert "Someone else changed the sign-in settings" in response.content.decode()
    org.refresh_from_db()
    assert org.idle_timeout_minutes == 15
    assert client.post(URL, posted(revision=2, idle_timeout_minutes="45")).status_code == 302


def test_a_broken_revision_is_refused_plainly(admin):
    response = testing.client_for(admin).post(URL, posted(revision="abc"))

    assert "Something went wrong with this page" in response.content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PERSON, Role.CARER, Role.PROVIDER],
)
def test_no_one_else_may_see_or_change_them(org, team, role):
    client = testing.client_for(testing.make_user(org, role=role, teams=(team,)))

    assert client.get(URL).status_code == 403
    assert client.post(URL, posted(idle_timeout_minutes="15")).status_code == 403
    assert Organisation.objects.get(pk=org.pk).idle_timeout_minutes == 30


def test_a_new_sign_in_takes_the_new_numbers(admin, org, worker):
    testing.client_for(admin).post(URL, posted(idle_timeout_minutes="15"))

    session = testing.client_for(type(worker).objects.get(pk=worker.pk)).session

    assert session["tandem_idle_minutes"] == 15

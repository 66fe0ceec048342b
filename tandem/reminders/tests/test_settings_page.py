"""/reminders/settings/: staff choose single e-mails or a daily digest, the person and carers opt in
or out; other roles are told they get none. Saved once, audited, never over a newer choice."""

import re

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.reminders.models import ReminderPreference

pytestmark = pytest.mark.django_db
URL = reverse("reminders:settings")


def checked(page: str) -> list[str]:
    """The values of the radios checked on the page."""
    return re.findall(r'<input type="radio" name="\w+" value="(\w+)"[^>]* checked>', page)


def saved(user):
    return ReminderPreference.objects.filter(user=user).first()


@pytest.fixture
def provider(org, person):
    user = testing.make_user(org, role=Role.PROVIDER)
    testing.make_circle_member(person, user=user, kind="provider")
    return user


@pytest.fixture
def administrator(org):
    return testing.make_user(org, role=Role.ADMINISTRATOR)


def test_it_offers_staff_single_emails_by_default(client_for, worker):
    response = client_for(worker).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "How do you want your reminders?" in page
    assert checked(page) == ["single"]
    assert "Reminders about your work are always sent" in page
    assert f"Reminders go to {worker.email}." in page
    assert 'href="/reminders/settings/" aria-current="page"' in page


def test_staff_choose_a_daily_digest_and_it_is_audited(client_for, manager):
    client = client_for(manager)
    response = client.post(URL, {"revision": "0", "delivery": "digest"})
    assert response.status_code == 302
    assert response.headers["Location"] == URL
    preference = saved(manager)
    assert (preference.daily_digest, preference.email_reminders, preference.revision) == (
        True,
        False,
        1,
    )
    event = AuditEvent.objects.get(action=AuditAction.REMINDERS_CHANGE)
    assert event.actor == manager
    assert event.detail == {"changed": {"daily_digest": [False, True]}}
    page = client.get(URL).content.decode()
    assert "Your reminder settings have been saved" in page
    assert checked(page) == ["digest"]


@pytest.mark.parametrize("role", ["person_user", "carer_user"])
def test_the_person_and_carers_opt_in_and_out(client_for, request, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    page = client.get(URL).content.decode()
    assert "Do you want reminders by e-mail?" in page
    assert checked(page) == ["no"]
    assert client.post(URL, {"revision": "0", "email_reminders": "yes"}).status_code == 302
    assert saved(user).email_reminders
    assert client.post(URL, {"revision": "1", "email_reminders": "no"}).status_code == 302
    assert not saved(user).email_reminders
    assert AuditEvent.objects.filter(action=AuditAction.REMINDERS_CHANGE, actor=user).count() == 2


def test_without_an_email_address_it_says_so_and_refuses_yes(client_for, person_user):
    person_user.email = ""
    person_user.save()
    client = client_for(person_user)
    assert "There is no e-mail address on your account" in client.get(URL).content.decode()
    response = client.post(URL, {"revision": "0", "email_reminders": "yes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You need an e-mail address on your account to get reminders" in page
    assert saved(person_user) is None


def test_staff_without_an_email_address_are_told_whom_to_ask(client_for, worker):
    worker.email = ""
    worker.save()
    page = client_for(worker).get(URL).content.decode()
    assert "Ask your administrator to add your e-mail address" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"revision": "0"}, "Select how you want your reminders"),
        ({"revision": "0", "delivery": "weekly"}, "Select how you want your reminders"),
        ({"delivery": "digest"}, "Something went wrong with this page"),
        ({"revision": "x", "delivery": "digest"}, "Something went wrong with this page"),
    ],
)
def test_bad_answers_show_the_error_summary_and_save_nothing(client_for, worker, data, message):
    response = client_for(worker).post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert page.startswith("<!DOCTYPE html>") or "Error:" in page
    assert saved(worker) is None
    assert not AuditEvent.objects.filter(action=AuditAction.REMINDERS_CHANGE).exists()


def test_a_save_over_a_newer_choice_is_refused_and_shows_what_is_saved(client_for, worker):
    client = client_for(worker)
    client.post(URL, {"revision": "0", "delivery": "digest"})  # in another tab
    response = client.post(URL, {"revision": "0", "delivery": "single"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed in another window or tab" in page
    assert "One e-mail each morning listing all your reminders." in page
    assert saved(worker).daily_digest
    # Having seen it, saving again goes through.
    assert 'name="revision" value="1"' in page
    assert client.post(URL, {"revision": "1", "delivery": "single"}).status_code == 302
    assert not saved(worker).daily_digest


@pytest.mark.parametrize("role", ["provider", "administrator"])
def test_other_roles_are_told_they_get_none_and_cannot_save(client_for, request, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    page = client.get(URL).content.decode()
    assert "Tandem does not send reminders to your role" in page
    assert '<form method="post" novalidate>' not in page
    assert client.post(URL, {"revision": "0", "email_reminders": "yes"}).status_code == 403
    assert saved(user) is None


def test_it_asks_to_sign_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))

"""When overdue work is escalated to the team managers is an administrator's setting: a whole
number of days from 1 to 90 (14 by default), saved without ever overwriting another
administrator's change, audited, and no one else's to change."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Organisation, Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.tests.setup_helpers import make_admin

pytestmark = pytest.mark.django_db
URL = reverse("worklist:escalation")


@pytest.fixture
def admin(org):
    return make_admin(org)


def posted(days="14", revision=1):
    return {"escalate_after_days": days, "revision": str(revision)}


def test_the_page_shows_the_saved_number_and_is_on_the_administration_page(client_for, admin):
    client = client_for(admin)
    settings_list = client.get(reverse("administration:home")).text
    # Beside the review timescales.
    assert settings_list.index(reverse("reviews:timescales")) < settings_list.index(f'href="{URL}"')
    html = client.get(URL).content.decode()
    assert "Escalating overdue work" in html
    assert 'name="escalate_after_days"' in html and 'value="14"' in html


def test_a_new_number_is_saved_and_audited(client_for, admin, org):
    response = client_for(admin).post(URL, posted("21"), follow=True)
    assert "When overdue work is escalated has been saved" in response.content.decode()
    org.refresh_from_db()
    assert (org.escalate_after_days, org.escalation_revision) == (21, 2)
    event = AuditEvent.objects.get(action=AuditAction.ESCALATION_CHANGE)
    assert (event.actor, event.detail) == (admin, {"escalate_after_days": [14, 21]})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter how many days work may be overdue before it is escalated"),
        ("0", "Work must be overdue for at least 1 day before it is escalated"),
        ("91", "Escalate work overdue for no more than 90 days"),
        ("two weeks", "The days before work is escalated must be a whole number, like 14"),
        ("7.5", "The days before work is escalated must be a whole number, like 14"),
    ],
)
def test_a_number_outside_1_to_90_is_refused_and_what_was_typed_is_kept(
    client_for, admin, org, value, message
):
    response = client_for(admin).post(URL, posted(value))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert f'value="{value}"' in html or value == ""
    assert "<title>Error:" in html
    org.refresh_from_db()
    assert (org.escalate_after_days, org.escalation_revision) == (14, 1)
    assert not AuditEvent.objects.filter(action=AuditAction.ESCALATION_CHANGE).exists()


def test_a_broken_revision_is_refused_without_saving(client_for, admin, org):
    response = client_for(admin).post(URL, {"escalate_after_days": "20", "revision": "x"})
    assert "Reload it and try again" in response.content.decode()
    org.refresh_from_db()
    assert org.escalate_after_days == 14


def test_two_administrators_saving_at_once_never_overwrite_each_other(client_for, admin, org):
    other = make_admin(org)
    assert client_for(other).post(URL, posted("7")).status_code == 302

    response = client_for(admin).post(URL, posted("30"))

    html = response.content.decode()
    assert "Someone else changed when overdue work is escalated" in html
    assert "What is saved now" in html and "more than 7 days" in html
    assert 'value="30"' in html  # what this administrator typed is kept
    org.refresh_from_db()
    assert org.escalate_after_days == 7
    # Having seen the other change, saving again keeps this administrator's number.
    assert client_for(admin).post(URL, posted("30", revision=2)).status_code == 302
    org.refresh_from_db()
    assert (org.escalate_after_days, org.escalation_revision) == (30, 3)


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_no_one_but_an_administrator_may_see_or_change_it(client_for, org, team, role):
    user = testing.make_user(org, role=role, teams=(team,))
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, posted("3")).status_code == 403
    assert f'href="{URL}"' not in client.get(reverse("home"), follow=True).content.decode()
    assert Organisation.objects.get(pk=org.pk).escalate_after_days == 14


def test_another_organisations_administrator_changes_only_their_own(client_for, org):
    other_org = testing.make_organisation("Hillside Council")
    client_for(make_admin(other_org)).post(URL, posted("3"))
    org.refresh_from_db()
    other_org.refresh_from_db()
    assert (org.escalate_after_days, other_org.escalate_after_days) == (14, 3)


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

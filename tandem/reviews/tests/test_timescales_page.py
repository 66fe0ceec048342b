"""The organisation's review timescales are an administrator's setting (DESIGN: "The timescales
… are organisation settings with these defaults"): the guidance's numbers are the longest allowed,
every review date follows a change at once, two administrators never overwrite each other, and
no one else may change them."""

import pytest
import time_machine
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Organisation, Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.tests.setup_helpers import make_admin
from tandem.reviews.tests.test_next_review_pages import (
    BEFORE_SUPPORT,
    FIRST_REVIEW,
    agreed_plan,
    card,
)

pytestmark = pytest.mark.django_db
URL = reverse("reviews:timescales")
DEFAULTS = {
    "first_review_weeks": "6",
    "review_interval_months": "12",
    "direct_payment_review_months": "6",
    "consultation_weeks": "4",
    "review_copy_weeks": "3",
    "deadline_lead_weeks": "4",
}


@pytest.fixture
def admin(org):
    return make_admin(org)


def posted(revision=1, **changes):
    return {**DEFAULTS, "revision": str(revision), **changes}


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_a_change_moves_the_next_review_of_every_plan_at_once(client_for, admin, worker, person):
    plan = agreed_plan(person, worker)
    plan_page = reverse("plans:detail", args=[plan.pk])
    assert FIRST_REVIEW in card(client_for(worker).get(plan_page).content.decode())

    response = client_for(admin).post(URL, posted(first_review_weeks="2"))

    assert response.status_code == 302
    shown = card(client_for(worker).get(plan_page).content.decode())
    assert "30 March 2026" in shown  # 2 weeks after support starts on 16 March
    assert "2 weeks after new support starts on 16 March 2026 (R1)" in shown
    assert FIRST_REVIEW not in shown


def test_the_page_shows_the_saved_numbers_and_is_on_the_administration_page(client_for, admin):
    client = client_for(admin)
    assert f'href="{URL}"' in client.get(reverse("administration:home")).text
    html = client.get(URL).content.decode()
    assert "Review timescales" in html
    assert 'name="review_interval_months"' in html and 'value="12"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("review_interval_months", "13", "Reviews must be at least every 12 months (R1)"),
        ("direct_payment_review_months", "7", "within its first 6 months (R11)"),
        ("review_copy_weeks", "4", "must reach the person within 3 weeks (R8)"),
        ("first_review_weeks", "0", "at least 1 week after new support starts"),
        ("consultation_weeks", "four", "must be a whole number, like 4"),
        ("deadline_lead_weeks", "", "Enter how many weeks before a deadline the review falls"),
    ],
)
def test_a_number_the_rules_do_not_allow_is_refused_and_what_was_typed_is_kept(
    client_for, admin, org, field, value, message
):
    response = client_for(admin).post(URL, posted(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert f'value="{value}"' in html or value == ""
    org.refresh_from_db()
    assert org.timescales_revision == 1
    assert {name: str(getattr(org, name)) for name in DEFAULTS} == DEFAULTS


def test_two_administrators_saving_at_once_never_overwrite_each_other(client_for, admin, org):
    other = make_admin(org)
    assert client_for(other).post(URL, posted(review_interval_months="6")).status_code == 302

    response = client_for(admin).post(URL, posted(review_interval_months="9"))

    html = response.content.decode()
    assert "Someone else changed the review timescales" in html
    assert "What is saved now" in html
    assert 'value="9"' in html  # what this administrator typed is kept
    org.refresh_from_db()
    assert org.review_interval_months == 6
    # Having seen the other change, saving again keeps this administrator's number.
    assert (
        client_for(admin).post(URL, posted(revision=2, review_interval_months="9")).status_code
        == 302
    )
    org.refresh_from_db()
    assert org.review_interval_months == 9


def test_a_change_is_audited_with_what_changed(client_for, admin, org):
    client_for(admin).post(URL, posted(consultation_weeks="6"))
    event = AuditEvent.objects.get(action=AuditAction.TIMESCALES_CHANGE)
    assert event.actor == admin
    assert event.detail == {"changed": {"consultation_weeks": [4, 6]}}


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_no_one_but_an_administrator_may_see_or_change_them(client_for, org, team, role):
    user = testing.make_user(org, role=role, teams=(team,))
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, posted(review_interval_months="1")).status_code == 403
    assert f'href="{URL}"' not in client.get(reverse("home"), follow=True).content.decode()
    assert Organisation.objects.get(pk=org.pk).review_interval_months == 12


def test_another_organisations_administrator_changes_only_their_own(client_for, org):
    other_org = testing.make_organisation("Hillside Council")
    client_for(make_admin(other_org)).post(URL, posted(review_interval_months="3"))
    org.refresh_from_db()
    other_org.refresh_from_db()
    assert (org.review_interval_months, other_org.review_interval_months) == (12, 3)


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

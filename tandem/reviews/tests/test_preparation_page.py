"""The review page puts the preparation in front of the worker (R4, R5), and a safeguarding
concern can be raised from it at once and lead back to it (P11)."""

import datetime
import re
from html import unescape
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Indicator
from tandem.reviews.models import ProviderInvitation, Review
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan, first_action
from tandem.reviews.tests.history_helpers import final_review
from tandem.reviews.tests.preparation_helpers import (
    at,
    consultation,
    contact_on,
    progress_on,
    trigger_on,
)
from tandem.reviews.tests.test_record_pages import QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    testing.make_worker(organisation, team, role=Role.TEAM_MANAGER)  # alerted by a concern
    person = testing.make_person(organisation, team, given_name="Priya")
    return person, worker


def started(client, plan) -> Review:
    client.post(reverse("reviews:review_start", args=[plan.pk]))
    return Review.objects.get(plan=plan, status=Review.Status.DRAFT)


def page_of(client, review) -> str:
    response = client.get(reverse("reviews:review", args=[review.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_it_shows_the_persons_own_answers_above_the_form(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    person_user = testing.make_user_for_person(person)
    answers = consultation(
        plan,
        person_user,
        at(AGREED_ON + datetime.timedelta(days=30)),
        what_is_working="The gardening club on Tuesdays",
        what_is_not_working="The lift never comes on time",
        what_to_change="A different driver",
        who_to_invite="My sister Jo",
        how_held=Review.HowHeld.TELEPHONE,
    )
    ProviderInvitation.objects.create(
        consultation=answers, name="Riverside Care Ltd", invited=False, reason_not_invited="Ill"
    )
    client = testing.client_for(worker)
    page = page_of(client, started(client, plan))

    # Above the form, whose first question is how the review was held.
    assert page.index("Priya’s own answers") < page.index("How the review was held")
    for words in (
        "The gardening club on Tuesdays",
        "The lift never comes on time",
        "A different driver",
        "My sister Jo",
        "By telephone",
        "Riverside Care Ltd: not invited – Ill",
        "Given by Priya on",
    ):
        assert words in page, words
    assert "has not given their own answers yet" not in page


def test_it_says_when_the_person_has_not_given_their_own_answers(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    client = testing.client_for(worker)
    page = page_of(client, started(client, plan))
    assert "Priya has not given their own answers yet." in page


def test_it_shows_the_plan_what_has_happened_since_and_the_previous_reviews(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    last = final_review(person, plan, worker, datetime.date(2026, 5, 1), [1])
    progress_on(plan, worker, datetime.date(2026, 4, 1), "Before the last review")
    progress_on(plan, worker, datetime.date(2026, 6, 1), "Booked the lift")
    contact_on(plan, worker, datetime.date(2026, 6, 2), "Jo says all is well")
    trigger_on(plan, worker, datetime.date(2026, 6, 3), "A fall in the kitchen")
    client = testing.client_for(worker)
    page = page_of(client, started(client, plan))

    assert "What has happened since 1 May 2026" in page
    assert "Find a lift to the club" in page  # the action, with its latest progress
    assert "Under way on 1 June 2026" in page
    assert "Booked the lift" in page and "Before the last review" not in page
    assert "Jo says all is well" in page
    assert "A fall in the kitchen" in page and "Urgent review" in page
    assert "Previous reviews (1)" in page
    assert reverse("reviews:review_document", args=[last.pk]) in page
    assert "goal attainment level +1" in page
    # The built plan's one indicator is due on 30 June 2026, after the last review.
    assert "1 indicator due" in page


def test_it_shows_each_outcomes_indicators_due_beside_its_rating(setting):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=2)
    today = timezone.localdate()
    first, second = plan.indicators.order_by("outcome__position", "outcome_id")
    Indicator.objects.filter(pk=first.pk).update(due_on=today - datetime.timedelta(days=1))
    Indicator.objects.filter(pk=second.pk).update(due_on=today + datetime.timedelta(days=300))
    client = testing.client_for(worker)
    form = page_of(client, started(client, plan)).split("How the review was held", 1)[1]

    due = f"{first.description} ({(today - datetime.timedelta(days=1)).strftime('%-d %B %Y')})"
    assert form.count("Due at this review – how we will know:") == 1
    assert form.index("Outcome 1") < form.index(due) < form.index("Outcome 2")
    assert f"{second.description} (" not in form


def test_it_shows_no_preparation_on_a_final_review(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    client = testing.client_for(worker)
    review = started(client, plan)
    Review.objects.filter(pk=review.pk).update(status=Review.Status.FINAL, held_on=AGREED_ON)
    assert "Before you record the review" not in page_of(client, review)


@pytest.mark.parametrize(
    ("past", "outcomes", "rows"),
    [(1, 1, 1), (30, 20, 25)],
)
def test_it_keeps_the_review_page_queries_constant_with_preparation(
    setting, past, outcomes, rows, django_assert_num_queries
):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=outcomes)
    for n in range(past):
        final_review(person, plan, worker, AGREED_ON + datetime.timedelta(days=n + 1), [0, 1])
    action = first_action(plan)
    for n in range(rows):
        day = AGREED_ON + datetime.timedelta(days=40 + n)
        progress_on(plan, worker, day, f"Progress {n}", action)
        contact_on(plan, worker, day, f"Contact {n}")
        trigger_on(plan, worker, day, f"Trigger {n}")
    answers = consultation(plan, worker, at(AGREED_ON + datetime.timedelta(days=60)))
    for n in range(rows):
        ProviderInvitation.objects.create(consultation=answers, name=f"Provider {n}", invited=True)
    client = testing.client_for(worker)
    review = started(client, plan)
    # Two more than with no past review and no answers: the past reviews' ratings and the
    # providers invited, each read (once) only when there are some.
    with django_assert_num_queries(QUERIES + 2):
        page = page_of(client, review)
    assert f"Previous reviews ({past})" in page
    assert f"Progress {rows - 1}" in page and f"Provider {rows - 1}" in page


# Safeguarding from the review (P11) ------------------------------------------------------------


def safeguarding_link(page: str) -> str:
    found = re.search(r'id="raise-safeguarding"><a class="govuk-link" href="([^"]*)"', page)
    assert found, "no link to raise a safeguarding concern"
    return found.group(1)


@pytest.mark.parametrize(
    "role",
    [
        Role.SOCIAL_WORKER,
        Role.SOCIAL_WORK_ASSISTANT,
        Role.OCCUPATIONAL_THERAPIST,
        Role.SENSORY_IMPAIRMENT_WORKER,
        Role.TEAM_MANAGER,
    ],
)
def test_it_raises_a_safeguarding_concern_from_the_review_and_comes_back(setting, role):
    person, worker = setting
    plan = agreed_plan(person, worker)
    user = testing.make_worker(person.organisation, person.team, role=role)
    client = testing.client_for(user)
    review = started(client, plan)
    here = reverse("reviews:review", args=[review.pk])
    link = safeguarding_link(page_of(client, review))
    assert link == (
        f"{reverse('people:safeguarding', args=[person.pk])}?plan={plan.pk}&next={quote(here)}"
    )

    form = client.get(link)
    assert form.status_code == 200
    assert f'href="{here}" class="govuk-back-link"' in form.content.decode()

    response = client.post(
        link, {"concern": "She said she is scared at home", "immediate_risk": "no"}
    )
    referral = SafeguardingReferral.objects.get(person=person)
    assert referral.plan == plan and referral.raised_by == user
    sent = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
    assert response.url == f"{sent}?next={quote(here, safe='')}"
    confirmation = client.get(response.url).content.decode()
    assert "Safeguarding concern sent" in confirmation
    assert f'href="{here}"' in confirmation
    assert "Go back to the page you raised the concern from" in confirmation


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/", "//evil.example/reviews/", "javascript:alert(1)", "/\\evil.example"],
)
def test_it_never_sends_the_user_to_another_site_after_a_concern(setting, elsewhere):
    person, worker = setting
    client = testing.client_for(worker)
    url = f"{reverse('people:safeguarding', args=[person.pk])}?next={quote(elsewhere)}"

    form = client.get(url).content.decode()
    assert "evil" not in form and "javascript" not in form

    response = client.post(
        url, {"concern": "She said she is scared at home", "immediate_risk": "no"}
    )
    referral = SafeguardingReferral.objects.get(person=person)
    assert response.url == reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
    confirmation = client.get(f"{response.url}?next={quote(elsewhere)}").content.decode()
    assert "evil" not in confirmation and "javascript" not in confirmation
    assert "Go back to the page you raised the concern from" not in confirmation

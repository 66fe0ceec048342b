"""The plan page and the person page show the next review of the agreed plan: its date, whether it
is overdue, when to ask the person whom to invite (R3), and every reason (R1, R2, R11)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.documents.tests.builders import (
    SECTIONS,
    add_action,
    add_outcome,
    agree,
    build_plan,
    fresh,
)
from tandem.plans.models import Plan
from tandem.plans.tests.helpers import update_section

pytestmark = pytest.mark.django_db

AGREED = datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)
SUPPORT_STARTS = datetime.date(2026, 3, 16)
BEFORE_SUPPORT = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)
FIRST_REVIEW = "27 April 2026"  # 6 weeks after 16 March 2026


def agreed_plan(person, worker, *, outcomes: int = 1, **outcome_data) -> Plan:
    """Agreed on 5 March 2026, new support from 16 March 2026, taken as a direct payment; its
    indicators are due on 30 June 2026, its outcomes (unless told) on 30 September 2026."""
    with time_machine.travel(AGREED, tick=False):
        plan = build_plan(person=person, actor=worker, outcomes=outcomes)
        update_section(plan, "about", worker, **SECTIONS["about"], support_starts_on=SUPPORT_STARTS)
        if outcome_data:
            outcome = add_outcome(plan, worker, **outcome_data)
            add_action(plan, worker, outcome, "Book swimming lessons")
        agree(plan, person=person, actor=worker)
    return fresh(plan)


def card(html: str) -> str:
    """The "Next review" card's HTML (AssertionError if there is none)."""
    start = html.index('data-testid="next-review-card"')
    return html[start : html.index("</dl>", start)]


def pages(plan: Plan) -> list[str]:
    return [
        reverse("plans:detail", args=[plan.pk]),
        reverse("people:detail", args=[plan.person_id]),
    ]


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_it_shows_the_first_review_six_weeks_after_support_starts_on_both_pages(
    client_for, worker, person
):
    plan = agreed_plan(person, worker)
    client = client_for(worker)
    for url in pages(plan):
        shown = card(client.get(url).content.decode())
        assert "Next review" in shown
        assert FIRST_REVIEW in shown
        assert "6 weeks after new support starts on 16 March 2026 (R1)" in shown
        # R3: 4 weeks before; R11 and R2 are listed too, though later.
        assert "Ask the person whom to invite by 30 March 2026" in shown
        assert "6 months after the direct payment starts on 16 March 2026 (R11)" in shown
        assert "4 weeks before “Evidence for: Go to the gardening club every Tuesday”" in shown
        assert "Overdue" not in shown


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_it_brings_the_review_forward_for_an_earlier_outcome_deadline_and_says_why(
    client_for, worker, person
):
    plan = agreed_plan(person, worker, words="Swim a length", achieve_by=datetime.date(2026, 4, 10))
    client = client_for(worker)
    for url in pages(plan):
        shown = card(client.get(url).content.decode())
        due = shown.split("Due</dt>")[1].split("</dd>")[0]
        assert "13 March 2026" in due
        assert FIRST_REVIEW not in due
        assert "4 weeks before “Swim a length” is due on 10 April 2026 (R2)" in shown


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_it_shows_no_next_review_for_a_plan_not_yet_agreed(client_for, worker, person):
    plan = build_plan(person=person, actor=worker)
    client = client_for(worker)
    for url in pages(plan):
        html = client.get(url).content.decode()
        assert "next-review-card" not in html
        assert "Next review" not in html


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_it_follows_the_organisations_first_review_setting(client_for, worker, person, org):
    plan = agreed_plan(person, worker)
    org.first_review_weeks = 8
    org.save(update_fields=["first_review_weeks"])
    client = client_for(worker)
    for url in pages(plan):
        shown = card(client.get(url).content.decode())
        assert "11 May 2026" in shown.split("Due</dt>")[1].split("</dd>")[0]
        assert "8 weeks after new support starts on 16 March 2026 (R1)" in shown


def test_it_tags_a_review_that_is_overdue(client_for, worker, person):
    plan = agreed_plan(person, worker)
    client = client_for(worker)
    with time_machine.travel(datetime.datetime(2026, 4, 27, 12, tzinfo=datetime.UTC), tick=False):
        for url in pages(plan):
            assert "Overdue" not in card(client.get(url).content.decode())
    with time_machine.travel(datetime.datetime(2026, 4, 28, 12, tzinfo=datetime.UTC), tick=False):
        for url in pages(plan):
            shown = card(client.get(url).content.decode())
            assert "Overdue" in shown
            assert "6 weeks after new support started on 16 March 2026 (R1)" in shown


def test_it_shows_no_next_review_for_a_superseded_version(client_for, worker, person):
    from tandem.plans.services import plan_start_new_version

    plan = agreed_plan(person, worker)
    plan_start_new_version(plan=plan, actor=worker)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUPERSEDED)
    html = client_for(worker).get(pages(plan)[0]).content.decode()
    assert "next-review-card" not in html


def queries(client, url) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "next-review-card" in response.content.decode()
    return len(captured)


@time_machine.travel(BEFORE_SUPPORT, tick=False)
@pytest.mark.parametrize("page", [0, 1], ids=["plan page", "person page"])
def test_it_uses_the_same_number_of_queries_with_1_or_20_outcomes(
    client_for, worker, org, team, page
):
    from tandem import testing

    small = agreed_plan(testing.make_person(org, team, allocated_worker=worker), worker)
    big = agreed_plan(testing.make_person(org, team, allocated_worker=worker), worker, outcomes=20)
    client = client_for(worker)
    assert queries(client, pages(small)[page]) == queries(client, pages(big)[page])


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_a_contingency_trigger_makes_the_review_due_at_once_and_says_why(
    client_for, worker, person
):
    from tandem.reviews.models import ReviewTrigger

    plan = agreed_plan(person, worker)
    ReviewTrigger.objects.create(
        organisation=plan.organisation,
        person=person,
        plan=plan,
        kind=ReviewTrigger.Kind.CONTINGENCY,
        details="Fell at night and was not found until morning",
        happened_on=datetime.date(2026, 3, 9),
        recorded_by=worker,
    )

    for path in pages(plan):
        html = card(client_for(worker).get(path).content.decode())
        assert "9 March 2026" in html  # due the day it happened (R10), before 27 April
        assert "R10" in html


def rate_at_a_final_review(plan: Plan, worker, outcome_words: str, rating: str) -> None:
    """A final review held on 8 March 2026 rating one outcome of the plan."""
    from tandem.reviews.models import OutcomeEvaluation, Review

    outcome = plan.outcomes.get(words=outcome_words)
    review = Review.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        status=Review.Status.FINAL,
        held_on=datetime.date(2026, 3, 8),
        created_by=worker,
        finalised_by=worker,
    )
    OutcomeEvaluation.objects.create(
        review=review, outcome_uid=outcome.uid, outcome_words=outcome.words, rating=rating
    )


@pytest.mark.parametrize("rating", ["achieved", "no_longer_wanted"])
@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_an_outcome_closed_at_the_last_review_no_longer_brings_the_review_forward(
    client_for, worker, person, rating
):
    plan = agreed_plan(person, worker, words="Swim a length", achieve_by=datetime.date(2026, 4, 10))
    rate_at_a_final_review(plan, worker, "Swim a length", rating)
    shown = card(client_for(worker).get(reverse("plans:detail", args=[plan.pk])).content.decode())
    assert "“Swim a length”" not in shown
    # The other outcome's indicators still count (R2).
    assert "4 weeks before “Evidence for: Go to the gardening club every Tuesday”" in shown


@time_machine.travel(BEFORE_SUPPORT, tick=False)
def test_an_outcome_only_partly_achieved_still_brings_the_review_forward(
    client_for, worker, person
):
    plan = agreed_plan(person, worker, words="Swim a length", achieve_by=datetime.date(2026, 4, 10))
    rate_at_a_final_review(plan, worker, "Swim a length", "partly")
    shown = card(client_for(worker).get(reverse("plans:detail", args=[plan.pk])).content.decode())
    assert "4 weeks before “Swim a length” is due on 10 April 2026 (R2)" in shown


def reviewed(plan: Plan, worker, reviews: int) -> Plan:
    """`reviews` final reviews of the plan, ten days apart up to the day before today (9 March
    2026), each closing every outcome but one."""
    from tandem.reviews.tests.history_helpers import final_review

    outcomes = list(plan.outcomes.all())
    for n in range(reviews):
        review = final_review(
            plan.person,
            plan,
            worker,
            datetime.date(2026, 3, 9) - datetime.timedelta(days=10 * n),
            [1] * len(outcomes),
            uids=[o.uid for o in outcomes],
        )
        review.evaluations.exclude(outcome_uid=outcomes[0].uid).update(rating="achieved")
    return plan


@time_machine.travel(BEFORE_SUPPORT, tick=False)
@pytest.mark.parametrize("page", [0, 1], ids=["plan page", "person page"])
def test_it_uses_the_same_number_of_queries_with_1_or_30_past_reviews_and_1_or_20_outcomes(
    client_for, worker, org, team, page
):
    from tandem import testing

    def person():
        return testing.make_person(org, team, allocated_worker=worker)

    small = reviewed(agreed_plan(person(), worker), worker, 1)
    big = reviewed(agreed_plan(person(), worker, outcomes=20), worker, 30)
    client = client_for(worker)
    assert queries(client, pages(small)[page]) == queries(client, pages(big)[page])
    # And as the person themself, with the link to get ready for the review.
    for plan in (small, big):
        testing.make_user_for_person(plan.person)
    counts = [queries(client_for(plan.person.user), pages(plan)[page]) for plan in (small, big)]
    assert counts[0] == counts[1]

"""The next reviews of many agreed plans at once (a caseload, a sweep, a dashboard) are exactly
what each plan's own gives, in a fixed number of queries however many plans there are."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem import testing
from tandem.plans.models import Indicator, Outcome, Plan
from tandem.reviews.models import Consultation, OutcomeEvaluation, Review, ReviewTrigger
from tandem.reviews.schedule import ReasonCode
from tandem.reviews.selectors import next_review_for, next_reviews_for
from tandem.reviews.services.consultation import (
    State,
    consultation_state,
    consultation_states_for,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def agreed_plan(
    org, team, worker, *, agreed_on=datetime.date(2026, 1, 10), status=Plan.Status.AGREED, **fields
) -> Plan:
    """A person with an agreed plan and one outcome (due 1 December 2026, its indicator 1
    November 2026), made directly with the ORM."""
    person = testing.make_person(org, team, allocated_worker=worker)
    plan = Plan.objects.create(
        organisation=org,
        person=person,
        status=status,
        agreed_at=at(agreed_on) if agreed_on else None,
        created_by=worker,
        **fields,
    )
    add_outcome(plan, "Go to the club every Tuesday", datetime.date(2026, 12, 1))
    return plan


def add_outcome(plan: Plan, words: str, achieve_by: datetime.date | None) -> Outcome:
    outcome = Outcome.objects.create(
        organisation=plan.organisation,
        plan=plan,
        words=words,
        achieve_by=achieve_by,
        life_area="ascot:control",
    )
    if achieve_by:
        Indicator.objects.create(
            organisation=plan.organisation,
            plan=plan,
            outcome=outcome,
            description=f"Evidence for: {words}",
            due_on=achieve_by - datetime.timedelta(days=30),
        )
    return outcome


def trigger(plan: Plan, kind: str, day: datetime.date, worker) -> None:
    ReviewTrigger.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        kind=kind,
        details="Something happened",
        happened_on=day,
        recorded_by=worker,
    )


def final_review(
    plan: Plan, worker, held_on: datetime.date, *, next_review_on=None, closed=(), status=None
) -> Review:
    review = Review.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        status=status or Review.Status.FINAL,
        held_on=held_on,
        next_review_on=next_review_on,
        created_by=worker,
        finalised_by=worker,
    )
    OutcomeEvaluation.objects.bulk_create(
        OutcomeEvaluation(
            review=review,
            outcome_uid=outcome.uid,
            outcome_words=outcome.words,
            rating=rating,
            evidence="What happened",
        )
        for outcome, rating in closed
    )
    return review


@pytest.fixture
def varied(org, team, worker) -> dict[str, Plan]:
    """One plan for each way a review comes due, each for a different person."""
    plans = {
        "first review": agreed_plan(
            org,
            team,
            worker,
            agreed_on=datetime.date(2026, 4, 20),
            support_starts_on=datetime.date(2026, 5, 1),
        ),
        "direct payment": agreed_plan(
            org, team, worker, budget_arrangement=Plan.BudgetArrangement.DIRECT_PAYMENT
        ),
        "urgent": agreed_plan(org, team, worker),
        "requested": agreed_plan(org, team, worker),
        "closed outcome": agreed_plan(org, team, worker),
        "agreed at review": agreed_plan(org, team, worker),
        "no date": agreed_plan(org, team, worker, agreed_on=None),
        "draft": agreed_plan(org, team, worker, status=Plan.Status.DRAFT),
    }
    # A trigger before the plan was agreed is left out; one since is not.
    trigger(plans["urgent"], ReviewTrigger.Kind.RISK, datetime.date(2025, 12, 1), worker)
    trigger(plans["urgent"], ReviewTrigger.Kind.CONTINGENCY, datetime.date(2026, 5, 20), worker)
    trigger(plans["urgent"], ReviewTrigger.Kind.CIRCUMSTANCES, datetime.date(2026, 5, 22), worker)
    trigger(plans["requested"], ReviewTrigger.Kind.ASKED, datetime.date(2026, 5, 25), worker)
    # Achieved at the last review: its earlier deadline no longer brings the review forward.
    swim = add_outcome(plans["closed outcome"], "Swim a length", datetime.date(2026, 7, 1))
    # Only the last review's ratings count: the club, achieved at an earlier one, is open again.
    club = Outcome.objects.get(plan=plans["closed outcome"], words__startswith="Go to the club")
    final_review(
        plans["closed outcome"],
        worker,
        datetime.date(2025, 12, 1),
        closed=[(club, OutcomeEvaluation.Rating.ACHIEVED)],
    )
    final_review(
        plans["closed outcome"],
        worker,
        datetime.date(2026, 3, 1),
        closed=[(swim, OutcomeEvaluation.Rating.ACHIEVED)],
    )
    # The latest final review's agreed date counts, not an older one's; a draft's not at all.
    final_review(
        plans["agreed at review"],
        worker,
        datetime.date(2025, 6, 1),
        next_review_on=datetime.date(2026, 6, 20),
    )
    final_review(
        plans["agreed at review"],
        worker,
        datetime.date(2026, 2, 1),
        next_review_on=datetime.date(2026, 8, 3),
    )
    # A review not yet finalised does not count.
    final_review(
        plans["agreed at review"],
        worker,
        datetime.date(2026, 5, 1),
        next_review_on=datetime.date(2026, 6, 10),
        status=Review.Status.DRAFT,
    )
    # The plan with no date has no outcome deadlines either.
    Indicator.objects.filter(plan=plans["no date"]).delete()
    Outcome.objects.filter(plan=plans["no date"]).delete()
    return plans


def fetched(plans) -> list[Plan]:
    """The plans as a list page would read them: fresh, nothing loaded with them."""
    return list(Plan.objects.filter(pk__in=[p.pk for p in plans]).order_by("pk"))


def test_it_gives_each_plan_exactly_what_its_own_next_review_gives(varied):
    batch = next_reviews_for(fetched(varied.values()), today=TODAY)
    for name, plan in varied.items():
        assert batch[plan.pk] == next_review_for(fresh(plan), today=TODAY), name


def fresh(plan: Plan) -> Plan:
    return Plan.objects.get(pk=plan.pk)


def test_it_works_out_each_kind_of_review_as_the_rules_say(varied):
    batch = next_reviews_for(fetched(varied.values()), today=TODAY)

    def first(name):
        review = batch[varied[name].pk]
        return review.reasons[0].code, review.due_on

    assert first("first review") == (ReasonCode.FIRST_REVIEW, datetime.date(2026, 6, 12))
    dp = batch[varied["direct payment"].pk]
    assert {r.code for r in dp.reasons} >= {ReasonCode.DIRECT_PAYMENT}
    assert dp.due_on == datetime.date(2026, 7, 10)  # 6 months after 10 January 2026 (R11)
    assert first("urgent") == (ReasonCode.URGENT, datetime.date(2026, 5, 20))
    assert first("requested") == (ReasonCode.REQUESTED, datetime.date(2026, 5, 25))
    closed = batch[varied["closed outcome"].pk]
    assert all("Swim a length" not in r.text for r in closed.reasons)
    assert closed.due_on == datetime.date(2026, 10, 4)  # 4 weeks before the open indicator
    assert first("agreed at review") == (ReasonCode.AGREED_AT_REVIEW, datetime.date(2026, 8, 3))
    assert batch[varied["no date"].pk] is None
    assert batch[varied["draft"].pk] is None


def test_it_logs_only_the_plan_id_when_a_plan_has_no_date(varied, caplog):
    plan = varied["no date"]
    next_reviews_for(fetched([plan]), today=TODAY)
    assert [r.getMessage() for r in caplog.records] == [f"No next review date for plan {plan.pk}"]


def test_it_never_mixes_up_the_triggers_and_reviews_of_different_people(org, team, worker):
    quiet = agreed_plan(org, team, worker)
    urgent = agreed_plan(org, team, worker)
    reviewed = agreed_plan(org, team, worker)
    trigger(urgent, ReviewTrigger.Kind.RISK, datetime.date(2026, 5, 2), worker)
    final_review(
        reviewed, worker, datetime.date(2026, 5, 1), next_review_on=datetime.date(2026, 7, 1)
    )
    alone = {p.pk: next_review_for(fresh(p), today=TODAY) for p in (quiet, urgent, reviewed)}
    together = next_reviews_for(fetched([quiet, urgent, reviewed]), today=TODAY)
    assert together == alone
    assert together[quiet.pk].due_on == datetime.date(2026, 10, 4)
    assert together[urgent.pk].reasons[0].code == ReasonCode.URGENT
    assert together[reviewed.pk].due_on == datetime.date(2026, 7, 1)
    assert ReasonCode.URGENT not in {r.code for r in together[quiet.pk].reasons}


def test_it_takes_triggers_since_each_version_of_the_same_person_was_agreed(org, team, worker):
    """Two plans of one person in one call (an old version passed by mistake): each counts the
    triggers since it was agreed, as its own next review does."""
    new = agreed_plan(org, team, worker, agreed_on=datetime.date(2026, 5, 10))
    old = Plan.objects.create(
        organisation=org,
        person=new.person,
        version_number=2,
        status=Plan.Status.AGREED,
        agreed_at=at(datetime.date(2026, 1, 10)),
        created_by=worker,
    )
    trigger(new, ReviewTrigger.Kind.ASKED, datetime.date(2026, 3, 1), worker)
    together = next_reviews_for(fetched([new, old]), today=TODAY)
    assert together == {p.pk: next_review_for(fresh(p), today=TODAY) for p in (new, old)}
    assert together[old.pk].reasons[0].code == ReasonCode.REQUESTED
    assert ReasonCode.REQUESTED not in {r.code for r in together[new.pk].reasons}


def test_it_follows_each_organisations_timescales(org, team, worker):
    other = testing.make_organisation("Hillside Council", first_review_weeks=2)
    here = agreed_plan(org, team, worker, support_starts_on=datetime.date(2026, 5, 1))
    there = agreed_plan(
        other, testing.make_team(other), worker, support_starts_on=datetime.date(2026, 5, 1)
    )
    together = next_reviews_for(fetched([here, there]), today=TODAY)
    assert together[here.pk].due_on == datetime.date(2026, 6, 12)
    assert together[there.pk].due_on == datetime.date(2026, 5, 15)


def many_plans(org, team, worker, count: int) -> list[Plan]:
    """`count` people, each with an agreed plan of three outcomes (one closed at their last of
    two final reviews), an indicator each, and two triggers – in bulk."""
    from tandem.people.models import Person

    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            allocated_worker=worker,
            given_name="Bulk",
            family_name=f"Person{n}",
            date_of_birth=datetime.date(1950, 1, 1),
            local_identifier=f"BULK-{uuid.uuid4().hex[:12]}",
        )
        for n in range(count)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=p,
            status=Plan.Status.AGREED,
            agreed_at=at(datetime.date(2026, 1, 10)),
            support_starts_on=datetime.date(2026, 1, 20) if n % 2 else None,
            created_by=worker,
        )
        for n, p in enumerate(people)
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            organisation=org,
            plan=plan,
            position=n,
            words=f"Outcome {n}",
            achieve_by=datetime.date(2026, 9, 1) + datetime.timedelta(days=n),
            life_area="ascot:control",
        )
        for plan in plans
        for n in range(3)
    )
    Indicator.objects.bulk_create(
        Indicator(
            organisation=org,
            plan_id=o.plan_id,
            outcome=o,
            description=f"Evidence for {o.words}",
            due_on=o.achieve_by - datetime.timedelta(days=20),
        )
        for o in outcomes
    )
    reviews = Review.objects.bulk_create(
        Review(
            organisation=org,
            person_id=plan.person_id,
            plan=plan,
            status=Review.Status.FINAL,
            held_on=held_on,
            next_review_on=held_on + datetime.timedelta(days=200),
            created_by=worker,
            finalised_by=worker,
        )
        for plan in plans
        for held_on in (datetime.date(2025, 12, 1), datetime.date(2026, 3, 1))
    )
    first_outcome = {o.plan_id: o for o in outcomes if o.position == 0}
    OutcomeEvaluation.objects.bulk_create(
        OutcomeEvaluation(
            review=review,
            outcome_uid=first_outcome[review.plan_id].uid,
            outcome_words="Outcome 0",
            rating=OutcomeEvaluation.Rating.ACHIEVED,
            evidence="Done",
        )
        for review in reviews
    )
    ReviewTrigger.objects.bulk_create(
        ReviewTrigger(
            organisation=org,
            person_id=plan.person_id,
            plan=plan,
            kind=kind,
            details="Something happened",
            happened_on=datetime.date(2026, 5, 1) + datetime.timedelta(days=n % 20),
            recorded_by=worker,
        )
        for n, plan in enumerate(plans)
        for kind in (ReviewTrigger.Kind.ASKED, ReviewTrigger.Kind.RISK)
        if n % 3
    )
    return plans


def count_queries(function, *args, **kwargs) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = function(*args, **kwargs)
    return len(captured), result


def test_it_uses_the_same_number_of_queries_for_10_or_200_plans(org, team, worker):
    small = fetched(many_plans(org, team, worker, 10))
    big = fetched(many_plans(org, team, worker, 200))
    small_count, small_reviews = count_queries(next_reviews_for, small, today=TODAY)
    big_count, big_reviews = count_queries(next_reviews_for, big, today=TODAY)
    # Outcomes, indicators, last reviews, triggers and the organisation.
    assert small_count == big_count == 5
    assert all(review is not None for review in big_reviews.values())
    for plan in big[:3] + big[-3:]:
        assert big_reviews[plan.pk] == next_review_for(fresh(plan), today=TODAY)


def test_it_reads_no_organisation_when_the_plans_come_with_theirs(org, team, worker):
    plans = list(
        Plan.objects.filter(
            pk__in=[p.pk for p in many_plans(org, team, worker, 10)]
        ).select_related("organisation")
    )
    count, _ = count_queries(next_reviews_for, plans, today=TODAY)
    assert count == 4


def test_it_reads_nothing_when_no_plan_is_agreed(org, team, worker, django_assert_num_queries):
    draft = agreed_plan(org, team, worker, status=Plan.Status.DRAFT)
    with django_assert_num_queries(0):
        assert next_reviews_for([draft], today=TODAY) == {draft.pk: None}
        assert next_reviews_for([], today=TODAY) == {}


def consultation(plan: Plan, worker, day: datetime.date) -> Consultation:
    found = Consultation.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        answered_by=worker,
        how_held=Review.HowHeld.FACE_TO_FACE,
    )
    Consultation.objects.filter(pk=found.pk).update(created_at=at(day))
    return found


def test_its_consultation_states_match_each_plans_own(varied, worker, org, team):
    recorded = agreed_plan(org, team, worker, support_starts_on=datetime.date(2026, 5, 1))
    mine = consultation(recorded, worker, datetime.date(2026, 5, 20))
    used = agreed_plan(org, team, worker, support_starts_on=datetime.date(2026, 5, 1))
    consultation(used, worker, datetime.date(2026, 3, 20))
    final_review(used, worker, datetime.date(2026, 4, 1))
    plans = fetched([*varied.values(), recorded, used])
    reviews = next_reviews_for(plans, today=TODAY)

    count, states = count_queries(consultation_states_for, plans, today=TODAY, next_reviews=reviews)

    assert count == 1
    for plan in plans:
        review = reviews[plan.pk]
        alone = consultation_state(plan, today=TODAY, next_review=review) if review else None
        assert states[plan.pk] == alone
    assert states[recorded.pk].state == State.RECORDED
    assert states[recorded.pk].consultation == mine
    assert states[used.pk].state == State.DUE
    assert states[varied["agreed at review"].pk].state == State.NOT_YET_DUE
    assert states[varied["urgent"].pk].state == State.DUE
    assert states[varied["no date"].pk] is None


def test_its_consultation_states_take_the_same_queries_for_10_or_200_plans(org, team, worker):
    counts = []
    for size in (10, 200):
        plans = fetched(many_plans(org, team, worker, size))
        for plan in plans[::3]:
            consultation(plan, worker, datetime.date(2026, 5, 20))
        reviews = next_reviews_for(plans, today=TODAY)
        count, states = count_queries(
            consultation_states_for, plans, today=TODAY, next_reviews=reviews
        )
        counts.append(count)
        assert sum(s.state == State.RECORDED for s in states.values()) == len(plans[::3])
    assert counts == [1, 1]


def test_it_leaves_the_organisation_on_the_plans_it_read_it_for(
    org, team, worker, django_assert_num_queries
):
    plans = fetched(many_plans(org, team, worker, 3))
    next_reviews_for(plans, today=TODAY)
    with django_assert_num_queries(0):
        assert {plan.organisation.name for plan in plans} == {org.name}

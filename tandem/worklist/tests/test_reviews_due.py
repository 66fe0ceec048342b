"""The reviews app's due items (tandem.reviews.due), read through the worklist's registry: what
shows when, for whom, and in a fixed number of queries however many people."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem import testing
from tandem.accounts.models import Role
from tandem.reviews.models import Review, ReviewTrigger
from tandem.reviews.tests.test_due_batch import agreed_plan
from tandem.worklist.due import items_for_people, worklist_for

# Records are changed straight through the ORM here, between reads.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("due_items_not_kept")]

# agreed_plan: agreed 10 January 2026, an outcome due 1 December 2026 (indicator 1 November):
# R2 (4 weeks before the indicator) gives a review on 4 October 2026; consultation 6 September.
REVIEW_ON = datetime.date(2026, 10, 4)


def test_a_review_shows_from_its_consultation_date_with_its_rule(org, team, worker):
    plan = agreed_plan(org, team, worker)
    before = items_for_people([plan.person], datetime.date(2026, 9, 5))
    assert before == []
    items = items_for_people([plan.person], datetime.date(2026, 9, 6))
    # The consultation comes due first (4 weeks before), so it is listed first.
    assert [(i.kind, i.due_on) for i in items] == [
        ("consultation", datetime.date(2026, 9, 6)),
        ("review", REVIEW_ON),
    ]
    review = items[1]
    assert review.due_on == REVIEW_ON
    assert "(R2)" in review.why
    assert review.url == f"/reviews/plans/{plan.pk}/"
    assert not review.is_overdue(REVIEW_ON)
    assert review.is_overdue(REVIEW_ON + datetime.timedelta(days=1))


def test_a_review_keeps_its_key_while_its_date_moves_day_by_day(org, team, worker):
    """R2: once the lead time before the indicator (1 November) has begun, the review is due
    "today" each day; reminders and calendar events follow the one review by its key."""
    plan = agreed_plan(org, team, worker)
    days = [datetime.date(2026, 10, 10), datetime.date(2026, 10, 11)]
    reviews = [
        i for day in days for i in items_for_people([plan.person], day) if i.kind == "review"
    ]
    assert [r.due_on for r in reviews] == days
    assert reviews[0].key == reviews[1].key


def test_a_review_made_urgent_is_a_new_item(org, team, worker):
    plan = agreed_plan(org, team, worker)
    day = datetime.date(2026, 9, 10)
    (before,) = [i for i in items_for_people([plan.person], day) if i.kind == "review"]
    ReviewTrigger.objects.create(
        organisation=org,
        plan=plan,
        person=plan.person,
        kind=ReviewTrigger.Kind.CONTINGENCY,
        happened_on=day,
        details="Fell at home",
        recorded_by=worker,
    )
    (after,) = [i for i in items_for_people([plan.person], day) if i.kind == "review"]
    assert after.urgent and after.due_on == day
    assert after.key != before.key


def test_a_review_held_shows_its_record_instead(org, team, worker):
    plan = agreed_plan(org, team, worker)
    Review.objects.create(
        organisation=org,
        person=plan.person,
        plan=plan,
        held_on=datetime.date(2026, 10, 1),
        created_by=worker,
    )
    items = items_for_people([plan.person], datetime.date(2026, 10, 2))
    assert [(i.kind, i.due_on) for i in items] == [("review_record", datetime.date(2026, 10, 22))]


def test_only_the_allocated_worker_and_escalation_reach_a_manager(org, team, worker):
    plan = agreed_plan(org, team, worker)
    manager = testing.make_user(org, role=Role.TEAM_MANAGER, teams=(team,))
    colleague = testing.make_worker(org, team)
    day = REVIEW_ON + datetime.timedelta(days=1)
    assert {e.item.kind for e in worklist_for(worker, day)} == {"review", "consultation"}
    assert worklist_for(colleague, day) == []
    # The consultation (due 6 September) is overdue by more than 14 days; the review is not.
    escalated = worklist_for(manager, day)
    assert [(e.item.kind, e.escalated) for e in escalated] == [("consultation", True)]
    assert worklist_for(manager, day, kinds=["review"]) == []
    assert plan.person_id == escalated[0].person.pk


def test_the_queries_do_not_grow_with_the_caseload(org, team, worker):
    day = datetime.date(2026, 9, 10)
    agreed_plan(org, team, worker)
    with CaptureQueriesContext(connection) as one:
        assert len(worklist_for(worker, day)) == 2
    for _ in range(9):
        agreed_plan(org, team, worker)
    with CaptureQueriesContext(connection) as ten:
        assert len(worklist_for(worker, day)) == 20
    assert len(ten) == len(one)

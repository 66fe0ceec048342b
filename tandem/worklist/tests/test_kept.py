"""Due items kept in the cache (tandem.worklist.due): read again without being worked out, and
worked out afresh as soon as the person's record changes, the organisation's timescales change,
or the day turns."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, RecordChange
from tandem.audit.services import audit_record
from tandem.plans.models import Action
from tandem.reviews.models import ActionProgress, ReviewTrigger
from tandem.reviews.services import progress_record, trigger_record
from tandem.reviews.services.timescales import NAMES, timescales_update
from tandem.reviews.tests.test_due_batch import agreed_plan
from tandem.worklist.due import _cache_keys, items_for_people, worklist_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    # The services date what they record by the real day.
    return timezone.localdate()


@pytest.fixture
def plan(org, team, worker):
    plan = agreed_plan(org, team, worker)
    Action.objects.create(
        organisation=org,
        plan=plan,
        outcome=plan.outcomes.get(),
        description="Book the taxi to the club",
        kind=Action.Kind.COMMUNITY,
        responsible_is_person=True,
        due_on=datetime.date(2026, 5, 20),
    )
    return plan


@pytest.fixture
def unchecked(settings):
    """As in production: what is kept is not worked out again to check it (conftest.py)."""
    settings.DUE_CACHE_CHECK = False


def read(person, day) -> tuple[list, int]:
    with CaptureQueriesContext(connection) as queries:
        items = items_for_people([person], day)
    return items, len(queries)


def kinds(person, day) -> set[str]:
    return {item.kind for item in items_for_people([person], day)}


def test_a_second_read_gives_the_same_items_with_fewer_queries(plan, today, unchecked):
    first, worked_out = read(plan.person, today)
    again, kept = read(plan.person, today)
    assert again == first
    assert {"action", "review"} <= {item.kind for item in first}
    assert kept < worked_out


def test_progress_recorded_through_the_service_shows_at_once(plan, worker, today):
    assert "action" in kinds(plan.person, today)
    progress_record(
        plan=plan,
        action=plan.actions.get(),
        status=ActionProgress.Status.DONE,
        happened_on=today,
        actor=worker,
    )
    assert "action" not in kinds(plan.person, today)


def test_a_review_asked_for_through_the_service_is_urgent_at_once(plan, worker, today):
    assert not any(item.urgent for item in items_for_people([plan.person], today))
    trigger_record(
        person=plan.person,
        plan=plan,
        kind=ReviewTrigger.Kind.CONTINGENCY,
        details="Fell at home",
        happened_on=today,
        actor=worker,
    )
    [review] = [item for item in items_for_people([plan.person], today) if item.kind == "review"]
    assert review.urgent


def test_viewing_the_record_keeps_what_was_worked_out(plan, worker, today, unchecked):
    _, worked_out = read(plan.person, today)
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="Viewed", person=plan.person)
    assert not RecordChange.objects.filter(person=plan.person).exists()
    _, queries = read(plan.person, today)
    assert queries < worked_out


def test_new_timescales_move_the_review_at_once(org, plan, today):
    [before] = [
        i for i in items_for_people([plan.person], today, upcoming=True) if i.kind == "review"
    ]
    admin = testing.make_worker(org, role=Role.ADMINISTRATOR)
    data = {name: getattr(org, name) for name in NAMES}
    timescales_update(
        organisation=org,
        data={**data, "review_interval_months": 6},
        revision=org.timescales_revision,
        actor=admin,
    )
    [after] = [
        i for i in items_for_people([plan.person], today, upcoming=True) if i.kind == "review"
    ]
    assert after.due_on != before.due_on


def test_another_day_is_worked_out_for_that_day(plan, unchecked):
    """The indicator is due on 1 November 2026: kept for 31 October, it is not what 1 November
    reads (checked with the cache alone, as in production)."""
    before, on_the_day = datetime.date(2026, 10, 31), datetime.date(2026, 11, 1)
    assert "indicator" not in kinds(plan.person, before)
    assert "indicator" in kinds(plan.person, on_the_day)


def test_a_change_that_was_not_audited_fails_the_tests(plan, worker, today):
    """The check the tests run with (DUE_CACHE_CHECK): a change made without an audit event,
    which would leave a stale worklist, is found."""
    items_for_people([plan.person], today)
    ActionProgress.objects.create(
        organisation=plan.organisation,
        plan=plan,
        action_uid=plan.actions.get().uid,
        status=ActionProgress.Status.DONE,
        happened_on=today,
        recorded_by=worker,
    )
    with pytest.raises(AssertionError, match="was not audited"):
        items_for_people([plan.person], today)


def test_what_was_worked_out_in_a_rolled_back_change_is_never_read(plan, worker, today):
    assert "action" in kinds(plan.person, today)
    with pytest.raises(RuntimeError), transaction.atomic():
        progress_record(
            plan=plan,
            action=plan.actions.get(),
            status=ActionProgress.Status.DONE,
            happened_on=today,
            actor=worker,
        )
        assert "action" not in kinds(plan.person, today)  # kept under the change's own token
        raise RuntimeError("the change fails")
    assert "action" in kinds(plan.person, today)


def test_a_worker_works_out_only_the_people_allocated_to_them(
    org, team, worker, manager, plan, today
):
    """Kept items are never for someone named, nor for managers only: a worker who is not a
    manager sees them only for their own people, so no one else's are worked out."""
    colleague = testing.make_worker(org, team)
    theirs = agreed_plan(org, team, colleague).person
    keys = _cache_keys([plan.person, theirs], today)
    assert {e.person.pk for e in worklist_for(worker, today)} == {plan.person.pk}
    assert caches["due"].has_key(keys[plan.person.pk])
    assert not caches["due"].has_key(keys[theirs.pk])
    # The team's manager sees the worker's action long overdue (escalated), from the same kept
    # items, and works out the colleague's.
    escalated = [e for e in worklist_for(manager, today) if e.item.kind == "action"]
    assert [e.person.pk for e in escalated] == [plan.person.pk]
    assert caches["due"].has_key(keys[theirs.pk])

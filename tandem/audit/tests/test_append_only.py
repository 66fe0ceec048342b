"""The audit trail only ever grows: the ORM refuses to change or remove an event, and so does the
database itself (PostgreSQL and SQLite triggers), whatever SQL is sent."""

import pytest
from django.db import DatabaseError, connection, transaction

from tandem import testing
from tandem.audit.models import AppendOnlyError, AuditAction, AuditEvent
from tandem.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(worker, person):
    return audit_record(
        actor=worker, action=AuditAction.PERSON_VIEW, summary="Viewed", person=person
    )


def _unchanged(event: AuditEvent) -> None:
    row = AuditEvent.objects.values("summary", "action").get(pk=event.pk)
    assert row == {"summary": "Viewed", "action": AuditAction.PERSON_VIEW}


def test_it_refuses_to_save_an_event_again(event):
    event.summary = "Rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    _unchanged(event)


def test_it_refuses_to_delete_an_event(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    _unchanged(event)


@pytest.mark.parametrize(
    "change",
    [
        lambda qs: qs.update(summary="Rewritten"),
        lambda qs: qs.delete(),
        lambda qs: AuditEvent.objects.bulk_update(
            [AuditEvent(pk=qs.get().pk, summary="Rewritten")], ["summary"]
        ),
        lambda qs: AuditEvent.objects.update_or_create(
            pk=qs.get().pk, defaults={"summary": "Rewritten"}
        ),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_it_refuses_bulk_changes_through_the_orm(event, change):
    with pytest.raises(AppendOnlyError):
        change(AuditEvent.objects.filter(pk=event.pk))
    _unchanged(event)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET summary = 'Rewritten' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_raw_sql_that_changes_an_event(event, sql):
    """On both databases the suite runs on (make test runs it on SQLite and PostgreSQL)."""
    with pytest.raises(DatabaseError, match="only ever grows"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    _unchanged(event)


def test_the_database_refuses_to_empty_the_audit_table(event):
    """TRUNCATE on PostgreSQL; on SQLite, which has none, its equivalent: a DELETE of every row
    (SQLite's "truncate optimisation", which the trigger must not let through either)."""
    with pytest.raises(DatabaseError, match="only ever grows"):
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The test's own inserts' foreign keys are checked first, as a real session's
                # would be.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE audit_auditevent CASCADE")
            else:
                cursor.execute("DELETE FROM audit_auditevent")
    _unchanged(event)


def test_a_plan_with_events_cannot_be_deleted(worker, person):
    """The plan's link was SET_NULL, which would be an UPDATE of audit rows: now PROTECT."""
    from django.db.models import ProtectedError

    plan = testing.make_plan(person, worker)
    assert AuditEvent.objects.filter(plan=plan).exists()
    with pytest.raises(ProtectedError):
        plan.delete()


def test_new_events_are_still_written(event, worker, person):
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="Again", person=person)
    assert AuditEvent.objects.filter(person=person).count() == 2

"""Audit events are written by the service that makes the change, in its transaction."""

import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tandem.audit.models import VIEW_ACTIONS, AuditAction, AuditEvent, RecordChange

if TYPE_CHECKING:
    from django.core.paginator import Page

    from tandem.accounts.models import Organisation, User
    from tandem.people.models import Person
    from tandem.plans.models import Plan

# The address of the request being handled (middleware.AuditAddressMiddleware); None outside a
# request (the background worker, a command).
request_address: ContextVar[str | None] = ContextVar("audit_request_address", default=None)


def audit_record(
    *,
    actor: "User | None",
    action: AuditAction,
    summary: str,
    person: "Person | None" = None,
    plan: "Plan | None" = None,
    detail: dict[str, Any] | None = None,
    organisation: "Organisation | None" = None,
) -> AuditEvent:
    """`organisation` names whose trail an event joins when it is about no plan or person and not
    the actor's own: an operator (a superuser) changing an organisation's users or teams."""
    organisation_id = (
        plan.organisation_id
        if plan
        else person.organisation_id
        if person
        else organisation.pk
        if organisation
        else actor.organisation_id
        if actor
        else None
    )
    if organisation_id is None and action != AuditAction.SIGN_IN_FAILED:
        # Every event belongs to an organisation but a failed sign-in by a username no one has.
        raise ValueError("An audit event needs a plan, a person or an actor in an organisation.")
    # The id, not the object: reading plan.person would cost a query for every event.
    person_id = person.pk if person is not None else plan.person_id if plan else None
    event = AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        person_id=person_id,
        plan=plan,
        action=AuditAction(action),  # refuses anything not in the typed list
        summary=summary[:500],
        detail=detail or {},
        ip_address=request_address.get(),
    )
    if person_id is not None and event.action not in VIEW_ACTIONS:
        record_changed(person_id)
    return event


def record_changed(person_id: int) -> None:
    """A new RecordChange token for the person, in the change's own transaction: what was worked
    out from their record before it (their due items) is worked out again. One query."""
    RecordChange.objects.bulk_create(
        [RecordChange(person_id=person_id, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["person"],
        update_fields=["token"],
    )


# A page of a list shows at most this many people; an event never names more.
LIST_LIMIT = 100


def audit_list_view(
    *,
    actor: "User",
    action: AuditAction,
    summary: str,
    people: Iterable[int],
    filters: dict[str, Any],
    page: int,
) -> AuditEvent | None:
    """One event for one page of a list or search of people (never one per person): what was
    asked for, which page, and which people it showed, so 'who saw this person in a list' can
    be answered too."""
    if actor.organisation_id is None:
        return None  # outside any organisation a list shows no one
    shown = list(dict.fromkeys(people))[:LIST_LIMIT]
    return audit_record(
        actor=actor,
        action=action,
        summary=summary,
        detail={"filters": filters, "page": page, "people": shown},
    )


def audit_list_export(
    *,
    actor: "User",
    action: AuditAction,
    summary: str,
    people: Iterable[int],
    filters: dict[str, Any],
    rows: int,
) -> AuditEvent | None:
    """One event for a list downloaded as a spreadsheet, as a view of the list: what was asked
    for, how many rows the file held, and every person in it. Unlike a page it is not capped at
    LIST_LIMIT: the file holds them all, so each must be found by 'who saw this person'."""
    if actor.organisation_id is None:
        return None  # outside any organisation a list holds no one
    return audit_record(
        actor=actor,
        action=action,
        summary=summary,
        detail={
            "filters": filters,
            "format": "csv",
            "rows": rows,
            "people": sorted(set(people)),
        },
    )


def audit_log_record_view(*, actor: "User", filters: dict[str, str], page: "Page") -> None:
    """Reading the audit log is reading personal data too: who read which page, with which
    filters, and which people its events were about."""
    audit_record(
        actor=actor,
        action=AuditAction.AUDIT_LOG_VIEW,
        summary=_("Viewed the audit log"),
        detail={
            "filters": filters,
            "page": page.number,
            "people": sorted({e.person_id for e in page if e.person_id is not None}),
        },
    )

"""Audit events are written by the service that makes the change, in its transaction."""

from typing import TYPE_CHECKING, Any

from tandem.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from tandem.accounts.models import Organisation, User
    from tandem.people.models import Person
    from tandem.plans.models import Plan


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
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        # The id, not the object: reading plan.person would cost a query for every event.
        person_id=person.pk if person is not None else plan.person_id if plan else None,
        plan=plan,
        action=AuditAction(action),  # refuses anything not in the typed list
        summary=summary[:500],
        detail=detail or {},
    )

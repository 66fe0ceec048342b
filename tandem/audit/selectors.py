from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import QuerySet

from tandem.audit.models import SAFEGUARDING_ACTIONS, VIEW_ACTIONS, AuditAction, AuditEvent

if TYPE_CHECKING:
    from tandem.plans.models import Plan


def earlier_submission(
    *, actor: Any, action: AuditAction, submission_key: UUID | None, **scope: Any
) -> dict[str, Any] | None:
    """What an earlier copy of the same form recorded (a double click, a browser retrying): the
    detail of its audit event, which keeps the form's one-time key; None for a first submission.
    `scope` narrows the search (`plan=`, `person=`)."""
    if submission_key is None:
        return None
    return (
        AuditEvent.objects.filter(
            actor=actor, action=action, detail__submission_key=str(submission_key), **scope
        )
        .values_list("detail", flat=True)
        .first()
    )


def plan_changes(plan: "Plan", *, limit: int = 20) -> QuerySet[AuditEvent]:
    """Recent changes to a plan version, newest first, for 'who changed what and when'."""
    return (
        AuditEvent.objects.filter(plan=plan)
        .exclude(action__in=VIEW_ACTIONS)
        # Everyone who can see the plan sees this list: a safeguarding referral must never show
        # here, where it could warn the person a concern is about.
        .exclude(action__in=SAFEGUARDING_ACTIONS)
        .select_related("actor")[:limit]
    )


def part_removal(plan: "Plan", *, kind: str, pk: int) -> dict | None:
    """What was recorded when a part of this plan was removed (its kind, id, uid and parent), or
    None if no part of this plan with that id was ever removed."""
    event = (
        AuditEvent.objects.filter(
            plan=plan, action=AuditAction.PART_DELETE, detail__kind=kind, detail__id=pk
        )
        .only("detail")
        .first()
    )
    return event.detail if event else None

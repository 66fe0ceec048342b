from typing import TYPE_CHECKING

from django.db.models import QuerySet

from tandem.audit.models import SAFEGUARDING_ACTIONS, VIEW_ACTIONS, AuditAction, AuditEvent

if TYPE_CHECKING:
    from tandem.plans.models import Plan


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

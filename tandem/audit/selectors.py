from django.db.models import QuerySet

from tandem.audit.models import AuditEvent


def plan_changes(plan, *, limit: int = 20) -> QuerySet[AuditEvent]:
    """Recent changes to a plan version, newest first, for 'who changed what and when'."""
    return (
        AuditEvent.objects.filter(plan=plan)
        .exclude(action__endswith=".view")
        # Everyone who can see the plan sees this list: a safeguarding referral must never show
        # here, where it could warn the person a concern is about.
        .exclude(action__startswith="safeguarding.")
        .select_related("actor")[:limit]
    )

from django.db.models import QuerySet

from tandem.audit.models import AuditEvent


def plan_changes(plan, *, limit: int = 20) -> QuerySet[AuditEvent]:
    """Recent changes to a plan version, newest first, for 'who changed what and when'."""
    return (
        AuditEvent.objects.filter(plan=plan)
        .exclude(action__endswith=".view")
        .select_related("actor")[:limit]
    )

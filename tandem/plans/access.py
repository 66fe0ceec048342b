"""One way in to a plan: fetch, authorise and audit, without a request.

Every page, and later the API and background tasks, reaches a plan through `plan_get_for_user`,
so a plan is never shown to someone without a relationship to the person (404, so ids reveal
nothing), never changed by a role that may not (403), and never read without an audit row.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.plans.models import Plan
from tandem.plans.selectors import get_plan_for_user


def plan_get_for_user(
    *,
    user: User,
    pk: int,
    purpose: str,
    allowed: Callable[[User], bool] | None = None,
    action: AuditAction = AuditAction.PLAN_VIEW,
    summary: str = "",
) -> Plan:
    """The plan, if this user may see it (404 otherwise) and may do this with it (403).

    Reading is audited here whatever brings the user (a page, a refused form, the API), with the
    purpose (e.g. the page) in the audit detail; changes are audited by the services."""
    plan = get_plan_for_user(user, pk)
    if allowed is not None and not allowed(user):
        raise PermissionDenied
    audit_record(
        actor=user,
        action=action,
        summary=summary or _("Viewed the plan"),
        plan=plan,
        detail={"page": purpose},
    )
    return plan

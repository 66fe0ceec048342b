"""What every plan page starts with: fetch and authorise the plan."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tandem.audit.services import audit_record
from tandem.plans.models import Plan
from tandem.plans.selectors import get_plan_for_user


def posted(request):
    """The submitted data on a POST (even when empty, so required answers are asked for)."""
    return request.POST if request.method == "POST" else None


def plan_for(request, pk, *, allowed=None) -> Plan:
    """Fetch and authorise: 404 without a relationship, 403 when the role may not do this.

    Every page that shows a plan is a view of the person's record, so a GET is audited here;
    changes are audited by the services that make them."""
    plan = get_plan_for_user(request.user, pk)
    if allowed is not None and not allowed(request.user):
        raise PermissionDenied
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="plan.view",
            summary=_("Viewed the plan"),
            plan=plan,
            detail={"page": request.resolver_match.url_name if request.resolver_match else ""},
        )
    return plan


def require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise PermissionDenied(_("This version of the plan has been agreed and cannot be changed."))

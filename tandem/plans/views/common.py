"""What every plan page starts with: fetch and authorise the plan; and how a refused save keeps
what the user typed."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan


def posted(request):
    """The submitted data on a POST (even when empty, so required answers are asked for)."""
    return request.POST if request.method == "POST" else None


def plan_for(request, pk, *, allowed=None) -> Plan:
    """Fetch, authorise and audit (see plans/access.py): 404 without a relationship, 403 when
    the role may not do this."""
    purpose = request.resolver_match.url_name if request.resolver_match else ""
    return plan_get_for_user(user=request.user, pk=pk, purpose=purpose, allowed=allowed)


def require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise PermissionDenied(_("This version of the plan has been agreed and cannot be changed."))


def saved_values(form, saved) -> list[tuple[str, object]]:
    """What is saved now, labelled as on the form, for someone whose save was refused."""
    rows = []
    for name in form._meta.fields:
        if name in form.fields:
            display = getattr(saved, f"get_{name}_display", None)
            rows.append((form[name].label, display() if display else getattr(saved, name)))
    return rows


def conflicted(form, conflict, current_revision: int):
    """Keep what the user typed, say why it was not saved, and let a second save go through."""
    data = form.data.copy()
    data["revision"] = current_revision
    kwargs = dict(getattr(form, "extra_kwargs", {}))
    if hasattr(form, "instance"):
        kwargs["instance"] = form.instance
    fresh = type(form)(data, **kwargs)
    fresh.is_valid()
    fresh.add_error(None, str(conflict))
    return fresh

"""A team manager's decision on a plan's cost (P8, P5): a worker asks or withdraws; a manager
of the person's team reads their queue and decides."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tandem.accounts import access
from tandem.audit.models import AuditAction
from tandem.budgets.forms.decisions import DecisionAskForm, DecisionDecideForm
from tandem.budgets.models import BudgetDecision
from tandem.budgets.services import decisions as services
from tandem.errors import Refused
from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.plans.views.common import plan_for, posted

PER_PAGE = 25
COSTS = "costs"  # the plan's section where the decision is shown and asked for


def _back_to_costs(plan: Plan):
    if plan.is_editable:
        return redirect("plans:section", pk=plan.pk, section=COSTS)
    return redirect("plans:detail", pk=plan.pk)


def _social_work_parts(snapshot: dict) -> list[str]:
    """The actions and support arrangements that use social-work resources (P5)."""
    return [
        entry.get("description", "")
        for key in ("actions", "supports")
        for entry in snapshot.get(key, [])
        if entry.get("funded_by") == "social_work"
    ]


@require_http_methods(["GET", "POST"])
def decision_ask(request, plan_pk):
    plan = plan_for(request, plan_pk, allowed=access.can_coordinate_plan)
    if not plan.is_editable:
        messages.error(
            request,
            _("This version of the plan has been agreed: a decision can no longer be asked for."),
        )
        return redirect("plans:detail", pk=plan.pk)
    snapshot = plan_snapshot(load_plan_parts(plan))
    refusal = services.ask_refusal(snapshot["costing"])
    if refusal and request.method != "POST":
        # A POST goes to the service, which gives a double click its first request back.
        messages.error(request, refusal)
        return _back_to_costs(plan)
    form = DecisionAskForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_ask(
                plan=plan,
                reason=form.cleaned_data["reason"],
                submission_key=form.cleaned_data["submission_key"],
                actor=request.user,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("A team manager has been asked to decide"))
            return _back_to_costs(plan)
    return render(
        request,
        "budgets/decisions/ask.html",
        {
            "plan": plan,
            "person": plan.person,
            "snapshot": snapshot,
            "costing": snapshot["costing"],
            "social_work_parts": _social_work_parts(snapshot),
            "form": form,
        },
    )


@require_POST
def decision_withdraw(request, plan_pk, pk):
    plan = plan_for(request, plan_pk, allowed=access.can_coordinate_plan)
    try:
        decision = plan.budget_decisions.get(pk=pk)
    except (BudgetDecision.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    try:
        services.decision_withdraw(decision=decision, actor=request.user)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request for a decision has been withdrawn"))
    return _back_to_costs(plan)


def _require_manager(user) -> None:
    # Only a team manager in an organisation has a queue; reading it is audited per organisation.
    if not user.is_manager or user.organisation_id is None:
        raise PermissionDenied


@require_safe
def decision_queue(request):
    _require_manager(request.user)
    page = Paginator(services.waiting_for_manager(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    recent = services.decided_recently(request.user)
    services.decision_queue_view(decisions=[*page, *recent], actor=request.user)
    rows = [{"decision": d, "over_by": services.over_by(d)} for d in page]
    return render(
        request, "budgets/decisions/queue.html", {"page": page, "rows": rows, "recent": recent}
    )


@require_http_methods(["GET", "POST"])
def decision_decide(request, pk):
    _require_manager(request.user)
    decision = services.decision_get_for_manager(request.user, pk)
    plan = plan_get_for_user(
        user=request.user,
        pk=decision.plan_id,
        purpose="decide",
        action=AuditAction.DECISION_VIEW,
        summary=_("Read a request for a decision on the plan’s cost"),
    )
    snapshot = plan_snapshot(load_plan_parts(plan))
    waiting = decision.status == BudgetDecision.Status.WAITING and plan.is_editable
    form = DecisionDecideForm(posted(request) if waiting else None)
    # Decided by someone else (or withdrawn) since this manager opened the page.
    notice = services.already_settled(decision) if request.method == "POST" and not waiting else ""
    if waiting and request.method == "POST" and form.is_valid():
        try:
            services.decision_decide(
                decision=decision,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["decision_reason"],
                actor=request.user,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your decision has been recorded"))
            return redirect("budgets:queue")
    return render(
        request,
        "budgets/decisions/decide.html",
        {
            "plan": plan,
            "person": plan.person,
            "decision": decision,
            "waiting": waiting,
            "over_by": services.over_by(decision),
            "snapshot": snapshot,
            "costing": snapshot["costing"],
            "risen": services.risen_since(decision, snapshot["costing"]) if waiting else [],
            "form": form,
            "notice": notice,
        },
    )


urlpatterns = [
    path("plans/<int:plan_pk>/decision/", decision_ask, name="ask"),
    path("plans/<int:plan_pk>/decision/<int:pk>/withdraw/", decision_withdraw, name="withdraw"),
    path("decisions/", decision_queue, name="queue"),
    path("decisions/<int:pk>/", decision_decide, name="decide"),
]

"""Between reviews: carrying out the agreed plan, progress on its actions, and what calls for a
review (R1, R10)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.audit.models import AuditAction
from tandem.errors import Refused
from tandem.people.access import person_get_for_user
from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan
from tandem.reviews import progress, services
from tandem.reviews.forms import ProgressForm, ReviewRequestForm, TriggerForm
from tandem.reviews.models import ReviewTrigger


def _purpose(request) -> str:
    return request.resolver_match.url_name if request.resolver_match else ""


def _posted(request):
    return request.POST if request.method == "POST" else None


def _agreed_plan(request, pk, *, allowed=None, action=AuditAction.PLAN_VIEW) -> Plan:
    """Fetch, authorise and audit; only the agreed plan in force is carried out."""
    plan = plan_get_for_user(
        user=request.user, pk=pk, purpose=_purpose(request), allowed=allowed, action=action
    )
    if plan.status != Plan.Status.AGREED:
        raise PermissionDenied(
            _("Progress is recorded on the plan in force, once it has been agreed.")
        )
    return plan


@require_safe
def carrying_out(request, plan_pk):
    plan = _agreed_plan(request, plan_pk, action=AuditAction.CARRYING_OUT_VIEW)
    return render(
        request,
        "reviews/carrying_out.html",
        {
            "plan": plan,
            "person": plan.person,
            "rows": progress.action_rows(plan, timezone.localdate()),
            "triggers": progress.triggers_for(plan),
            "can_record": services.may_record_progress(request.user),
            "can_trigger": request.user.is_worker,
        },
    )


@require_http_methods(["GET", "POST"])
def action_progress(request, plan_pk, action_pk):
    plan = _agreed_plan(request, plan_pk, allowed=services.may_record_progress)
    action = progress.get_action(plan, action_pk)
    agreed_on = services.plan_agreed_on(plan)
    form = ProgressForm(
        _posted(request), agreed_on=agreed_on, initial={"happened_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_record(
                plan=plan, action=action, actor=request.user, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Progress on the action has been recorded"))
            return redirect("reviews:carrying_out", plan_pk=plan.pk)
    return render(
        request,
        "reviews/progress.html",
        {
            "plan": plan,
            "person": plan.person,
            "action": action,
            "history": progress.action_history(plan, action),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def trigger(request, plan_pk):
    """R10: a worker records a contingency triggered, a change of circumstances or a rise in
    risk; it makes an urgent review due."""
    plan = _agreed_plan(request, plan_pk, allowed=lambda user: user.is_worker)
    form = TriggerForm(
        _posted(request),
        kinds=services.trigger_kinds_for(request.user),
        initial={"happened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trigger_record(
                person=plan.person, plan=plan, actor=request.user, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("It has been recorded, and a review is now due"))
            return redirect("reviews:carrying_out", plan_pk=plan.pk)
    return render(
        request, "reviews/trigger.html", {"plan": plan, "person": plan.person, "form": form}
    )


@require_http_methods(["GET", "POST"])
def review_request(request, person_pk):
    """R1: the person asks for a review at any time, from their own login (or a worker records
    that they asked)."""
    person = person_get_for_user(
        user=request.user,
        pk=person_pk,
        purpose=_purpose(request),
        allowed=services.may_record_trigger,
    )
    form = ReviewRequestForm(_posted(request), for_self=not request.user.is_worker)
    if request.method == "POST" and form.is_valid():
        plan = person.plans.filter(status=Plan.Status.AGREED).first()
        try:
            services.trigger_record(
                person=person,
                plan=plan,
                kind=ReviewTrigger.Kind.ASKED,
                happened_on=timezone.localdate(),
                actor=request.user,
                **form.cleaned_data,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The request for a review has been recorded"))
            return redirect("people:detail", pk=person.pk)
    return render(request, "reviews/request.html", {"person": person, "form": form})

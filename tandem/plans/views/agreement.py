"""Agreeing a plan (A1), disagreements (A1–A3) and new versions (A4)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts import access
from tandem.plans import services
from tandem.plans.forms import (
    AgreementForm,
    DecisionForm,
    DisagreementForm,
    EndPlanForm,
)
from tandem.plans.models import Plan
from tandem.plans.parts import registry
from tandem.plans.provider_part import plan_view
from tandem.plans.selectors import get_disagreement
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.plans.views.common import plan_for, posted


@require_http_methods(["GET", "POST"])
def plan_agree(request, pk):
    """A1: record who agreed, how and when, with any areas of disagreement noted."""
    plan = plan_for(request, pk, allowed=access.can_coordinate_plan)
    if plan.status != Plan.Status.READY:
        messages.error(request, _("Only a plan that has been sent for agreement can be agreed."))
        return redirect("plans:detail", pk=plan.pk)
    form = AgreementForm(posted(request), person=plan.person, initial={"worker_agrees": True})
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.plan_record_agreement(
                plan=plan, parties=form.parties(worker=request.user), actor=request.user
            )
        except services.AgreementIncomplete as incomplete:
            for problem in incomplete.problems:
                form.add_error(None, problem)
        except services.PlanError as error:
            if Plan.objects.filter(pk=plan.pk, status=Plan.Status.AGREED).exists():
                # Agreed while this form was sent: by a second click on the button, or by
                # someone else. Show the plan as agreed, not a form that can't be sent again.
                messages.info(request, _("This plan has already been agreed"))
                return redirect("plans:detail", pk=plan.pk)
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The plan has been agreed and copy %(number)s issued") % {"number": issue.number},
            )
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/agree.html",
        {
            "plan": plan,
            "person": plan.person,
            "form": form,
            "disagreements": plan.disagreements.all(),
        },
    )


@require_http_methods(["GET", "POST"])
def disagreement_add(request, pk):
    plan = plan_for(request, pk, allowed=access.can_add_disagreement)
    form = DisagreementForm(
        posted(request),
        initial={"section": request.GET.get("section", ""), "raised_on": timezone.localdate()},
        actor=request.user,
        snapshot=plan_snapshot(load_plan_parts(plan)),
        started_on=timezone.localdate(plan.created_at),
        view=plan_view(request.user, plan.person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            disagreement = services.disagreement_add(
                plan=plan, actor=request.user, **form.cleaned_data
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            if disagreement.issue:
                messages.success(
                    request,
                    _("The disagreement has been added and the plan re-issued as copy %(number)s")
                    % {"number": disagreement.issue.number},
                )
            else:
                messages.success(request, _("The area of disagreement has been noted in the plan"))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "plans/disagreement_form.html", {"plan": plan, "person": plan.person, "form": form}
    )


@require_http_methods(["GET", "POST"])
def disagreement_decide(request, pk, disagreement_pk):
    """A3: the coordinator records whether the plan must be reviewed or renegotiated."""
    plan = plan_for(request, pk, allowed=access.can_coordinate_plan)
    disagreement = get_disagreement(plan, disagreement_pk)
    form = DecisionForm(posted(request), instance=disagreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.disagreement_decide(
                disagreement=disagreement,
                renegotiation=form.cleaned_data["renegotiation"],
                reason=form.cleaned_data["renegotiation_reason"],
                actor=request.user,
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your decision has been recorded"))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/decision_form.html",
        {
            "plan": plan,
            "person": plan.person,
            "disagreement": disagreement,
            "section": registry.section(disagreement.section),
            "entry": next(
                d
                for d in plan_snapshot(load_plan_parts(plan))["disagreements"]
                if d["id"] == disagreement.pk
            ),
            "form": form,
        },
    )


@require_POST
def plan_new_version(request, pk):
    plan = plan_for(request, pk, allowed=access.can_coordinate_plan)
    try:
        new = services.plan_start_new_version(plan=plan, actor=request.user)
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(
        request,
        _("Version %(number)s started. The agreed version stays in force until this one is agreed.")
        % {"number": new.version_number},
    )
    return redirect("plans:detail", pk=new.pk)


@require_http_methods(["GET", "POST"])
def plan_end(request, pk):
    """Support has ended: the agreed plan stops being in force, and stays readable as it was."""
    plan = plan_for(request, pk, allowed=access.can_coordinate_plan)
    form = EndPlanForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_end(plan=plan, reason=form.cleaned_data["reason"], actor=request.user)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan has ended"))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/end.html", {"plan": plan, "person": plan.person, "form": form})

"""Writing a plan: the task list, its sections and items, and check-and-send (P1–P9)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tandem.accounts import access
from tandem.accounts.access import get_person_for_user
from tandem.audit.selectors import plan_changes
from tandem.plans import rules, services
from tandem.plans.forms import NotApplicableForm, SectionCompletedForm
from tandem.plans.models import Plan
from tandem.plans.parts import registry
from tandem.plans.provider_part import (
    PlanView,
    issue_reasons,
    part_notice,
    part_sections,
    plan_view,
    sees_whole_plan,
    visible_parts,
)
from tandem.plans.sections import part_cards, section_has_content, section_rows, task_list
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.plans.views.common import conflicted, plan_for, posted, require_editable, saved_values


def problem_links(plan: Plan, problem: rules.Problem) -> dict:
    """Where the user goes to fix a problem: the part itself, or the section where it is filled
    in; for a missing element that may not apply, saying why is the second choice."""
    if problem.item_kind and problem.item_id:
        href = reverse("plans:item", args=[plan.pk, problem.item_kind, problem.item_id])
    else:
        href = reverse("plans:section", args=[plan.pk, problem.section])
    links = {"problem": problem, "href": href}
    if problem.element:
        links["not_applicable_href"] = reverse("plans:element", args=[plan.pk, problem.element])
        links["element_label"] = rules.ELEMENT_LABELS[rules.Element(problem.element)]
    return links


def _plan_context(plan: Plan) -> dict:
    snapshot = plan_snapshot(load_plan_parts(plan))
    problems = rules.readiness_problems(snapshot)
    return {
        "plan": plan,
        "person": plan.person,
        "snapshot": snapshot,
        "tasks": task_list(plan, snapshot, problems),
        "elements": rules.element_statuses(snapshot),
        "problems": [problem_links(plan, p) for p in problems],
    }


def _provider_context(plan: Plan, view: PlanView) -> dict:
    """A provider's plan page: their part only (provider_part.py), with no task list, gaps or
    recent changes, which would say what the rest of the plan holds."""
    snapshot = visible_parts(view, plan_snapshot(load_plan_parts(plan)))
    return {
        "plan": plan,
        "person": plan.person,
        "snapshot": snapshot,
        "part_notice": part_notice(view, plan.person.known_as),
        "part_sections": part_sections(snapshot),
        "changes": [],
    }


@require_POST
def plan_start(request, person_pk):
    person = get_person_for_user(request.user, person_pk)
    if not access.can_draft_plan(request.user):
        raise PermissionDenied
    try:
        plan = services.plan_create(person=person, actor=request.user)
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect("people:detail", pk=person.pk)
    return redirect("plans:detail", pk=plan.pk)


@require_safe
def plan_detail(request, pk):
    plan = plan_for(request, pk)
    view = plan_view(request.user, plan.person)
    if view.whole:
        context = _plan_context(plan)
        context["changes"] = plan_changes(plan)
    else:
        context = _provider_context(plan, view)
    context["issues"] = issue_reasons(view, plan.issues.defer("snapshot", "recipients"))
    context["later_version"] = (
        getattr(plan, "next_version", None) if plan.status != Plan.Status.DRAFT else None
    )
    context["can_draft"] = access.can_draft_plan(request.user) and plan.is_editable
    context["can_coordinate"] = access.can_coordinate_plan(request.user)
    context["can_disagree"] = access.can_add_disagreement(request.user)
    if plan.accepts_disagreements and not context["later_version"]:
        context["renegotiations"] = rules.renegotiations(context["snapshot"])
    context["can_decide"] = plan.accepts_disagreements and services.may_decide_disagreement(
        request.user, plan
    )
    return render(request, "plans/detail.html", context)


def _section(key: str):
    section = registry.section(key)
    if section is None:
        raise Http404
    return section


@require_http_methods(["GET", "POST"])
def plan_section(request, pk, section):
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    section = _section(section)
    require_editable(plan)
    if section.part:
        return _list_section(request, plan, section)
    form_class = section.form_class()
    revision = plan.section_revisions.get(section.key, 0)
    initial = {
        "revision": revision,
        "completed": "yes" if plan.section_status.get(section.key) == "completed" else "",
    }
    form = form_class(posted(request), instance=plan, initial=initial, actor=request.user)
    form.extra_kwargs = {"actor": request.user}
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update_section(
                plan=plan,
                section_key=section.key,
                data=form.section_values(),
                revision=form.loaded_revision(),
                completed=form.completed_answer(),
                actor=request.user,
            )
        except services.EditConflict as conflict:
            saved = Plan.objects.get(pk=plan.pk)
            form = conflicted(form, conflict, saved.section_revisions.get(section.key, 0))
            latest = saved_values(form, saved)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(section)s” saved") % {"section": section.title})
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/section.html",
        {"plan": plan, "person": plan.person, "section": section, "form": form, "latest": latest},
    )


def _list_section(request, plan, section):
    snapshot = plan_snapshot(load_plan_parts(plan))
    form = SectionCompletedForm(
        posted(request),
        initial={"completed": "yes" if plan.section_status.get(section.key) == "completed" else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_mark_section(
                plan=plan,
                section_key=section.key,
                completed=form.is_completed(),
                actor=request.user,
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            return redirect("plans:detail", pk=plan.pk)
    blocked_by = registry.section(section.needs) if section.needs else None
    if blocked_by and section_has_content(blocked_by, plan, snapshot):
        blocked_by = None
    kind = registry.kinds[section.part]
    problems = [p for p in rules.readiness_problems(snapshot) if p.section == section.key]
    return render(
        request,
        "plans/section_list.html",
        {
            "plan": plan,
            "person": plan.person,
            "section": section,
            "form": form,
            "kind": kind,
            "cards": part_cards(kind, snapshot[kind.snapshot_key]),
            "blocked_by": blocked_by,
            "problems": [problem_links(plan, p) for p in problems],
            "snapshot": snapshot,
            # For a section's panel (e.g. budgets' "Within budget?"): the coordinator's buttons.
            "can_coordinate": access.can_coordinate_plan(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_element(request, pk, element):
    """P6: say why an element of a good plan does not apply, so it is not shown as a gap."""
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    require_editable(plan)
    try:
        element = rules.Element(element)
    except ValueError:
        raise Http404 from None
    if element in rules.ALWAYS_APPLICABLE:
        raise Http404
    revision_key = services.not_applicable_revision_key(element.value)
    form = NotApplicableForm(
        posted(request),
        initial={
            "reason": plan.elements_not_applicable.get(element.value, ""),
            "revision": plan.section_revisions.get(revision_key, 0),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_mark_not_applicable(
                plan=plan,
                element=element.value,
                reason=form.cleaned_data["reason"],
                revision=form.loaded_revision(),
                actor=request.user,
            )
        except services.EditConflict as conflict:
            saved = Plan.objects.get(pk=plan.pk)
            form = conflicted(form, conflict, saved.section_revisions.get(revision_key, 0))
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            return redirect("plans:check", pk=plan.pk)
    return render(
        request,
        "plans/element.html",
        {
            "plan": plan,
            "person": plan.person,
            "element": element,
            "label": rules.ELEMENT_LABELS[element],
            "section": registry.section(rules.ELEMENT_SECTIONS[element]),
            "form": form,
        },
    )


def _checked(section, snapshot: dict) -> dict:
    """A section as check-your-answers shows it: its answers, or its parts as cards."""
    if not section.part:
        return {"section": section, "rows": section_rows(section, snapshot)}
    kind = registry.kinds[section.part]
    return {
        "section": section,
        "kind": kind,
        "cards": part_cards(kind, snapshot[kind.snapshot_key]),
    }


@require_http_methods(["GET", "POST"])
def plan_check(request, pk):
    """Check your answers, then send for agreement — refused with the exact gaps (P3–P6).
    The whole plan is on it, so a provider (who sees only their part) may not open it."""
    plan = plan_for(request, pk, allowed=sees_whole_plan)
    require_editable(plan)
    refused = False
    if request.method == "POST":
        if not access.can_coordinate_plan(request.user):
            raise PermissionDenied
        try:
            services.plan_send_for_agreement(plan=plan, actor=request.user)
        except services.PlanNotReady:
            refused = True
        except services.PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The plan has been sent for agreement"))
            return redirect("plans:agree", pk=plan.pk)
    context = _plan_context(plan)
    context["refused"] = refused
    context["sections"] = [_checked(section, context["snapshot"]) for section in registry.sections]
    context["can_coordinate"] = access.can_coordinate_plan(request.user)
    return render(request, "plans/check.html", context)

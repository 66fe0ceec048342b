"""Writing a plan: the task list, its sections and items, and check-and-send (P1–P9)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts import access
from tandem.accounts.access import get_person_for_user
from tandem.accounts.models import STAFF_ROLES, User
from tandem.audit.selectors import plan_changes
from tandem.plans import rules, services
from tandem.plans.forms import (
    ITEM_FORMS,
    SECTION_FORMS,
    NotApplicableForm,
    SectionCompletedForm,
)
from tandem.plans.models import Plan
from tandem.plans.sections import (
    ITEM_LISTS,
    ITEM_NAMES,
    SECTIONS,
    SECTIONS_BY_KEY,
    item_cards,
    task_list,
)
from tandem.plans.selectors import get_plan_item
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.plans.views.common import plan_for, posted, require_editable


def problem_link(plan: Plan, problem: rules.Problem) -> str:
    """Where the user goes to fix a problem: the item itself, or the section."""
    if problem.item_kind == "element":
        element = rules.Element(
            next(e for e, s in rules.ELEMENT_SECTIONS.items() if s == problem.section)
        )
        return reverse("plans:element", args=[plan.pk, element.value])
    if problem.item_kind and problem.item_id:
        return reverse("plans:item", args=[plan.pk, problem.item_kind, problem.item_id])
    return reverse("plans:section", args=[plan.pk, problem.section])


def _plan_context(plan: Plan) -> dict:
    snapshot = plan_snapshot(load_plan_parts(plan))
    problems = rules.readiness_problems(snapshot)
    return {
        "plan": plan,
        "person": plan.person,
        "snapshot": snapshot,
        "tasks": task_list(plan, snapshot),
        "elements": rules.element_statuses(snapshot),
        "problems": [{"problem": p, "href": problem_link(plan, p)} for p in problems],
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


def plan_detail(request, pk):
    plan = plan_for(request, pk)
    context = _plan_context(plan)
    context["changes"] = plan_changes(plan)
    context["issues"] = plan.issues.defer("snapshot", "recipients")
    context["later_version"] = (
        getattr(plan, "next_version", None) if plan.status != Plan.Status.DRAFT else None
    )
    context["can_draft"] = access.can_draft_plan(request.user) and plan.is_editable
    context["can_coordinate"] = access.can_coordinate_plan(request.user)
    context["can_disagree"] = access.can_add_disagreement(request.user)
    context["can_decide"] = services.may_decide_disagreement(request.user, plan)
    return render(request, "plans/detail.html", context)


def _section(key: str):
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        raise Http404
    return section


@require_http_methods(["GET", "POST"])
def plan_section(request, pk, section):
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    section = _section(section)
    require_editable(plan)
    if section.item_kind:
        return _list_section(request, plan, section)
    form_class = SECTION_FORMS[section.key]
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
            form = _conflicted(form, conflict, saved.section_revisions.get(section.key, 0))
            latest = _saved_values(form, saved)
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


def _saved_values(form, saved) -> list[tuple[str, object]]:
    """What is saved now, labelled as on the form, for someone whose save was refused."""
    rows = []
    for name in form._meta.fields:
        if name in form.fields:
            display = getattr(saved, f"get_{name}_display", None)
            rows.append((form[name].label, display() if display else getattr(saved, name)))
    return rows


def _conflicted(form, conflict, current_revision: int):
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
    blocked_by = None
    if section.needs and not snapshot[ITEM_LISTS[SECTIONS_BY_KEY[section.needs].item_kind]]:
        blocked_by = SECTIONS_BY_KEY[section.needs]
    return render(
        request,
        "plans/section_list.html",
        {
            "plan": plan,
            "person": plan.person,
            "section": section,
            "form": form,
            "cards": item_cards(section.item_kind, snapshot[ITEM_LISTS[section.item_kind]]),
            "item_name": ITEM_NAMES[section.item_kind],
            "blocked_by": blocked_by,
        },
    )


def _staff_for(plan):
    return User.objects.filter(
        organisation_id=plan.organisation_id, role__in=STAFF_ROLES, is_active=True
    ).order_by("first_name", "last_name")


def _item_form(kind, plan, item, data, outcome):
    form_class = ITEM_FORMS[kind]
    model = services.ITEM_MODELS[kind]
    instance = item or model(plan=plan, organisation_id=plan.organisation_id)
    if outcome is not None and kind in {"indicator", "action"}:
        instance.outcome = outcome
    kwargs = {"staff": _staff_for(plan)} if kind == "action" else {}
    initial = {"revision": item.revision if item else 0}
    if kind == "action" and outcome is not None and item is None:
        initial["outcome"] = outcome.pk
    form = form_class(data, instance=instance, initial=initial, **kwargs)
    form.extra_kwargs = kwargs
    return form


def _item_outcome(request, plan, kind, item):
    """The outcome an indicator belongs to, or an action is being added for (?outcome=)."""
    if kind == "indicator":
        return item.outcome if item else get_plan_item(plan, "outcome", request.GET.get("outcome"))
    if kind == "action" and item is None and request.GET.get("outcome"):
        return get_plan_item(plan, "outcome", request.GET.get("outcome"))
    return None


def _save_item(request, plan, kind, item, form, outcome):
    if item is None:
        return services.plan_item_create(
            plan=plan, kind=kind, data=form.item_values(), actor=request.user, outcome=outcome
        )
    return services.plan_item_update(
        item=item, data=form.item_values(), revision=form.loaded_revision(), actor=request.user
    )


def _after_item_saved(plan, kind, saved, *, created: bool):
    if kind == "outcome" and created:
        # An outcome needs an indicator (P3): go straight on to its page to add one.
        return redirect("plans:item", pk=plan.pk, kind="outcome", item_pk=saved.pk)
    if kind == "indicator":
        return redirect("plans:item", pk=plan.pk, kind="outcome", item_pk=saved.outcome_id)
    return redirect("plans:section", pk=plan.pk, section=services.ITEM_SECTIONS[kind])


@require_http_methods(["GET", "POST"])
def plan_item(request, pk, kind, item_pk=None):
    """Add or change one item of a list section: an outcome, indicator, action, risk…"""
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    require_editable(plan)
    if kind not in ITEM_FORMS:
        raise Http404
    try:
        item = get_plan_item(plan, kind, item_pk) if item_pk else None
    except Http404:
        if request.method != "POST":
            raise
        return _removed_meanwhile(request, plan, kind)
    outcome = _item_outcome(request, plan, kind, item)
    form = _item_form(kind, plan, item, posted(request), outcome)
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_item(request, plan, kind, item, form, outcome)
        except services.EditConflict as conflict:
            current = type(item).objects.filter(pk=item.pk).first()
            if current is None:
                return _removed_meanwhile(request, plan, kind)
            form = _conflicted(form, conflict, current.revision)
            latest = _saved_values(form, current)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The %(item)s has been saved") % {"item": ITEM_NAMES[kind]})
            return _after_item_saved(plan, kind, saved, created=item is None)
    return _render_item(request, plan, kind, item, form, outcome=outcome, latest=latest)


def _render_item(request, plan, kind, item, form, *, outcome=None, latest=None, removed=False):
    return render(
        request,
        "plans/item_form.html",
        {
            "plan": plan,
            "person": plan.person,
            "section": SECTIONS_BY_KEY[services.ITEM_SECTIONS[kind]],
            "kind": kind,
            "item": item,
            "item_name": ITEM_NAMES[kind],
            "outcome": outcome,
            "indicators": item.indicators.all() if kind == "outcome" and item else None,
            "form": form,
            "latest": latest,
            "removed": removed,
        },
    )


def _removed_meanwhile(request, plan, kind):
    """Someone removed the item while this person was changing it: keep what they typed, and
    offer to add it again as a new item, rather than lose it."""
    form = _item_form(kind, plan, None, request.POST, None)
    form.is_valid()
    form.add_error(None, str(services.REMOVED_MESSAGE))
    return _render_item(request, plan, kind, None, form, removed=True)


@require_http_methods(["GET", "POST"])
def plan_item_remove(request, pk, kind, item_pk):
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    require_editable(plan)
    item = get_plan_item(plan, kind, item_pk)
    back = (
        reverse("plans:item", args=[plan.pk, "outcome", item.outcome_id])
        if kind == "indicator"
        else reverse("plans:section", args=[plan.pk, services.ITEM_SECTIONS[kind]])
    )
    error = None
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
            services.plan_item_delete(item=item, revision=revision, actor=request.user)
        except ValueError:
            error = _("Something went wrong with the form: please try again.")
        except services.PlanError as conflict:
            error = str(conflict)
        else:
            messages.success(
                request, _("The %(item)s has been removed") % {"item": ITEM_NAMES[kind]}
            )
            return redirect(back)
    return render(
        request,
        "plans/item_remove.html",
        {
            "plan": plan,
            "person": plan.person,
            "item": item,
            "kind": kind,
            "item_name": ITEM_NAMES[kind],
            "back": back,
            "error": error,
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
            form = _conflicted(form, conflict, saved.section_revisions.get(revision_key, 0))
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
            "section": SECTIONS_BY_KEY[rules.ELEMENT_SECTIONS[element]],
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_check(request, pk):
    """Check your answers, then send for agreement — refused with the exact gaps (P3–P6)."""
    plan = plan_for(request, pk)
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
    context["sections"] = [
        {
            "section": section,
            "cards": item_cards(
                section.item_kind, context["snapshot"][ITEM_LISTS[section.item_kind]]
            )
            if section.item_kind
            else None,
        }
        for section in SECTIONS
    ]
    context["can_coordinate"] = access.can_coordinate_plan(request.user)
    return render(request, "plans/check.html", context)

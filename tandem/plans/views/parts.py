"""Adding, changing and removing one part of a plan – an outcome, an indicator, an action, or a
kind another app registers – through one mechanism that reads everything from the registry."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.accounts import access
from tandem.audit.selectors import part_removal
from tandem.plans import services
from tandem.plans.parts import PartKind, registry
from tandem.plans.selectors import get_plan_item
from tandem.plans.views.common import conflicted, plan_for, posted, require_editable, saved_values


def _kind(key: str) -> PartKind:
    kind = registry.kind(key)
    if kind is None:
        raise Http404
    return kind


def _form(kind: PartKind, plan, item, data, parent):
    instance = item or kind.model(plan=plan, organisation_id=plan.organisation_id)
    if parent is not None:
        setattr(instance, kind.parent_field, parent)
    kwargs = kind.form_kwargs(plan) if kind.form_kwargs else {}
    initial = {"revision": item.revision if item else 0}
    if parent is not None and item is None and not kind.nested:
        initial[kind.parent_field] = parent.pk  # e.g. an action added from its outcome's page
    form = kind.form_class()(data, instance=instance, initial=initial, **kwargs)
    form.extra_kwargs = kwargs
    return form


def _parent(request, plan, kind: PartKind, item):
    """The part this one belongs to: its own, or ?<parent kind>=<id> when adding one."""
    if not kind.parent:
        return None
    if item is not None:
        return getattr(item, kind.parent_field) if kind.nested else None
    pk = request.GET.get(kind.parent)
    if not pk:
        if kind.parent_required:
            raise Http404
        return None
    return get_plan_item(plan, kind.parent, pk)


def _page_of(plan, kind: PartKind, parent_id) -> str:
    """Where a part lives: its parent's page when shown inside it, else its section."""
    if kind.nested and parent_id:
        return reverse("plans:item", args=[plan.pk, kind.parent, parent_id])
    return reverse("plans:section", args=[plan.pk, kind.section])


def _saved(request, plan, kind: PartKind, item, form, parent):
    if item is None:
        return services.plan_item_create(
            plan=plan,
            kind=kind.key,
            data=form.item_values(),
            actor=request.user,
            parent=parent,
            submission_key=form.cleaned_data.get("submission_key"),
        )
    return services.plan_item_update(
        item=item, data=form.item_values(), revision=form.loaded_revision(), actor=request.user
    )


@require_http_methods(["GET", "POST"])
def plan_item(request, pk, kind, item_pk=None):
    """Add or change one part of a list section."""
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    require_editable(plan)
    kind = _kind(kind)
    try:
        item = get_plan_item(plan, kind.key, item_pk) if item_pk else None
    except Http404:
        if request.method != "POST":
            raise
        return _removed_meanwhile(request, plan, kind, item_pk)
    parent = _parent(request, plan, kind, item)
    form = _form(kind, plan, item, posted(request), parent)
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _saved(request, plan, kind, item, form, parent)
        except services.EditConflict as conflict:
            if conflict.current is None:
                return _removed_meanwhile(request, plan, kind, item.pk)
            form = conflicted(form, conflict, conflict.current.revision)
            latest = saved_values(form, conflict.current)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, str(kind.names.saved))
            if kind.open_after_create and item is None:
                return redirect("plans:item", pk=plan.pk, kind=kind.key, item_pk=saved.pk)
            parent_id = getattr(saved, f"{kind.parent_field}_id") if kind.parent else None
            return redirect(_page_of(plan, kind, parent_id))
    return _render(request, plan, kind, item, form, parent=parent, latest=latest)


def _children(plan, kind: PartKind, item) -> list[dict]:
    """On a part's own page: the parts shown inside it (an outcome's indicators)."""
    if item is None:
        return []
    return [
        {
            "kind": child,
            "parts": child.queryset().filter(plan=plan, **{child.parent_field: item}),
        }
        for child in registry.children(kind)
    ]


def _render(request, plan, kind, item, form, *, parent=None, latest=None, removed=False):
    return render(
        request,
        "plans/item_form.html",
        {
            "plan": plan,
            "person": plan.person,
            "section": registry.section(kind.section),
            "kind": kind,
            "item": item,
            "parent": parent,
            "parent_kind": registry.kind(kind.parent) if kind.parent else None,
            "back": _page_of(plan, kind, getattr(parent, "pk", None)),
            "children": _children(plan, kind, item),
            "related": registry.children(kind, nested=False) if item else [],
            "form": form,
            "latest": latest,
            "removed": removed,
        },
    )


def _removed_meanwhile(request, plan, kind: PartKind, item_pk):
    """Someone removed the part while this person was changing it: keep what they typed, and
    offer to add it again as a new part, rather than lose it. An id that was never a part of
    this plan is a 404, as on a GET."""
    removal = part_removal(plan, kind=kind.key, pk=int(item_pk))
    if removal is None:
        raise Http404
    parent = None
    if kind.parent and removal.get("parent_id"):
        parent = (
            registry.kinds[kind.parent]
            .model.objects.filter(plan=plan, pk=removal["parent_id"])
            .first()
        )
    form = _form(kind, plan, None, request.POST, parent)
    form.is_valid()
    form.add_error(None, str(services.REMOVED_MESSAGE))
    return _render(request, plan, kind, None, form, parent=parent, removed=True)


@require_http_methods(["GET", "POST"])
def plan_item_remove(request, pk, kind, item_pk):
    plan = plan_for(request, pk, allowed=access.can_draft_plan)
    require_editable(plan)
    kind = _kind(kind)
    item = get_plan_item(plan, kind.key, item_pk)
    parent_id = getattr(item, f"{kind.parent_field}_id") if kind.parent else None
    back = _page_of(plan, kind, parent_id)
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
            messages.success(request, str(kind.names.removed))
            return redirect(back)
    return render(
        request,
        "plans/item_remove.html",
        {
            "plan": plan,
            "person": plan.person,
            "item": item,
            "kind": kind,
            "back": back,
            "error": error,
        },
    )

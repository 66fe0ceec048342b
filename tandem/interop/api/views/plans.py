"""Plans with every part by its lasting uid, and writing a draft plan's parts and recording
progress through the pages' own forms and services."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from tandem.accounts import access
from tandem.interop.api import serializers as s
from tandem.interop.api.base import ApiView
from tandem.interop.api.forms import json_object, revision_of, valid_form
from tandem.plans import services
from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan, PlanPart
from tandem.plans.parts import PartKind, registry
from tandem.plans.provider_part import plan_view, visible_parts
from tandem.plans.selectors import get_plan_item
from tandem.plans.snapshot import load_plan_parts, plan_snapshot, snapshot_parts
from tandem.reviews import progress as progress_selectors
from tandem.reviews import services as review_services
from tandem.reviews.forms import ProgressForm


def parts_by_uid(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every part in the snapshot, keyed by its uid, with its kind and its parent's uid; the
    parts shown inside it are listed under their own uids, not repeated inside it."""
    parents: dict[str, str] = {}
    found: dict[str, dict[str, Any]] = {}
    for kind, entry in snapshot_parts(snapshot):
        uid = str(entry.get("uid", ""))
        if not uid:
            continue
        nested = {child.snapshot_key for child in registry.children(kind)}
        for child in registry.children(kind):
            for inner in entry.get(child.snapshot_key) or []:
                parents[str(inner.get("uid", ""))] = uid
        found[uid] = {
            **{key: value for key, value in entry.items() if key not in nested},
            "part_kind": kind.key,
            "parent_uid": parents.get(uid),
        }
    return found


def plan_document(user, plan: Plan) -> dict[str, Any]:
    """The plan as this reader may see it: the whole of it, or a provider's part (no costs)."""
    view = plan_view(user, plan.person)
    snapshot = visible_parts(view, plan_snapshot(load_plan_parts(plan)))
    return {
        "id": plan.pk,
        "person": plan.person_id,
        "version_number": plan.version_number,
        "status": plan.status,
        "whole_plan": view.whole,
        "parts": parts_by_uid(snapshot),
        "snapshot": snapshot,
    }


class PlanDetail(ApiView):
    @extend_schema(operation_id="plans_retrieve", responses=s.PlanSerializer)
    def get(self, request, pk):
        """One version of a plan with every part you may see, keyed by its lasting uid. A
        provider sees only the parts that concern them, as on the plan's page."""
        plan = plan_get_for_user(user=request.user, pk=pk, purpose=self.purpose())
        return Response(plan_document(request.user, plan))


def _kind(key: str) -> PartKind:
    kind = registry.kind(key)
    if kind is None:
        raise Http404
    return kind


def _draft(request, pk, purpose: str) -> Plan:
    """The plan, if the user may draft it (as on the part's page) and it is still a draft."""
    plan = plan_get_for_user(
        user=request.user, pk=pk, purpose=purpose, allowed=access.can_draft_plan
    )
    if not plan.is_editable:
        raise PermissionDenied(_("This version of the plan has been agreed and cannot be changed."))
    return plan


def _form_factory(kind: PartKind, plan: Plan, item: PlanPart | None, parent: PlanPart | None):
    """The part's own page form (the registry's), for this plan."""
    instance = item or kind.model(plan=plan, organisation_id=plan.organisation_id)
    if parent is not None:
        setattr(instance, kind.parent_field, parent)
    kwargs = kind.form_kwargs(plan) if kind.form_kwargs else {}

    def make(data):
        return kind.form_class()(data, instance=instance, **kwargs)

    return make


def _part_values(form, item: PlanPart | None) -> dict[str, Any]:
    """The values the form would show for a saved part (for a change that sends only some)."""
    if item is None:
        return {}
    return {name: form[name].value() for name in form.fields if name not in {"submission_key"}}


def _part_response(kind: PartKind, part: PlanPart, plan: Plan) -> dict[str, Any]:
    return {**kind.serialize(part, plan), "part_kind": kind.key, "revision": part.revision}


PART_KINDS = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, description="outcome, indicator, action, support, risk…"
)


class PlanParts(ApiView):
    @extend_schema(
        operation_id="plan_parts_create",
        parameters=[PART_KINDS],
        request=s.PartChangeSerializer,
        responses={201: s.PlanPartSerializer},
    )
    def post(self, request, pk, kind):
        """Add a part to a draft plan: an outcome, an indicator (`parent`: its outcome's id), an
        action… with the fields of its page; the same rules refuse the same things."""
        plan = _draft(request, pk, self.purpose())
        kind = _kind(kind)
        payload = json_object(request.data)
        parent = None
        if kind.parent and kind.nested:
            if "parent" not in payload:
                if kind.parent_required:
                    raise exceptions.ValidationError(
                        {"parent": [_("Send the id of the part this belongs to")]}
                    )
            else:
                parent = get_plan_item(plan, kind.parent, payload["parent"])
        form = valid_form(_form_factory(kind, plan, None, parent), payload)
        part = services.plan_item_create(
            plan=plan,
            kind=kind.key,
            data=form.item_values(),
            actor=request.user,
            parent=parent,
        )
        return Response(_part_response(kind, part, plan), status=status.HTTP_201_CREATED)


class PlanPartChange(ApiView):
    @extend_schema(
        operation_id="plan_parts_partial_update",
        parameters=[PART_KINDS],
        request=s.PartChangeSerializer,
        responses=s.PlanPartSerializer,
    )
    def patch(self, request, pk, kind, part_pk):
        """Change a part of a draft plan: send `revision` (from your last read) and the fields
        to change; someone else's newer change is a 409, never overwritten."""
        plan = _draft(request, pk, self.purpose())
        kind = _kind(kind)
        item = get_plan_item(plan, kind.key, part_pk)
        payload = json_object(request.data)
        revision = revision_of(payload)
        make = _form_factory(kind, plan, item, None)
        values = {**_part_values(make(None), item), **payload}
        form = valid_form(make, values)
        part = services.plan_item_update(
            item=item, data=form.item_values(), revision=revision, actor=request.user
        )
        return Response(_part_response(kind, part, plan))


class ActionProgressAdd(ApiView):
    @extend_schema(
        operation_id="action_progress_create",
        request=s.ProgressAddSerializer,
        responses={201: s.ProgressSerializer},
    )
    def post(self, request, pk, action_pk):
        """Record progress on an action of the agreed plan: workers and the person on any
        action, carers and providers on those they are responsible for."""
        plan = plan_get_for_user(
            user=request.user,
            pk=pk,
            purpose=self.purpose(),
            allowed=review_services.may_record_progress,
        )
        if plan.status != Plan.Status.AGREED:
            raise PermissionDenied(
                _("Progress is recorded on the plan in force, once it has been agreed.")
            )
        action = progress_selectors.get_action(plan, action_pk)
        membership = review_services.progress_membership(request.user, plan)
        refusal = review_services.progress_refusal(request.user, plan, action, membership)
        if refusal:
            raise PermissionDenied(refusal)
        agreed_on = review_services.plan_agreed_on(plan)
        payload = json_object(request.data)
        form = valid_form(
            lambda data: ProgressForm(
                data, agreed_on=agreed_on, initial={"happened_on": timezone.localdate()}
            ),
            payload,
        )
        recorded = review_services.progress_record(
            plan=plan, action=action, actor=request.user, **form.cleaned_data
        )
        return Response(
            {
                "id": recorded.pk,
                "action_uid": str(recorded.action_uid),
                "status": recorded.status,
                "happened_on": recorded.happened_on.isoformat(),
                "note": recorded.note,
            },
            status=status.HTTP_201_CREATED,
        )

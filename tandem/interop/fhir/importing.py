"""POST Patient/[id]/CarePlan: a FHIR R4 Bundle (a CarePlan and its Goals) becomes a new draft
plan for the person, through the plans services, so the same rules refuse the same things as on
the pages; the answer is an OperationOutcome report of what was imported and what was not.

The request is refused, each time with an OperationOutcome, in this order: not signed in (401),
no relationship with the person (404), a role that may not draft plans (403), a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (413, before any of it is read), not FHIR JSON (415), not JSON (400),
not a valid R4 Bundle (400), no CarePlan or more than one (422), a plan the services refuse
(409: one is being written already; 422: a part they refuse).

A person with no plan gets version 1. A person whose plan is agreed gets a new version of it
(A4) in which the bundle's outcomes, indicators, actions and support arrangements take the
place of the agreed version's; its other sections (risks, needs, budget…) are carried over.
Each part keeps the uid the bundle gives it (Goal.identifier, element ids), so export, import
and export again keep every part's identity.
"""

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError as FhirValidationError

from tandem.accounts.access import can_draft_plan, get_person_for_user
from tandem.accounts.models import STAFF_ROLES, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import Refused
from tandem.interop.fhir.codes import JSON_TYPES
from tandem.interop.fhir.http import FhirError, operation_outcome
from tandem.interop.fhir.reading import (
    ImportedPlan,
    ImportedSupport,
    NotAPlan,
    Performer,
    read_plan,
)
from tandem.people.models import CircleMember, Person
from tandem.plans.frameworks import life_area_choices
from tandem.plans.models import Plan, PlanPart
from tandem.plans.parts import registry
from tandem.plans.sections import SUPPORTING_KINDS
from tandem.plans.services import (
    plan_create,
    plan_item_create,
    plan_item_delete,
    plan_start_new_version,
    plan_update_section,
)

MAX_ISSUES = 20  # of a structural validation error: enough to fix, not a flood


@dataclass
class ImportReport:
    plan: Plan
    counts: dict[str, int]
    imported: ImportedPlan

    def outcome(self) -> dict[str, Any]:
        imported = ", ".join(
            _how_many(self.counts[kind], noun)
            for kind, noun in (
                ("outcome", "outcome"),
                ("indicator", "indicator"),
                ("action", "action"),
                ("support", "support arrangement"),
            )
        )
        summary = (
            f"Imported as a new draft plan (version {self.plan.version_number}, CarePlan "
            f"{self.plan.pk}): {imported}."
        )
        issues = [("information", "informational", summary)]
        issues += [("warning", "incomplete", text) for text in self.imported.warnings]
        issues += [("information", "informational", text) for text in self.imported.notes]
        return operation_outcome(issues)


def _how_many(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def read_body(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON, refused before it is read if it is too big."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise FhirError(400, "structure", "The Content-Length header is not a number.") from None
    too_big = FhirError(413, "too-costly", f"The body is too big: send at most {limit:,} bytes.")
    if limit and length > limit:
        raise too_big
    if request.content_type not in JSON_TYPES:
        raise FhirError(
            415,
            "not-supported",
            "Send the Bundle as application/fhir+json (or application/json), not "
            f"{request.content_type or 'no content type'}.",
        )
    try:
        data = json.loads(request.body or b"")
    except RequestDataTooBig:
        raise too_big from None
    except ValueError as error:
        raise FhirError(400, "structure", f"The body is not valid JSON: {error}.") from None
    if not isinstance(data, dict):
        raise FhirError(400, "structure", "The body must be a FHIR resource (a JSON object).")
    return data


def checked_bundle(data: dict[str, Any]) -> dict[str, Any]:
    """A structurally valid R4 Bundle holding one CarePlan, or a 4xx FhirError saying why."""
    kind = data.get("resourceType")
    if kind != "Bundle":
        raise FhirError(
            422,
            "not-supported",
            f"Send a Bundle holding a CarePlan and its Goals, not {
                kind or 'something with no resourceType'
            }.",
        )
    try:
        Bundle.model_validate(data)
    except FhirValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()[:MAX_ISSUES]
        ]
        message = "Not a valid FHIR R4 Bundle. " + " ".join(problems)
        raise FhirError(400, "structure", message) from None
    return data


def import_for_user(*, user: User, pk: int | str, request: HttpRequest) -> ImportReport:
    """Fetch and authorise the person (as the pages), read the body, import (see the module's
    docstring)."""
    person = get_person_for_user(user, pk)
    if not can_draft_plan(user):
        raise PermissionDenied
    bundle = checked_bundle(read_body(request))
    try:
        imported = read_plan(bundle)
    except NotAPlan as error:
        raise FhirError(422, "not-supported", str(error)) from None
    if imported.subject and imported.subject != f"Patient/{person.pk}":
        imported.warnings.append(
            f"The CarePlan is about {imported.subject}; it was imported for Patient/{person.pk}, "
            "the person named in the address."
        )
    try:
        return plan_import(person=person, imported=imported, actor=user)
    except ValidationError as error:
        raise FhirError(422, "business-rule", " ".join(error.messages)) from None
    except Refused as error:
        conflict = Plan.objects.filter(
            person=person, status__in=[Plan.Status.DRAFT, Plan.Status.READY]
        ).exists()
        raise FhirError(409 if conflict else 422, "business-rule", str(error)) from None


def _new_draft(person: Person, actor: User) -> Plan:
    """Version 1, or a new version of the agreed plan without the parts the bundle replaces."""
    agreed = person.plans.filter(status=Plan.Status.AGREED).first()
    if agreed is None:
        return plan_create(person=person, actor=actor)
    draft = plan_start_new_version(plan=agreed, actor=actor)
    for kind in ("outcome", "support"):  # an outcome takes its indicators and actions with it
        for part in registry.kinds[kind].model._default_manager.filter(plan=draft):
            plan_item_delete(item=part, revision=part.revision, actor=actor)
    return Plan.objects.get(pk=draft.pk)


def _responsible(
    performer: Performer | None,
    person: Person,
    imported: ImportedPlan,
    circle: dict[str, CircleMember],
    staff: set[str],
) -> tuple[dict[str, Any], str]:
    """Who is responsible for an action, as its fields, and a warning if they are not known.
    The Patient the plan is about (its subject, or the person imported for) is the person."""
    if performer is None:
        return {}, "no one is named as responsible"
    patient = f"Patient/{performer.id}"
    if performer.kind == "Patient" and patient in {imported.subject, f"Patient/{person.pk}"}:
        return {"responsible_is_person": True}, ""
    member_id = performer.id.removeprefix("member-")
    if performer.kind in {"RelatedPerson", "Organization"} and member_id in circle:
        return {"responsible_member": circle[member_id]}, ""
    if performer.kind == "Practitioner" and performer.id in staff:
        return {"responsible_staff_id": int(performer.id)}, ""
    who = performer.display or f"{performer.kind}/{performer.id}"
    return {}, f"{who} is not in this person’s circle of support or this council’s staff"


def plan_import(*, person: Person, imported: ImportedPlan, actor: User) -> ImportReport:
    """Save the imported plan through the plans services, all or nothing."""
    circle = {str(m.pk): m for m in person.circle.all()}
    staff = {
        str(pk)
        for pk in User.objects.filter(
            organisation_id=person.organisation_id, role__in=STAFF_ROLES
        ).values_list("pk", flat=True)
    }
    counts = dict.fromkeys(("outcome", "indicator", "action", "support"), 0)
    with transaction.atomic():
        plan = _new_draft(person, actor)
        if imported.important_to_me:
            plan = plan_update_section(
                plan=plan,
                section_key="important",
                data={"important_to_me": imported.important_to_me},
                revision=plan.section_revisions.get("important", 0),
                completed=None,
                actor=actor,
            )
        outcomes: dict[UUID, PlanPart] = {}
        areas = _life_areas(person)
        for outcome in imported.outcomes:
            if outcome.life_area and outcome.life_area not in areas:
                imported.warnings.append(
                    f"Outcome “{outcome.words}”: {outcome.life_area!r} is not an area of life "
                    "this council uses for this person, so none was recorded."
                )
                outcome.life_area = ""
            part = _add(
                plan,
                "outcome",
                actor,
                uid=outcome.uid,
                words=outcome.words,
                kind=outcome.kind,
                achieve_by=outcome.achieve_by,
                life_area=outcome.life_area,
            )
            outcomes[outcome.uid] = part
            counts["outcome"] += 1
            for indicator in outcome.indicators:
                _add(
                    plan,
                    "indicator",
                    actor,
                    parent=part,
                    uid=indicator.uid,
                    description=indicator.description,
                    due_on=indicator.due_on,
                )
                counts["indicator"] += 1
            for uid, level, words in outcome.levels:
                _add(
                    plan, "attainment_level", actor, parent=part, uid=uid, level=level, words=words
                )
        for action in imported.actions:
            responsible, problem = _responsible(action.performer, person, imported, circle, staff)
            if problem:
                imported.warnings.append(
                    f"Action “{action.description}”: {problem}; name "
                    "who is responsible before the plan is agreed."
                )
            _add(
                plan,
                "action",
                actor,
                parent=outcomes[action.outcome_uid],
                uid=action.uid,
                description=action.description,
                kind=action.kind,
                due_on=action.due_on,
                starts_on=action.starts_on,
                frequency=action.frequency[:200],
                **responsible,
            )
            counts["action"] += 1
        for support in imported.supports:
            _add(plan, "support", actor, **_support_fields(support, circle))
            counts["support"] += 1
        audit_record(
            actor=actor,
            action=AuditAction.FHIR_IMPORT,
            summary=_("Imported a plan from FHIR as version %(number)s")
            % {"number": plan.version_number},
            plan=plan,
            detail={"counts": counts, "warnings": len(imported.warnings)},
        )
    return ImportReport(plan=plan, counts=counts, imported=imported)


def _life_areas(person: Person) -> set[str]:
    """The areas of life an outcome of this person may be tagged with (as the outcome form)."""
    choices = life_area_choices(organisation=person.organisation, age_group=person.age_group)
    codes: set[str] = set()
    for code, label in choices:
        codes |= {c for c, _label in label} if isinstance(label, tuple) else {code}
    return codes - {""}


def _support_fields(support: ImportedSupport, circle: dict[str, CircleMember]) -> dict[str, Any]:
    performer = support.performer
    member = circle.get(performer.id.removeprefix("member-"))
    if performer.kind != "Organization" or member is None or member.kind not in SUPPORTING_KINDS:
        member = None
    provider = (member.organisation_name or member.name) if member else performer.display
    return {
        "uid": support.uid,
        "description": support.description,
        "provider": (provider or f"{performer.kind}/{performer.id}")[:200],
        "provider_member": member,
        "how_often": support.how_often[:200],
    }


def _add(
    plan: Plan, part_kind: str, actor: User, /, *, parent: PlanPart | None = None, **data: Any
) -> Any:
    return plan_item_create(plan=plan, kind=part_kind, data=data, actor=actor, parent=parent)

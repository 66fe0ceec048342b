"""Writing a draft plan: its sections and items, and the errors every plan service raises.

Each function validates, saves and writes its audit event in one transaction. Concurrent edits are
caught by revision counters: the second save of the same section or item is refused, never merged.
"""

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.selectors import earlier_submission
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.people.models import Person
from tandem.plans import rules
from tandem.plans.models import Plan, PlanPart
from tandem.plans.parts import PartKind, Section, registry
from tandem.plans.sections import SectionState

# A change the plan's rules refuse (the project's one error hierarchy, see tandem/errors.py).
PlanError = Refused

__all__ = ["EditConflict", "PlanError"]


class PlanNotReady(PlanError):
    def __init__(self, problems: list[rules.Problem]):
        super().__init__(_("The plan cannot be sent for agreement yet."))
        self.problems = problems


class AgreementIncomplete(PlanError):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed this while you were editing it. Your changes have not been saved: "
    "they are shown below so you can check the latest version and save again."
)

REMOVED_MESSAGE = gettext_lazy(
    "Someone else removed this while you were editing it, so your changes were not saved."
)


def lock_for_editing(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
    if not locked.is_editable:
        raise PlanError(
            _(
                "This version of the plan has been agreed and cannot be changed. "
                "Start a new version."
            )
        )
    return locked


def _changes(obj: Model, data: dict[str, Any]) -> dict[str, list[str]]:
    return {
        field: [str(getattr(obj, field) or ""), str(value or "")]
        for field, value in data.items()
        if getattr(obj, field) != value
    }


def _back_to_draft(plan: Plan) -> None:
    """Changing a plan that was waiting for agreement means it must be checked and sent again."""
    if plan.status == Plan.Status.READY:
        plan.status = Plan.Status.DRAFT
        plan.sent_for_agreement_at = None


def plan_create(*, person: Person, actor: User) -> Plan:
    with transaction.atomic():
        # One plan is started at a time per person, even when two people press "Start" at once.
        person = Person.objects.select_for_update(no_key=True).get(pk=person.pk)
        if person.plans.filter(status__in=[Plan.Status.DRAFT, Plan.Status.READY]).exists():
            raise PlanError(_("This person already has a plan being written."))
        if person.plans.filter(status=Plan.Status.AGREED).exists():
            raise PlanError(_("This person has an agreed plan: start a new version of it instead."))
        latest = person.plans.aggregate(n=Max("version_number"))["n"] or 0
        try:
            with transaction.atomic():
                plan = Plan.objects.create(
                    organisation_id=person.organisation_id,
                    person=person,
                    version_number=latest + 1,
                    coordinator=actor if actor.is_worker else person.allocated_worker,
                    created_by=actor,
                )
        except IntegrityError:  # SQLite has no row locks: the other "Start" won
            raise PlanError(_("This person already has a plan being written.")) from None
        audit_record(
            actor=actor, action=AuditAction.PLAN_CREATE, summary=_("Started a plan"), plan=plan
        )
    return plan


def plan_update_section(
    *,
    plan: Plan,
    section_key: str,
    data: dict[str, Any],
    revision: int,
    completed: bool | None,
    actor: User,
) -> Plan:
    section = _section(section_key)
    with transaction.atomic():
        locked = lock_for_editing(plan)
        if locked.section_revisions.get(section_key, 0) != revision:
            raise EditConflict(CONFLICT_MESSAGE)
        values = {field: data[field] for field in section.fields if field in data}
        _check_coordinator(values, locked, actor)
        changes = _changes(locked, values)
        for field, value in values.items():
            setattr(locked, field, value)
        locked.section_revisions = {**locked.section_revisions, section_key: revision + 1}
        _set_completed(locked, section_key, completed)
        _back_to_draft(locked)
        locked.full_clean()
        locked.save(
            update_fields=[
                *values,
                "section_revisions",
                "section_status",
                "status",
                "sent_for_agreement_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.SECTION_UPDATE,
            summary=_("Changed “%(section)s”") % {"section": section.title},
            plan=locked,
            detail={"section": section_key, "changes": changes},
        )
    return locked


def _check_coordinator(values: dict[str, Any], plan: Plan, actor: User) -> None:
    """A3: the coordinator decides on disagreements, so only a worker chooses them, and they must
    be a worker in the person's team."""
    if "coordinator" not in values or values["coordinator"] == plan.coordinator:
        return
    if not actor.is_worker:
        raise PlanError(_("Only a worker can choose the plan coordinator."))
    coordinator = values["coordinator"]
    if coordinator is not None and not (
        coordinator.is_worker
        and coordinator.organisation_id == plan.organisation_id
        and coordinator.teams.filter(pk=plan.person.team_id).exists()
    ):
        raise PlanError(_("Choose a worker in the person’s team as the plan coordinator."))


def _set_completed(plan: Plan, section_key: str, completed: bool | None) -> None:
    if completed is None:
        return
    status = dict(plan.section_status)
    if completed:
        status[section_key] = SectionState.COMPLETED
    else:
        status.pop(section_key, None)
    plan.section_status = status


def plan_mark_section(*, plan: Plan, section_key: str, completed: bool, actor: User) -> Plan:
    section = _section(section_key)
    with transaction.atomic():
        locked = lock_for_editing(plan)
        _set_completed(locked, section_key, completed)
        locked.save(update_fields=["section_status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.SECTION_MARK,
            summary=(
                _("Marked “%(section)s” as completed")
                if completed
                else _("Marked “%(section)s” as still in progress")
            )
            % {"section": section.title},
            plan=locked,
        )
    return locked


def _next_position(model: type[PlanPart], plan: Plan) -> int:
    return (model._default_manager.filter(plan=plan).aggregate(n=Max("position"))["n"] or 0) + 1


def _section(key: str) -> Section:
    section = registry.section(key)
    if section is None:
        raise PlanError(_("There is no such section of a plan."))
    return section


def _summary(own: Any, generic: str, kind: PartKind, item: PlanPart) -> str:
    """The kind's own sentence for "Recent changes", or a generic one naming the kind."""
    return str(own or generic) % {"item": item, "kind": kind.names.noun}


def _part_kind(key: str) -> PartKind:
    kind = registry.kind(key)
    if kind is None:
        raise PlanError(_("There is no such part of a plan."))
    return kind


def plan_item_create(
    *,
    plan: Plan,
    kind: str,
    data: dict[str, Any],
    actor: User,
    parent: PlanPart | None = None,
    submission_key: UUID | None = None,
) -> PlanPart:
    """Add a part of a kind in the registry; `parent` is the part it belongs to, if any. The
    same form sent twice (`submission_key`: a double click on "Add cost") adds it once."""
    part_kind = _part_kind(kind)
    model = part_kind.model
    with transaction.atomic():
        # The plan's lock makes a copy of the same form wait here until the first has committed.
        locked = lock_for_editing(plan)
        earlier = _added_by(locked, part_kind, actor, submission_key)
        if earlier is not None:
            return earlier
        extra = {part_kind.parent_field: parent} if part_kind.parent_field and parent else {}
        item = model(organisation_id=locked.organisation_id, plan=locked, **{**extra, **data})
        _check_belongs(part_kind, item, locked)
        item.position = _next_position(model, locked)
        item.full_clean()
        item.save()
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.PART_CREATE,
            summary=_summary(
                part_kind.names.added, _("Added: %(item)s (%(kind)s)"), part_kind, item
            ),
            plan=locked,
            detail={
                "kind": kind,
                "id": item.pk,
                "uid": str(item.uid),
                "values": {k: str(v) for k, v in data.items()},
                **({"submission_key": str(submission_key)} if submission_key else {}),
            },
        )
    return item


def _added_by(
    plan: Plan, kind: PartKind, actor: User, submission_key: UUID | None
) -> PlanPart | None:
    """The part an earlier copy of the same form added, if it is still there: the key is kept in
    the audit event that recorded the addition (parts have no column for it)."""
    added = earlier_submission(
        actor=actor, action=AuditAction.PART_CREATE, submission_key=submission_key, plan=plan
    )
    if added is None:
        return None
    return kind.model._default_manager.filter(plan=plan, pk=added.get("id")).first()


def _check_belongs(kind: PartKind, item: PlanPart, plan: Plan) -> None:
    """A part's parent belongs to this plan, and whatever else the kind checks (the people an
    action names are this person's circle or this council's workers)."""
    if kind.parent_field:
        parent_id = getattr(item, f"{kind.parent_field}_id")
        if parent_id is None and kind.parent_required:
            raise PlanError(_("Choose what this belongs to."))
        parent_model = registry.kinds[kind.parent].model
        if (
            parent_id is not None
            and not parent_model._default_manager.filter(plan=plan, pk=parent_id).exists()
        ):
            raise PlanError(_("Choose what this belongs to from this plan."))
    if kind.validate:
        kind.validate(item, plan)


def plan_item_update(
    *, item: PlanPart, data: dict[str, Any], revision: int, actor: User
) -> PlanPart:
    part_kind = registry.kind_for_model(type(item))
    model = part_kind.model
    with transaction.atomic():
        locked = lock_for_editing(item.plan)
        current = model._default_manager.filter(pk=item.pk).first()
        if current is None:
            raise EditConflict(REMOVED_MESSAGE)
        changes = _changes(current, data)
        for field, value in data.items():
            setattr(current, field, value)
        current.full_clean()
        _check_belongs(part_kind, current, locked)
        # A conditional update, so the revision check holds on SQLite as well as PostgreSQL.
        if not model._default_manager.filter(pk=item.pk, revision=revision).update(
            **data, revision=F("revision") + 1
        ):
            current_now = model._default_manager.filter(pk=item.pk).first()
            raise EditConflict(CONFLICT_MESSAGE, current=current_now)
        current.revision = revision + 1
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.PART_UPDATE,
            summary=_summary(
                part_kind.names.changed, _("Changed: %(item)s (%(kind)s)"), part_kind, current
            ),
            plan=locked,
            detail={
                "kind": part_kind.key,
                "id": current.pk,
                "uid": str(current.uid),
                "changes": changes,
            },
        )
    return current


def plan_item_delete(*, item: PlanPart, revision: int, actor: User) -> None:
    part_kind = registry.kind_for_model(type(item))
    model = part_kind.model
    with transaction.atomic():
        locked = lock_for_editing(item.plan)
        deleted, _rows = model._default_manager.filter(pk=item.pk, revision=revision).delete()
        if not deleted:
            raise EditConflict(
                CONFLICT_MESSAGE, current=model._default_manager.filter(pk=item.pk).first()
            )
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        parent_id = getattr(item, f"{part_kind.parent_field}_id") if part_kind.parent else None
        audit_record(
            actor=actor,
            action=AuditAction.PART_DELETE,
            summary=_summary(
                part_kind.names.deleted, _("Removed: %(item)s (%(kind)s)"), part_kind, item
            ),
            plan=locked,
            detail={
                "kind": part_kind.key,
                "id": item.pk,
                "uid": str(item.uid),
                "parent_id": parent_id,
            },
        )


def not_applicable_revision_key(element: str) -> str:
    return f"not_applicable:{element}"


def plan_mark_not_applicable(
    *, plan: Plan, element: str, reason: str, actor: User, revision: int | None = None
) -> Plan:
    """P6: an element may be left out only with a recorded reason.

    `revision` is what the user's form loaded; a reason saved by someone else since is not
    silently replaced (None skips the check, for callers that are not a form)."""
    if rules.Element(element) in rules.ALWAYS_APPLICABLE:  # also refuses unknown elements
        raise PlanError(_("Every plan needs outcomes and actions towards them."))
    key = not_applicable_revision_key(element)
    with transaction.atomic():
        locked = lock_for_editing(plan)
        current = locked.section_revisions.get(key, 0)
        if revision is not None and revision != current:
            raise EditConflict(CONFLICT_MESSAGE)
        locked.section_revisions = {**locked.section_revisions, key: current + 1}
        marked = dict(locked.elements_not_applicable)
        if reason.strip():
            marked[element] = reason.strip()
        else:
            marked.pop(element, None)
        locked.elements_not_applicable = marked
        _back_to_draft(locked)
        locked.save(
            update_fields=[
                "elements_not_applicable",
                "section_revisions",
                "status",
                "sent_for_agreement_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.ELEMENT_NOT_APPLICABLE,
            summary=(
                _("Marked “%(element)s” as not applicable")
                if reason.strip()
                else _("Cleared “not applicable” for “%(element)s”")
            )
            % {"element": rules.ELEMENT_LABELS[rules.Element(element)]},
            plan=locked,
            detail={"element": element, "reason": reason.strip()},
        )
    return locked

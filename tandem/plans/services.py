"""Every change to a plan goes through one of these functions.

Each validates, saves and writes its audit event in one transaction. Concurrent edits are caught
by revision counters: the second save of the same section or item is refused, never merged.
"""

from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.audit.services import audit_record
from tandem.people.models import Person
from tandem.plans import rules
from tandem.plans.models import (
    Action,
    Agreement,
    Disagreement,
    Indicator,
    Need,
    Outcome,
    Plan,
    PlanIssue,
    Risk,
    SupportArrangement,
)
from tandem.plans.sections import SECTIONS_BY_KEY, SectionState
from tandem.plans.snapshot import load_plan_parts, plan_snapshot

ITEM_MODELS = {
    "outcome": Outcome,
    "indicator": Indicator,
    "action": Action,
    "support": SupportArrangement,
    "risk": Risk,
    "need": Need,
}
ITEM_KINDS = {model: kind for kind, model in ITEM_MODELS.items()}
ITEM_SECTIONS = {
    "outcome": "outcomes",
    "indicator": "outcomes",
    "action": "actions",
    "support": "support",
    "risk": "risks",
    "need": "needs",
}


class PlanError(Exception):
    """A change the rules refuse; the message is shown to the user as it is."""


class EditConflict(PlanError):
    pass


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


def _lock(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_editable:
        raise PlanError(
            _(
                "This version of the plan has been agreed and cannot be changed. "
                "Start a new version."
            )
        )
    return locked


def _changes(obj, data: dict[str, Any]) -> dict[str, list[str]]:
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


def plan_create(*, person: Person, actor) -> Plan:
    with transaction.atomic():
        if person.plans.filter(status__in=[Plan.Status.DRAFT, Plan.Status.READY]).exists():
            raise PlanError(_("This person already has a plan being written."))
        if person.plans.filter(status=Plan.Status.AGREED).exists():
            raise PlanError(_("This person has an agreed plan: start a new version of it instead."))
        latest = person.plans.aggregate(n=Max("version_number"))["n"] or 0
        plan = Plan.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            version_number=latest + 1,
            coordinator=actor if actor.is_worker else person.allocated_worker,
            created_by=actor,
        )
        audit_record(actor=actor, action="plan.create", summary=_("Started a plan"), plan=plan)
    return plan


def plan_update_section(
    *,
    plan: Plan,
    section_key: str,
    data: dict[str, Any],
    revision: int,
    completed: bool | None,
    actor,
) -> Plan:
    section = SECTIONS_BY_KEY[section_key]
    with transaction.atomic():
        locked = _lock(plan)
        if locked.section_revisions.get(section_key, 0) != revision:
            raise EditConflict(CONFLICT_MESSAGE)
        values = {field: data[field] for field in section.fields if field in data}
        coordinator = values.get("coordinator")
        if coordinator is not None and not (
            coordinator.is_worker and coordinator.organisation_id == locked.organisation_id
        ):
            raise PlanError(_("Choose a worker from this organisation as the plan coordinator."))
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
            action="plan.section.update",
            summary=_("Changed “%(section)s”") % {"section": section.title},
            plan=locked,
            detail={"section": section_key, "changes": changes},
        )
    return locked


def _set_completed(plan: Plan, section_key: str, completed: bool | None) -> None:
    if completed is None:
        return
    status = dict(plan.section_status)
    if completed:
        status[section_key] = SectionState.COMPLETED
    else:
        status.pop(section_key, None)
    plan.section_status = status


def plan_mark_section(*, plan: Plan, section_key: str, completed: bool, actor) -> Plan:
    section = SECTIONS_BY_KEY[section_key]
    with transaction.atomic():
        locked = _lock(plan)
        _set_completed(locked, section_key, completed)
        locked.save(update_fields=["section_status", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.section.mark",
            summary=(
                _("Marked “%(section)s” as completed")
                if completed
                else _("Marked “%(section)s” as still in progress")
            )
            % {"section": section.title},
            plan=locked,
        )
    return locked


def _next_position(model, plan: Plan, **filters) -> int:
    return (model.objects.filter(plan=plan, **filters).aggregate(n=Max("position"))["n"] or 0) + 1


def plan_item_create(*, plan: Plan, kind: str, data: dict[str, Any], actor, outcome=None):
    model = ITEM_MODELS[kind]
    with transaction.atomic():
        locked = _lock(plan)
        extra = {"outcome": outcome} if kind in {"indicator", "action"} and outcome else {}
        item = model(organisation_id=locked.organisation_id, plan=locked, **{**extra, **data})
        _check_belongs(item, locked)
        item.position = _next_position(model, locked)
        item.full_clean()
        item.save()
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=f"plan.{kind}.create",
            summary=_("Added %(kind)s “%(item)s”")
            % {"kind": model._meta.verbose_name, "item": item},
            plan=locked,
            detail={"id": item.pk, "values": {k: str(v) for k, v in data.items()}},
        )
    return item


def _check_belongs(item, plan: Plan) -> None:
    """An item's outcome and named people must belong to this plan and this person."""
    outcome_id = getattr(item, "outcome_id", None)
    if outcome_id is not None and not plan.outcomes.filter(pk=outcome_id).exists():
        raise PlanError(_("Choose an outcome of this plan."))
    member_id = getattr(item, "responsible_member_id", None)
    if member_id is not None and not plan.person.circle.filter(pk=member_id).exists():
        raise PlanError(_("Choose someone from this person’s circle of support."))
    staff = getattr(item, "responsible_staff", None)
    if staff is not None and staff.organisation_id != plan.organisation_id:
        raise PlanError(_("Choose a worker from this organisation."))


def plan_item_update(*, item, data: dict[str, Any], revision: int, actor):
    model = type(item)
    with transaction.atomic():
        locked = _lock(item.plan)
        current = model.objects.filter(pk=item.pk).first()
        if current is None:
            raise EditConflict(REMOVED_MESSAGE)
        changes = _changes(current, data)
        for field, value in data.items():
            setattr(current, field, value)
        current.full_clean()
        _check_belongs(current, locked)
        # A conditional update, so the revision check holds on SQLite as well as PostgreSQL.
        if not model.objects.filter(pk=item.pk, revision=revision).update(
            **data, revision=F("revision") + 1
        ):
            raise EditConflict(CONFLICT_MESSAGE)
        current.revision = revision + 1
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=f"plan.{ITEM_KINDS[model]}.update",
            summary=_("Changed %(kind)s “%(item)s”")
            % {"kind": model._meta.verbose_name, "item": current},
            plan=locked,
            detail={"id": current.pk, "changes": changes},
        )
    return current


def plan_item_delete(*, item, revision: int, actor) -> None:
    model = type(item)
    with transaction.atomic():
        locked = _lock(item.plan)
        deleted, _rows = model.objects.filter(pk=item.pk, revision=revision).delete()
        if not deleted:
            raise EditConflict(CONFLICT_MESSAGE)
        _back_to_draft(locked)
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=f"plan.{ITEM_KINDS[model]}.delete",
            summary=_("Removed %(kind)s “%(item)s”")
            % {"kind": model._meta.verbose_name, "item": item},
            plan=locked,
            detail={"id": item.pk},
        )


def plan_mark_not_applicable(*, plan: Plan, element: str, reason: str, actor) -> Plan:
    """P6: an element may be left out only with a recorded reason."""
    rules.Element(element)  # refuses unknown elements
    with transaction.atomic():
        locked = _lock(plan)
        marked = dict(locked.elements_not_applicable)
        if reason.strip():
            marked[element] = reason.strip()
        else:
            marked.pop(element, None)
        locked.elements_not_applicable = marked
        _back_to_draft(locked)
        locked.save()
        audit_record(
            actor=actor,
            action="plan.element.not_applicable",
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


def plan_send_for_agreement(*, plan: Plan, actor) -> Plan:
    with transaction.atomic():
        locked = load_plan_parts(_lock(plan))
        problems = rules.readiness_problems(plan_snapshot(locked))
        if problems:
            raise PlanNotReady(problems)
        locked.status = Plan.Status.READY
        locked.sent_for_agreement_at = timezone.now()
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.send_for_agreement",
            summary=_("Sent the plan for agreement"),
            plan=locked,
        )
    return locked


def issue_recipients(plan: Plan) -> list[dict[str, str]]:
    """Who a copy of the plan goes to: the person, everyone they consent to share with, the
    coordinator. Each in the person's preferred formats."""
    person = plan.person
    formats = person.preferred_formats or ["standard"]
    recipients = [{"name": person.full_name, "role": str(_("The person")), "formats": formats}]
    for member in person.circle.filter(consent_to_share=True):
        recipients.append(
            {"name": member.name, "role": str(member.get_kind_display()), "formats": ["standard"]}
        )
    if plan.coordinator_id:
        recipients.append(
            {
                "name": plan.coordinator.display_name,
                "role": str(_("Plan coordinator")),
                "formats": ["standard"],
            }
        )
    return recipients


def _issue(plan: Plan, *, actor, reason: str) -> PlanIssue:
    number = (plan.issues.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = plan_snapshot(load_plan_parts(Plan.objects.select_related("person").get(pk=plan.pk)))
    return PlanIssue.objects.create(
        organisation_id=plan.organisation_id,
        plan=plan,
        number=number,
        issued_by=actor,
        reason=reason,
        snapshot=snapshot,
        recipients=issue_recipients(plan),
    )


def plan_record_agreement(*, plan: Plan, parties: list[dict[str, Any]], actor) -> PlanIssue:
    """A1: record who agreed, when and how; freeze the version and issue the first copy."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
        if locked.status != Plan.Status.READY:
            raise PlanError(_("Only a plan that has been sent for agreement can be agreed."))
        problems = rules.agreement_problems(
            parties=[p["party"] for p in parties],
            person_lacks_capacity=locked.person.capacity == Person.Capacity.LACKS_CAPACITY,
            best_interest_recorded=any(p.get("best_interest") for p in parties),
        )
        if problems:
            raise AgreementIncomplete(problems)
        for party in parties:
            agreement = Agreement(
                organisation_id=locked.organisation_id, plan=locked, recorded_by=actor, **party
            )
            agreement.full_clean()
            agreement.save()
        locked.status = Plan.Status.AGREED
        locked.agreed_at = timezone.now()
        locked.save(update_fields=["status", "agreed_at", "updated_at"])
        # The version this one replaces stays viewable, but is no longer the plan in force.
        Plan.objects.filter(person=locked.person, status=Plan.Status.AGREED).exclude(
            pk=locked.pk
        ).update(status=Plan.Status.SUPERSEDED, updated_at=timezone.now())
        issue = _issue(locked, actor=actor, reason=_("Plan agreed"))
        audit_record(
            actor=actor,
            action="plan.agree",
            summary=_("Recorded agreement and issued copy %(number)s") % {"number": issue.number},
            plan=locked,
            detail={"parties": [{k: str(v) for k, v in p.items()} for p in parties]},
        )
    return issue


def disagreement_add(
    *, plan: Plan, section: str, raised_by: str, details: str, actor
) -> Disagreement:
    """A1: noted in the plan before agreement. A2: after agreement the plan is re-issued."""
    if section not in SECTIONS_BY_KEY:
        raise PlanError(_("Choose which part of the plan the disagreement is about."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status not in {Plan.Status.DRAFT, Plan.Status.READY, Plan.Status.AGREED}:
            raise PlanError(_("This version of the plan is no longer in force."))
        after = locked.status == Plan.Status.AGREED
        disagreement = Disagreement(
            organisation_id=locked.organisation_id,
            plan=locked,
            section=section,
            raised_by=raised_by,
            details=details,
            after_agreement=after,
            recorded_by=actor,
        )
        disagreement.full_clean()
        disagreement.save()
        if after:
            disagreement.issue = _issue(
                locked,
                actor=actor,
                reason=_("Disagreement added by %(name)s") % {"name": raised_by},
            )
            disagreement.save(update_fields=["issue"])
        audit_record(
            actor=actor,
            action="plan.disagreement.add",
            summary=_("Noted a disagreement from %(name)s") % {"name": raised_by},
            plan=locked,
            detail={"section": section, "after_agreement": after},
        )
    return disagreement


def may_decide_disagreement(actor, plan: Plan) -> bool:
    """A3: the coordinator decides; a manager of the person's team may step in; with no
    coordinator named, any worker of the team may."""
    if not actor.is_worker or actor.organisation_id != plan.organisation_id:
        return False
    if actor.is_manager and actor.teams.filter(pk=plan.person.team_id).exists():
        return True
    return plan.coordinator_id in (None, actor.pk)


def disagreement_decide(
    *, disagreement: Disagreement, renegotiation: str, reason: str, actor
) -> Disagreement:
    """A3: the coordinator decides whether the plan must be reviewed or renegotiated."""
    plan = disagreement.plan
    if renegotiation not in Disagreement.Renegotiation.values:
        raise PlanError(_("Say whether the plan needs to be reviewed or renegotiated."))
    if not may_decide_disagreement(actor, plan):
        raise PlanError(_("Only the plan coordinator or a team manager can record this decision."))
    with transaction.atomic():
        disagreement.renegotiation = renegotiation
        disagreement.renegotiation_reason = reason
        disagreement.decided_by = actor
        disagreement.decided_at = timezone.now()
        disagreement.full_clean()
        disagreement.save()
        audit_record(
            actor=actor,
            action="plan.disagreement.decide",
            summary=_("Decided on a disagreement: %(decision)s")
            % {"decision": disagreement.get_renegotiation_display()},
            plan=plan,
            detail={"disagreement": disagreement.pk, "renegotiation": renegotiation},
        )
    return disagreement


def plan_start_new_version(*, plan: Plan, actor) -> Plan:
    """A4: an agreed version never changes; a change starts a new draft copied from it."""
    with transaction.atomic():
        source = Plan.objects.select_for_update().get(pk=plan.pk)
        if source.status != Plan.Status.AGREED:
            raise PlanError(_("Only the agreed plan in force can be changed into a new version."))
        if source.person.plans.filter(status__in=[Plan.Status.DRAFT, Plan.Status.READY]).exists():
            raise PlanError(_("A new version of this plan is already being written."))
        new = _copy_plan(source, actor=actor)
        audit_record(
            actor=actor,
            action="plan.new_version",
            summary=_("Started version %(number)s from version %(previous)s")
            % {"number": new.version_number, "previous": source.version_number},
            plan=new,
        )
    return new


def _copy_plan(source: Plan, *, actor) -> Plan:
    new = Plan.objects.get(pk=source.pk)
    new.pk = None
    new.version_number = source.version_number + 1
    new.previous_version = source
    new.status = Plan.Status.DRAFT
    new.section_status = {}
    new.section_revisions = {}
    new.created_by = actor
    new.sent_for_agreement_at = None
    new.agreed_at = None
    new.ended_at = None
    new.save()
    outcome_ids = {}
    for outcome in source.outcomes.all():
        old_pk = outcome.pk
        outcome.pk, outcome.plan, outcome.revision = None, new, 1
        outcome.save()
        outcome_ids[old_pk] = outcome
    for model in (Indicator, Action):
        for item in model.objects.filter(plan=source):
            item.pk, item.plan, item.revision = None, new, 1
            item.outcome = outcome_ids[item.outcome_id]
            item.save()
    for model in (SupportArrangement, Risk, Need):
        for item in model.objects.filter(plan=source):
            item.pk, item.plan, item.revision = None, new, 1
            item.save()
    return new


def plan_end(*, plan: Plan, reason: str, actor) -> Plan:
    """A plan in force ends when support ends (the person moves away, dies, no longer needs it)."""
    if not reason.strip():
        raise PlanError(_("Say why the plan is ending."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != Plan.Status.AGREED:
            raise PlanError(_("Only the agreed plan in force can be ended."))
        locked.status = Plan.Status.ENDED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.end",
            summary=_("Ended the plan: %(reason)s") % {"reason": reason.strip()},
            plan=locked,
        )
    return locked

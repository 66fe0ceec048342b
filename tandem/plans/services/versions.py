"""New versions of an agreed plan (A4), and ending a plan."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import audit_record
from tandem.plans.models import (
    Action,
    Indicator,
    Need,
    Plan,
    Risk,
    SupportArrangement,
)
from tandem.plans.services.editing import (
    PlanError,
)


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

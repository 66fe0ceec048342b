"""New versions of an agreed plan (A4), and ending a plan."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.plans.models import Plan
from tandem.plans.parts import registry
from tandem.plans.services.editing import PlanError


def plan_start_new_version(*, plan: Plan, actor: User) -> Plan:
    """A4: an agreed version never changes; a change starts a new draft copied from it."""
    with transaction.atomic():
        source = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        if source.status != Plan.Status.AGREED:
            raise PlanError(_("Only the agreed plan in force can be changed into a new version."))
        if source.person.plans.filter(status__in=[Plan.Status.DRAFT, Plan.Status.READY]).exists():
            raise PlanError(_("A new version of this plan is already being written."))
        new = _copy_plan(source, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.NEW_VERSION,
            summary=_("Started version %(number)s from version %(previous)s")
            % {"number": new.version_number, "previous": source.version_number},
            plan=new,
        )
    return new


def _copy_plan(source: Plan, *, actor: User) -> Plan:
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
    _copy_parts(source, new)
    return new


def _copy_parts(source: Plan, new: Plan) -> None:
    """Every registered part, parents before children, keeping its `uid` (the part's identity
    across versions) and pointing at the new copy of its parent."""
    new_ids: dict[str, dict[int, int]] = {}
    for kind in registry.kinds.values():  # registered parents first (register_part checks)
        copies, old_ids = [], []
        for part in kind.model._default_manager.filter(plan=source).order_by("pk"):
            old_ids.append(part.pk)
            part.pk, part.plan, part.revision = None, new, 1
            part._state.adding = True
            if kind.parent_field:
                field = f"{kind.parent_field}_id"
                setattr(part, field, new_ids[kind.parent][getattr(part, field)])
            copies.append(part)
        kind.model._default_manager.bulk_create(copies)
        new_ids[kind.key] = {old: copy.pk for old, copy in zip(old_ids, copies, strict=True)}


def plan_end(*, plan: Plan, reason: str, actor: User) -> Plan:
    """A plan in force ends when support ends (the person moves away, dies, no longer needs it)."""
    if not reason.strip():
        raise PlanError(_("Say why the plan is ending."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        if locked.status != Plan.Status.AGREED:
            raise PlanError(_("Only the agreed plan in force can be ended."))
        locked.status = Plan.Status.ENDED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.PLAN_END,
            summary=_("Ended the plan: %(reason)s") % {"reason": reason.strip()},
            plan=locked,
        )
    return locked

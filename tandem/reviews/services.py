"""Recording the plan being carried out between reviews: progress on its actions, and what calls
for a review before the one scheduled (R1, R10).

Each function checks who may, validates, saves and writes its audit event in one transaction.
The same form sent twice (its one-time `submission_key`) records one row, given back both times.
"""

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import Refused
from tandem.people.models import Person
from tandem.plans.models import Action, Plan
from tandem.reviews import rules
from tandem.reviews.models import ActionProgress, ReviewTrigger


def may_record_progress(user: User) -> bool:
    """The plan's workers, and the person and carers with consent (as they draft the plan).
    Providers recording progress on the actions they are responsible for comes later."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER}


def may_record_trigger(user: User) -> bool:
    """Workers record any trigger; the person and carers with consent may ask for a review."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER}


def trigger_kinds_for(user: User) -> list[str]:
    """A contingency, a change or a rise in risk is recorded by a worker, who acts on it; anyone
    else who may see the plan asks for a review instead."""
    if user.is_worker:
        return list(ReviewTrigger.Kind.values)
    return [ReviewTrigger.Kind.ASKED] if may_record_trigger(user) else []


def plan_agreed_on(plan: Plan) -> date:
    """The day the plan was agreed: the last party's agreement date, or the day agreement was
    recorded when that is earlier (or there is none)."""
    recorded = timezone.localdate(plan.agreed_at) if plan.agreed_at else timezone.localdate()
    dates = [a.agreed_on for a in plan.agreements.all()]
    return min(max(dates), recorded) if dates else recorded


def progress_record(
    *,
    plan: Plan,
    action: Action,
    status: str,
    happened_on: date,
    actor: User,
    note: str = "",
    submission_key: UUID | None = None,
) -> ActionProgress:
    """Progress on an action of an agreed plan, kept by the action's lasting uid."""
    if not may_record_progress(actor) or actor.organisation_id != plan.organisation_id:
        raise Refused(_("You cannot record progress on this plan."))
    if action.plan_id != plan.pk:
        raise Refused(_("That action is not in this plan."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        earlier = _earlier(ActionProgress, actor, submission_key)
        if earlier is not None:
            return earlier
        if locked.status != Plan.Status.AGREED:
            raise Refused(_("Progress is recorded on the plan in force, once it is agreed."))
        problem = rules.progress_date_problem(
            happened_on, today=timezone.localdate(), agreed_on=plan_agreed_on(locked)
        )
        if problem:
            raise Refused(problem)
        progress = ActionProgress(
            organisation_id=locked.organisation_id,
            plan=locked,
            action_uid=action.uid,
            status=status,
            note=note,
            happened_on=happened_on,
            recorded_by=actor,
            submission_key=submission_key,
        )
        progress.full_clean()
        progress.save()
        audit_record(
            actor=actor,
            action=AuditAction.ACTION_PROGRESS,
            summary=_("Recorded “%(status)s” on an action")
            % {"status": progress.get_status_display()},
            plan=locked,
            detail={
                "id": progress.pk,
                "action_uid": str(action.uid),
                "status": status,
                "happened_on": happened_on.isoformat(),
            },
        )
    return progress


def trigger_record(
    *,
    person: Person,
    kind: str,
    details: str,
    happened_on: date,
    actor: User,
    plan: Plan | None = None,
    submission_key: UUID | None = None,
) -> ReviewTrigger:
    """Something that calls for a review: urgent (R10) or asked for by the person (R1)."""
    if kind not in trigger_kinds_for(actor) or actor.organisation_id != person.organisation_id:
        raise Refused(_("You cannot record this."))
    if plan is not None and plan.person_id != person.pk:
        raise Refused(_("That plan is not this person’s."))
    problem = rules.trigger_date_problem(happened_on, today=timezone.localdate())
    if problem:
        raise Refused(problem)
    with transaction.atomic():
        # The person's row serialises copies of the same form, so the second finds the first.
        Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
        earlier = _earlier(ReviewTrigger, actor, submission_key)
        if earlier is not None:
            return earlier
        trigger = ReviewTrigger(
            organisation_id=person.organisation_id,
            person=person,
            plan=plan,
            kind=kind,
            details=details,
            happened_on=happened_on,
            recorded_by=actor,
            submission_key=submission_key,
        )
        trigger.full_clean()
        trigger.save()
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_TRIGGER,
            summary=str(trigger.get_kind_display()),
            person=person,
            plan=plan,
            detail={
                "id": trigger.pk,
                "kind": kind,
                "urgent": trigger.is_urgent,
                "happened_on": happened_on.isoformat(),
            },
        )
    return trigger


def _earlier(model: Any, actor: User, submission_key: UUID | None) -> Any:
    if submission_key is None:
        return None
    return model.objects.filter(recorded_by=actor, submission_key=submission_key).first()

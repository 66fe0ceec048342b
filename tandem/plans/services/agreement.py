"""Sending for agreement, recording agreement (A1), disagreements (A1–A3), issued copies (A2)."""

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.people.models import Person
from tandem.plans import rules
from tandem.plans.models import (
    Agreement,
    Disagreement,
    Plan,
    PlanIssue,
)
from tandem.plans.parts import registry
from tandem.plans.services.editing import (
    AgreementIncomplete,
    PlanError,
    PlanNotReady,
    lock_for_editing,
)
from tandem.plans.snapshot import load_plan_parts, plan_snapshot


def plan_send_for_agreement(*, plan: Plan, actor: User) -> Plan:
    with transaction.atomic():
        locked = load_plan_parts(lock_for_editing(plan))
        problems = rules.readiness_problems(plan_snapshot(locked))
        if problems:
            raise PlanNotReady(problems)
        locked.status = Plan.Status.READY
        locked.sent_for_agreement_at = timezone.now()
        locked.save(update_fields=["status", "sent_for_agreement_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.SEND_FOR_AGREEMENT,
            summary=_("Sent the plan for agreement"),
            plan=locked,
        )
    return locked


def issue_recipients(plan: Plan) -> list[dict[str, Any]]:
    """Who a copy of the plan goes to: the person, everyone they consent to share with (and
    an appointed advocate or legal representative), the coordinator. Each in the person's
    preferred formats."""
    person = plan.person
    formats = person.preferred_formats or ["standard"]
    recipients = [{"name": person.full_name, "role": str(_("The person")), "formats": formats}]
    # Read when the copy is issued: consent withdrawn before then leaves them out.
    sharing = Q(consent_to_share=True) | Q(appointed_as__in=access.APPOINTMENTS)
    for member in person.circle.filter(sharing):
        recipients.append(
            {"name": member.name, "role": str(member.get_kind_display()), "formats": ["standard"]}
        )
    if plan.coordinator:
        recipients.append(
            {
                "name": plan.coordinator.display_name,
                "role": str(_("Plan coordinator")),
                "formats": ["standard"],
            }
        )
    return recipients


def _issue(plan: Plan, *, actor: User, reason: str) -> PlanIssue:
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


def plan_record_agreement(*, plan: Plan, parties: list[dict[str, Any]], actor: User) -> PlanIssue:
    """A1: record who agreed, when and how; freeze the version and issue the first copy."""
    with transaction.atomic():
        locked = (
            Plan.objects.select_for_update(no_key=True, of=("self",))
            .select_related("person")
            .get(pk=plan.pk)
        )
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
            action=AuditAction.AGREE,
            summary=_("Recorded agreement and issued copy %(number)s") % {"number": issue.number},
            plan=locked,
            detail={"parties": [{k: str(v) for k, v in p.items()} for p in parties]},
        )
    return issue


def disagreeing_name(actor: User, plan: Plan) -> str:
    """Who a disagreement is from when someone records their own: their name, and their
    organisation if they are a provider or agency in the person's circle."""
    member = plan.person.circle.filter(user=actor).first()
    if member is None:
        return actor.display_name
    organisation = member.organisation_name or (
        member.name if member.kind in {member.Kind.PROVIDER, member.Kind.AGENCY} else ""
    )
    if organisation and organisation != actor.display_name:
        return f"{actor.display_name} ({organisation})"
    return actor.display_name


NOT_A_PART = gettext_lazy(
    "The part you chose is not part of this version of the plan: it may have been removed. "
    "Choose a part of this plan from the list."
)


def _part(plan: Plan, *, section: str, part_kind: str, part_uid: UUID | str | None) -> UUID | None:
    """The uid of the one part a disagreement is about, if it is: a part of this version, in the
    section the disagreement names."""
    if not part_kind and part_uid is None:
        return None
    kind = registry.kind(part_kind)
    try:
        uid = UUID(str(part_uid))
    except ValueError:
        raise PlanError(NOT_A_PART) from None
    if kind is None or kind.section != section:
        raise PlanError(NOT_A_PART)
    if not kind.model._default_manager.filter(plan=plan, uid=uid).exists():
        raise PlanError(NOT_A_PART)
    return uid


def _check_raised_on(plan: Plan, raised_on: date) -> None:
    problem = rules.raised_on_problem(
        raised_on, today=timezone.localdate(), plan_started=timezone.localdate(plan.created_at)
    )
    if problem:
        raise PlanError(problem)


def disagreement_add(
    *,
    plan: Plan,
    section: str,
    details: str,
    actor: User,
    raised_by: str = "",
    part_kind: str = "",
    part_uid: UUID | str | None = None,
    raised_on: date | None = None,
    submission_key: UUID | None = None,
) -> Disagreement:
    """A1: noted in the plan before agreement. A2: after agreement the plan is re-issued.

    It is about a section of the plan, or about one part in that section (`part_kind` and the
    `part_uid` the part keeps across versions). It is dated the day it was raised (`raised_on`,
    today unless said). Only a worker records a disagreement on someone else's behalf
    (`raised_by`); anyone else disagrees in their own name. The same form sent twice
    (`submission_key`) gives the first disagreement back rather than a second one."""
    if not actor.is_worker or not raised_by.strip():
        raised_by = disagreeing_name(actor, plan)
    if registry.section(section) is None:
        raise PlanError(_("Choose which part of the plan the disagreement is about."))
    raised_on = raised_on or timezone.localdate()
    with transaction.atomic():
        # The plan's lock also makes copies of the same form wait here for the first to commit.
        locked = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        uid = _part(locked, section=section, part_kind=part_kind, part_uid=part_uid)
        earlier, submission_key = _earlier_copy(
            actor,
            submission_key,
            plan_id=locked.pk,
            section=section,
            part_kind=part_kind,
            part_uid=uid,
            raised_on=raised_on,
            details=details,
            raised_by=raised_by,
        )
        if earlier is not None:
            return earlier
        if not locked.accepts_disagreements:
            raise PlanError(_("This version of the plan is no longer in force."))
        _check_raised_on(locked, raised_on)
        after = locked.status == Plan.Status.AGREED
        disagreement = Disagreement(
            organisation_id=locked.organisation_id,
            plan=locked,
            section=section,
            part_kind=part_kind,
            part_uid=uid,
            raised_by=raised_by,
            raised_on=raised_on,
            details=details,
            after_agreement=after,
            recorded_by=actor,
            submission_key=submission_key,
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
            action=AuditAction.DISAGREEMENT_ADD,
            summary=_("Noted a disagreement from %(name)s") % {"name": raised_by},
            plan=locked,
            detail={
                "section": section,
                "part_kind": part_kind,
                "part_uid": str(uid or ""),
                "raised_on": raised_on.isoformat(),
                "after_agreement": after,
            },
        )
    return disagreement


def _earlier_copy(
    actor: User, submission_key: UUID | None, **values: Any
) -> tuple[Disagreement | None, UUID | None]:
    """The disagreement an earlier copy of the same form recorded, and the key to record a new
    one with: none if the key was used for a different disagreement (a form brought back with the
    browser's back button and changed is a new one)."""
    if submission_key is None:
        return None, None
    earlier = Disagreement.objects.filter(recorded_by=actor, submission_key=submission_key).first()
    if earlier is None:
        return None, submission_key
    if all(getattr(earlier, name) == value for name, value in values.items()):
        return earlier, submission_key
    return None, None


def may_decide_disagreement(actor: User, plan: Plan) -> bool:
    """A3: the coordinator decides; a manager of the person's team may step in; with no
    coordinator named, any worker of the team may."""
    if not actor.is_worker or actor.organisation_id != plan.organisation_id:
        return False
    if actor.is_manager and actor.teams.filter(pk=plan.person.team_id).exists():
        return True
    return plan.coordinator_id in (None, actor.pk)


def disagreement_decide(
    *, disagreement: Disagreement, renegotiation: str, reason: str, actor: User
) -> Disagreement:
    """A3: the coordinator decides whether the plan must be reviewed or renegotiated, for a
    disagreement noted before agreement (A1) as for one added after it (A2)."""
    plan = disagreement.plan
    if renegotiation not in Disagreement.Renegotiation.values:
        raise PlanError(_("Say whether the plan needs to be reviewed or renegotiated."))
    if not may_decide_disagreement(actor, plan):
        raise PlanError(_("Only the plan coordinator or a team manager can record this decision."))
    with transaction.atomic():
        if not Plan.objects.select_for_update(no_key=True).get(pk=plan.pk).accepts_disagreements:
            raise PlanError(
                _(
                    "This version of the plan is no longer in force, so there is nothing to "
                    "decide: a later version replaced it, or the plan has ended."
                )
            )
        # Decided once, by one person: a second decision made at the same time must not
        # silently replace the first.
        decided = Disagreement.objects.filter(pk=disagreement.pk, renegotiation="").update(
            renegotiation=renegotiation,
            renegotiation_reason=reason,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        if not decided:
            raise PlanError(_("A decision on this disagreement has already been recorded."))
        disagreement.refresh_from_db()
        audit_record(
            actor=actor,
            action=AuditAction.DISAGREEMENT_DECIDE,
            summary=_("Decided on a disagreement: %(decision)s")
            % {"decision": disagreement.get_renegotiation_display()},
            plan=plan,
            detail={"disagreement": disagreement.pk, "renegotiation": renegotiation},
        )
    return disagreement

"""Recording the plan being carried out between reviews: progress on its actions, and what calls
for a review before the one scheduled (R1, R10).

Each function checks who may, validates, saves and writes its audit event in one transaction.
The same form sent twice (its one-time `submission_key`) records one row, given back both times.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.access import can_coordinate_plan, circle_membership
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Action, Outcome, Plan
from tandem.plans.services.agreement import issue_recipients
from tandem.plans.services.versions import plan_start_new_version
from tandem.reviews import rules
from tandem.reviews.gas import Level
from tandem.reviews.models import ActionProgress, OutcomeEvaluation, Review, ReviewTrigger
from tandem.reviews.schedule import Timescales, record_due_on
from tandem.reviews.services.consultation import current_consultation
from tandem.reviews.services.outcomes import carry_into_new_plan


def may_record_progress(user: User) -> bool:
    """Whether the user may record progress on any action at all: workers, the person, and
    carers and providers (with consent). Which actions: `progress_refusal`."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER, Role.PROVIDER}


def progress_membership(user: User, plan: Plan) -> CircleMember | None:
    """The carer's or provider's own consenting place in the person's circle, which names the
    actions they are responsible for; None for anyone else (and no query for them)."""
    if user.role not in {Role.CARER, Role.PROVIDER}:
        return None
    return circle_membership(user, plan.person)


def progress_refusal(
    user: User, plan: Plan, action: Action, membership: CircleMember | None
) -> str:
    """Why this user may not record progress on this action, in plain English; empty when they
    may. Workers may on any action; the person on any action of their own plan; a carer or a
    provider only on the actions they are responsible for (`membership`, from
    `progress_membership`)."""
    if not may_record_progress(user) or user.organisation_id != plan.organisation_id:
        return str(_("You cannot record progress on this plan."))
    if user.is_worker:
        return ""
    if user.role == Role.PERSON:
        if plan.person.user_id == user.pk:
            return ""
        return str(_("You cannot record progress on this plan."))
    if membership is None or membership.person_id != plan.person_id:
        return str(_("You cannot record progress on this plan."))
    if action.responsible_member_id != membership.pk:
        return str(
            _(
                "You can record progress only on the actions you are responsible for. "
                "Ask the person’s worker to record progress on this one."
            )
        )
    return ""


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
    if action.plan_id != plan.pk:
        raise Refused(_("That action is not in this plan."))
    refusal = progress_refusal(actor, plan, action, progress_membership(actor, plan))
    if refusal:
        raise Refused(refusal)
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


# The review record (R5–R9) ------------------------------------------------------------------

# What `review_update` may change; everything else is set by the service.
REVIEW_FIELDS = frozenset(
    {
        "held_on",
        "how_held",
        "why_proportionate",
        "who_took_part",
        "advocate_present",
        "best_interest_decisions",
        "needs_changed",
        "new_assessment_needed",
        "services_meet_outcomes",
        "what_must_change",
        "new_plan_needed",
        "next_review_on",
    }
)


@dataclass(frozen=True)
class Finalised:
    review: Review
    new_plan: Plan | None


def may_record_review(user: User) -> bool:
    """The worker records the review; the person's own words come through the consultation."""
    return user.is_worker


def _check_may_record(actor: User, review_or_plan: Review | Plan) -> None:
    if not may_record_review(actor) or actor.organisation_id != review_or_plan.organisation_id:
        raise Refused(_("You cannot record a review of this plan."))


def review_start(*, plan: Plan, actor: User) -> Review:
    """A draft review of the agreed plan in force; one draft review per person at a time (the
    draft already started is given back)."""
    _check_may_record(actor, plan)
    with transaction.atomic():
        locked = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        if locked.status != Plan.Status.AGREED:
            raise Refused(_("Only the agreed plan in force can be reviewed."))
        draft = Review.objects.filter(person_id=locked.person_id, status=Review.Status.DRAFT)
        existing = draft.first()
        if existing is not None:
            return existing
        review = Review.objects.create(
            organisation_id=locked.organisation_id,
            person_id=locked.person_id,
            plan=locked,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_START,
            summary=_("Started a review of version %(number)s of the plan")
            % {"number": locked.version_number},
            plan=locked,
            detail={"id": review.pk},
        )
    return review


def review_held_on_problem(held_on: date | None, plan: Plan, *, today: date) -> str | None:
    """A review is held after the plan was agreed, and not in the future."""
    if held_on is None:
        return None
    if held_on > today:
        return str(_("The date the review was held must be today or in the past"))
    agreed_on = plan_agreed_on(plan)
    if held_on < agreed_on:
        return str(
            _("The date the review was held must be on or after the plan was agreed, %(date)s")
            % {"date": agreed_on.strftime("%-d %B %Y")}
        )
    return None


def review_next_problem(
    next_review_on: date | None, held_on: date | None, today: date
) -> str | None:
    """R7: the next review agreed comes after this one and in the future."""
    if next_review_on is None:
        return None
    if next_review_on <= today:
        return str(_("The date of the next review must be in the future"))
    if held_on is not None and next_review_on <= held_on:
        return str(_("The date of the next review must be after the review was held"))
    return None


def review_update(*, review: Review, data: dict[str, Any], revision: int, actor: User) -> Review:
    """Save the review's answers; a save over someone else's newer one raises EditConflict."""
    _check_may_record(actor, review)
    unknown = set(data) - REVIEW_FIELDS
    if unknown:
        raise Refused(_("That cannot be changed on a review."))
    today = timezone.localdate()
    with transaction.atomic():
        current = Review.objects.select_for_update().select_related("plan").get(pk=review.pk)
        if current.status != Review.Status.DRAFT:
            raise Refused(_("This review has been finalised and can no longer be changed."))
        if current.revision != revision:
            raise EditConflict(
                _("Someone else changed this review while you were editing it."), current=current
            )
        problem = review_held_on_problem(data.get("held_on"), current.plan, today=today)
        problem = problem or review_next_problem(
            data.get("next_review_on"), data.get("held_on", current.held_on), today
        )
        if problem:
            raise Refused(problem)
        for name, value in data.items():
            setattr(current, name, value)
        current.revision = revision + 1
        current.full_clean(exclude=["organisation", "person", "plan", "created_by"])
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_UPDATE,
            summary=_("Changed the review record"),
            plan=current.plan,
            detail={"id": current.pk, "fields": sorted(data)},
        )
    return current


def review_outcomes(review: Review) -> list[Outcome]:
    """The outcomes of the reviewed plan, in the plan's order."""
    return list(Outcome.objects.filter(plan_id=review.plan_id).order_by("position", "id"))


def evaluation_save(
    *,
    review: Review,
    outcome_uid: UUID,
    rating: str,
    evidence: str,
    gas_level: int | None,
    actor: User,
) -> OutcomeEvaluation:
    """Rate one outcome of the reviewed plan, by its lasting uid."""
    _check_may_record(actor, review)
    outcome = Outcome.objects.filter(plan_id=review.plan_id, uid=outcome_uid).first()
    if outcome is None:
        raise Refused(_("Choose an outcome of this plan"))
    if rating not in OutcomeEvaluation.Rating.values:
        raise Refused(_("Select whether the outcome has been achieved"))
    if gas_level is not None and gas_level not in Level.values:
        raise Refused(_("Select a goal attainment level from −2 to +2"))
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.status != Review.Status.DRAFT:
            raise Refused(_("This review has been finalised and can no longer be changed."))
        evaluation, _created = OutcomeEvaluation.objects.update_or_create(
            review=locked,
            outcome_uid=outcome.uid,
            defaults={
                "outcome_words": outcome.words,
                "rating": rating,
                "evidence": evidence,
                "gas_level": gas_level,
            },
        )
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_UPDATE,
            summary=_("Rated an outcome: %(rating)s") % {"rating": evaluation.get_rating_display()},
            plan=locked.plan,
            detail={"id": locked.pk, "outcome_uid": str(outcome.uid), "rating": rating},
        )
    return evaluation


def review_save(
    *,
    review: Review,
    data: dict[str, Any],
    evaluations: list[dict[str, Any]],
    revision: int,
    actor: User,
) -> Review:
    """The review page's one save: its answers and its outcomes' ratings in one transaction, so
    a refusal (or a finalise in between) never leaves half of them saved."""
    with transaction.atomic():
        saved = review_update(review=review, data=data, revision=revision, actor=actor)
        for rated in evaluations:
            evaluation_save(review=saved, actor=actor, **rated)
    return saved


def review_finalise_problems(review: Review, *, today: date) -> list[str]:
    """What stops the review being finalised, in plain English; none when it may be."""
    problems: list[str] = []
    if review.held_on is None:
        problems.append(str(_("Enter the date the review was held")))
    if not review.how_held:
        problems.append(str(_("Select how the review was held")))
    outcomes = review_outcomes(review)
    rated = set(review.evaluations.values_list("outcome_uid", flat=True))
    unrated = [o for o in outcomes if o.uid not in rated]
    for outcome in unrated:
        problems.append(str(_("Rate the outcome “%(words)s”") % {"words": outcome.words}))
    if not review.new_plan_needed and review.new_outcomes.exists():
        # An agreed plan never changes (A4): outcomes agreed at the review need a new version.
        problems.append(
            str(_("Say that a new plan is needed, so the outcomes agreed at the review go into it"))
        )
    if review.next_review_on is None:
        problems.append(str(_("Enter the date of the next review")))
    else:
        problem = review_next_problem(review.next_review_on, review.held_on, today)
        if problem:
            problems.append(problem)
    person = review.person
    if person.capacity == Person.Capacity.LACKS_CAPACITY and not review.best_interest_decisions:
        problems.append(
            str(_("Record the best-interest decisions, as the person lacks capacity for some"))
        )
    return problems


def review_finalise(*, review: Review, actor: User) -> Finalised:
    """Freeze the review record (R8); start a new plan version when one is needed (R9), with
    the new or different outcomes agreed at the review in it (outcomes.carry_into_new_plan).
    Of two people finalising at once, only one succeeds: the update is conditional on the
    review still being a draft."""
    _check_may_record(actor, review)
    today = timezone.localdate()
    with transaction.atomic():
        current = Review.objects.select_related("person", "plan").get(pk=review.pk)
        if current.status != Review.Status.DRAFT:
            raise Refused(_("This review has already been finalised."))
        problems = review_finalise_problems(current, today=today)
        if problems:
            raise Refused(problems[0])
        assert current.held_on is not None
        now = timezone.now()
        copy_due_on = record_due_on(
            current.held_on, Timescales.from_organisation(current.plan.organisation)
        )
        won = Review.objects.filter(pk=current.pk, status=Review.Status.DRAFT).update(
            status=Review.Status.FINAL,
            finalised_by=actor,
            finalised_at=now,
            copy_due_on=copy_due_on,
            # R4: the person's answers before the review stay with it.
            consultation=current.consultation
            or current_consultation(current.person_id, with_providers=False),
            revision=F("revision") + 1,
        )
        if not won:
            raise Refused(_("This review has already been finalised."))
        new_plan = None
        if current.new_plan_needed:
            # Refuses (and so undoes the finalising) when a new version is already being written.
            new_plan = plan_start_new_version(plan=current.plan, actor=actor)
            # R5/R9: the new or different outcomes agreed at the review go into it.
            carry_into_new_plan(review=current, new_plan=new_plan, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_FINALISE,
            summary=_("Finalised the review record"),
            plan=current.plan,
            detail={
                "id": current.pk,
                "next_review_on": str(current.next_review_on),
                "new_plan": new_plan.pk if new_plan else None,
            },
        )
    current.refresh_from_db()
    return Finalised(review=current, new_plan=new_plan)


# Sending the copy (R8) -------------------------------------------------------------------------


def may_send_review_copy(user: User) -> bool:
    """Whoever may coordinate the plan sends the copy of its review record."""
    return can_coordinate_plan(user)


def review_copy_recipients(review: Review) -> list[dict[str, Any]]:
    """Who the copy goes to: as for a copy of the plan, the person in their preferred formats,
    everyone they consent to share with, and the coordinator."""
    return issue_recipients(review.plan)


def review_send_copy(*, review: Review, actor: User) -> tuple[Review, bool]:
    """Record that the copy of the final review record has been sent (R8), once: of two sends
    (a double click, two people) only the first records it. Gives back the review and whether
    this call sent it."""
    if not may_send_review_copy(actor) or actor.organisation_id != review.organisation_id:
        raise Refused(_("You cannot send a copy of this review record."))
    with transaction.atomic():
        current = Review.objects.select_related("person", "plan__coordinator").get(pk=review.pk)
        if current.status != Review.Status.FINAL:
            raise Refused(_("A copy can only be sent once the review record has been finalised."))
        won = Review.objects.filter(
            pk=current.pk, status=Review.Status.FINAL, copy_sent_at__isnull=True
        ).update(copy_sent_at=timezone.now())
        if won:
            recipients = review_copy_recipients(current)
            audit_record(
                actor=actor,
                action=AuditAction.REVIEW_UPDATE,
                summary=_("Sent a copy of the review record"),
                plan=current.plan,
                detail={"id": current.pk, "copy_sent": True, "recipients": recipients},
            )
    current.refresh_from_db()
    return current, bool(won)

"""The next review of an agreed plan: the facts the schedule needs, read from the plan.

`plan_facts` turns an agreed plan version into `schedule.PlanFacts`; `next_review_for` works out
the next review from them with the organisation's timescales. The plan's parts are read in two
queries (outcomes, indicators) – none when the page has loaded them already with
`tandem.plans.snapshot.load_plan_parts` – so a page keeps a fixed number of queries however many
outcomes the plan has.
"""

import logging
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import FilteredRelation, Min, Q, Subquery
from django.utils import timezone

from tandem.plans.models import Indicator, Outcome, Plan
from tandem.reviews.models import OutcomeEvaluation, Review, ReviewTrigger
from tandem.reviews.schedule import (
    Deadline,
    NextReview,
    PlanFacts,
    ScheduleError,
    Timescales,
    next_review,
)

logger = logging.getLogger(__name__)

# Ways of taking the personal budget that include a direct payment (R11).
_DIRECT_PAYMENT = {Plan.BudgetArrangement.DIRECT_PAYMENT, Plan.BudgetArrangement.MIXED}


def _loaded(plan: Plan, kind: str) -> list | None:
    """The parts of this kind the page has loaded already (load_plan_parts), if it has."""
    loaded = plan.__dict__.get("loaded_parts")
    if loaded is None or kind not in loaded:
        return None
    return list(loaded[kind])


def plan_deadlines(plan: Plan, closed: frozenset[UUID] = frozenset()) -> tuple[Deadline, ...]:
    """Every open outcome's `achieve_by` and its indicators' `due_on`, labelled with their words
    (R2). An outcome rated achieved or no longer wanted at the last review (`closed`, by uid) is
    not open: its deadlines no longer bring the review forward."""
    outcomes = _loaded(plan, "outcome")
    if outcomes is None:
        outcomes = list(Outcome.objects.filter(plan=plan).only("uid", "words", "achieve_by"))
    indicators = _loaded(plan, "indicator")
    if indicators is None:
        indicators = list(
            Indicator.objects.filter(plan=plan).only("outcome_id", "description", "due_on")
        )
    open_ids = {o.pk for o in outcomes if o.uid not in closed}
    deadlines = [
        Deadline(o.achieve_by, o.words) for o in outcomes if o.achieve_by and o.pk in open_ids
    ]
    deadlines += [
        Deadline(i.due_on, i.description)
        for i in indicators
        if i.due_on and i.outcome_id in open_ids
    ]
    return tuple(deadlines)


def plan_facts(plan: Plan) -> PlanFacts:
    """What the schedule needs to know about an agreed plan version."""
    agreed_on = timezone.localdate(plan.agreed_at) if plan.agreed_at else None
    direct_payment_starts_on = (
        (plan.support_starts_on or agreed_on)
        if plan.budget_arrangement in _DIRECT_PAYMENT
        else None
    )
    requested_on, urgent_since = _triggers_since(plan, agreed_on)
    last = last_review(plan.person_id)
    return PlanFacts(
        support_starts_on=plan.support_starts_on,
        agreed_on=agreed_on,
        deadlines=plan_deadlines(plan, last.closed),
        direct_payment_starts_on=direct_payment_starts_on,
        last_review_on=last.held_on,
        next_review_agreed_on=last.next_review_on,
        requested_on=requested_on,
        urgent_since=urgent_since,
    )


@dataclass(frozen=True)
class LastReview:
    held_on: date | None = None
    next_review_on: date | None = None  # agreed at it (R7)
    closed: frozenset[UUID] = frozenset()  # outcomes rated achieved or no longer wanted


_CLOSED = (OutcomeEvaluation.Rating.ACHIEVED, OutcomeEvaluation.Rating.NO_LONGER_WANTED)


def last_review(person_id: int) -> LastReview:
    """The person's latest finalised review: when it was held, the next review agreed at it, and
    the outcomes it found closed – one query (a row per closed outcome)."""
    latest = (
        Review.objects.filter(person_id=person_id, status=Review.Status.FINAL)
        .order_by("-held_on", "-id")
        .values("pk")[:1]
    )
    rows = list(
        Review.objects.filter(pk=Subquery(latest))
        .annotate(
            closed_uid=FilteredRelation("evaluations", condition=Q(evaluations__rating__in=_CLOSED))
        )
        .values_list("held_on", "next_review_on", "closed_uid__outcome_uid")
    )
    if not rows:
        return LastReview()
    held_on, next_review_on, _ = rows[0]
    return LastReview(held_on, next_review_on, frozenset(uid for *_, uid in rows if uid))


def _triggers_since(plan: Plan, agreed_on: date | None) -> tuple[date | None, date | None]:
    """The first request for a review (R1) and the first contingency trigger, change of
    circumstances or rise in risk (R10) recorded since this version was agreed: one query."""
    triggers = ReviewTrigger.objects.filter(person_id=plan.person_id)
    if agreed_on is not None:
        triggers = triggers.filter(happened_on__gte=agreed_on)
    firsts = triggers.aggregate(
        requested=Min("happened_on", filter=Q(kind=ReviewTrigger.Kind.ASKED)),
        urgent=Min("happened_on", filter=Q(kind__in=ReviewTrigger.URGENT_KINDS)),
    )
    return firsts["requested"], firsts["urgent"]


def next_review_for(plan: Plan, *, today: date | None = None) -> NextReview | None:
    """The next review of an agreed plan, or None: for a plan not agreed (a draft, or one
    superseded or ended), or when its dates give no review date."""
    if plan.status != Plan.Status.AGREED:
        return None
    today = today or timezone.localdate()
    try:
        return next_review(
            plan_facts(plan), Timescales.from_organisation(plan.organisation), today=today
        )
    except ScheduleError:
        # The plan's id only: the error's dates are part of the person's record.
        logger.warning("No next review date for plan %s", plan.pk)
        return None

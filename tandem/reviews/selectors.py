"""The next review of agreed plans: the facts the schedule needs, read from the plans.

`plans_facts` turns agreed plan versions into `schedule.PlanFacts`, and `next_reviews_for` works
out their next reviews with their organisations' timescales – for one plan or a caseload of
hundreds, in a fixed number of queries however many plans, outcomes, reviews and triggers there
are (see docs/reviews-schedule.md, "Many plans at once"). `plan_facts` and `next_review_for` are
the same for one plan: a page keeps a fixed number of queries however many outcomes the plan has,
and none for the outcomes and indicators when it has loaded them already with
`tandem.plans.snapshot.load_plan_parts`.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from django.db.models import FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tandem.accounts.models import Organisation
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


class OutcomeDates(Protocol):
    """What the schedule reads of an outcome: a model instance, or a row of `_OUTCOME_FIELDS`."""

    @property
    def pk(self) -> Any: ...
    @property
    def uid(self) -> UUID: ...
    @property
    def words(self) -> str: ...
    @property
    def achieve_by(self) -> date | None: ...


class IndicatorDates(Protocol):
    """What the schedule reads of an indicator: a model instance, or a row of
    `_INDICATOR_FIELDS`."""

    @property
    def outcome_id(self) -> Any: ...
    @property
    def description(self) -> str: ...
    @property
    def due_on(self) -> date | None: ...


# Rows rather than model instances: half the time for a caseload's thousands of parts.
_OUTCOME_FIELDS = ("plan_id", "pk", "uid", "words", "achieve_by")
_INDICATOR_FIELDS = ("plan_id", "outcome_id", "description", "due_on")


def _parts(plans: Sequence[Plan], kind: str, queryset: QuerySet[Any]) -> dict[int, list]:
    """Each plan's parts of this kind (plan id → parts): those a page has loaded already, and
    the rest in one query (`queryset`, of rows with a `plan_id`), none if every plan has them
    loaded."""
    found: dict[int, list] = {}
    missing = []
    for plan in plans:
        loaded = _loaded(plan, kind)
        if loaded is None:
            missing.append(plan.pk)
            found[plan.pk] = []
        else:
            found[plan.pk] = loaded
    if missing:
        for part in queryset.filter(plan_id__in=missing):
            found[part.plan_id].append(part)
    return found


def deadlines(
    outcomes: Iterable[OutcomeDates], indicators: Iterable[IndicatorDates], closed: frozenset[UUID]
) -> tuple[Deadline, ...]:
    """Every open outcome's `achieve_by` and its indicators' `due_on`, labelled with their words
    (R2). An outcome rated achieved or no longer wanted at the last review (`closed`, by uid) is
    not open: its deadlines no longer bring the review forward."""
    outcomes = list(outcomes)
    open_ids = {o.pk for o in outcomes if o.uid not in closed}
    found = [Deadline(o.achieve_by, o.words) for o in outcomes if o.achieve_by and o.pk in open_ids]
    found += [
        Deadline(i.due_on, i.description)
        for i in indicators
        if i.due_on and i.outcome_id in open_ids
    ]
    return tuple(found)


@dataclass(frozen=True)
class LastReview:
    held_on: date | None = None
    next_review_on: date | None = None  # agreed at it (R7)
    closed: frozenset[UUID] = frozenset()  # outcomes rated achieved or no longer wanted


_CLOSED = (OutcomeEvaluation.Rating.ACHIEVED, OutcomeEvaluation.Rating.NO_LONGER_WANTED)


def last_reviews(person_ids: Iterable[int]) -> dict[int, LastReview]:
    """Each person's latest finalised review (person id → review; none for a person with no
    final review): when it was held, the next review agreed at it, and the outcomes it found
    closed – one query (a row per closed outcome), however many people and reviews."""
    ids = set(person_ids)
    if not ids:
        return {}
    latest = (
        Review.objects.filter(person_id=OuterRef("person_id"), status=Review.Status.FINAL)
        .order_by("-held_on", "-id")
        .values("pk")[:1]
    )
    rows = (
        Review.objects.filter(person_id__in=ids, status=Review.Status.FINAL)
        .filter(pk=Subquery(latest))
        .annotate(
            closed_uid=FilteredRelation("evaluations", condition=Q(evaluations__rating__in=_CLOSED))
        )
        .values_list("person_id", "held_on", "next_review_on", "closed_uid__outcome_uid")
    )
    found: dict[int, tuple[date | None, date | None, set[UUID]]] = {}
    for person_id, held_on, next_review_on, uid in rows:
        _, _, closed = found.setdefault(person_id, (held_on, next_review_on, set()))
        if uid:
            closed.add(uid)
    return {
        person_id: LastReview(held_on, next_review_on, frozenset(closed))
        for person_id, (held_on, next_review_on, closed) in found.items()
    }


@dataclass(frozen=True)
class _Triggers:
    requested_on: date | None = None
    urgent_since: date | None = None


def _triggers_since(plans: Sequence[Plan], agreed: dict[int, date | None]) -> dict[int, _Triggers]:
    """For each plan (plan id → triggers): the first request for a review (R1) and the first
    contingency trigger, change of circumstances or rise in risk (R10) recorded for its person
    since it was agreed (`agreed`, plan id → day). One query: each person's triggers on distinct
    days since the earliest of those days."""
    if not plans:
        return {}
    person_ids = {plan.person_id for plan in plans}
    triggers = ReviewTrigger.objects.filter(person_id__in=person_ids)
    days = [agreed[plan.pk] for plan in plans]
    if all(day is not None for day in days):
        triggers = triggers.filter(happened_on__gte=min(d for d in days if d is not None))
    by_person: dict[int, list[tuple[str, date]]] = defaultdict(list)
    rows = triggers.order_by().values_list("person_id", "kind", "happened_on").distinct()
    for person_id, kind, happened_on in rows:
        by_person[person_id].append((kind, happened_on))
    found = {}
    for plan in plans:
        since = agreed[plan.pk]
        mine = [(k, d) for k, d in by_person[plan.person_id] if since is None or d >= since]
        found[plan.pk] = _Triggers(
            requested_on=min((d for k, d in mine if k == ReviewTrigger.Kind.ASKED), default=None),
            urgent_since=min((d for k, d in mine if k in ReviewTrigger.URGENT_KINDS), default=None),
        )
    return found


def plans_facts(plans: Iterable[Plan]) -> dict[int, PlanFacts]:
    """What the schedule needs to know about each agreed plan version (plan id → facts): four
    queries however many plans – outcomes and indicators (none for plans whose parts are
    loaded), each person's last final review with the outcomes it closed, and the triggers."""
    plans = list(plans)
    if not plans:
        return {}
    agreed = {p.pk: timezone.localdate(p.agreed_at) if p.agreed_at else None for p in plans}
    outcomes = _parts(plans, "outcome", Outcome.objects.values_list(*_OUTCOME_FIELDS, named=True))
    indicators = _parts(
        plans, "indicator", Indicator.objects.values_list(*_INDICATOR_FIELDS, named=True)
    )
    reviews = last_reviews(p.person_id for p in plans)
    triggers = _triggers_since(plans, agreed)
    found = {}
    for plan in plans:
        last = reviews.get(plan.person_id, LastReview())
        agreed_on = agreed[plan.pk]
        found[plan.pk] = PlanFacts(
            support_starts_on=plan.support_starts_on,
            agreed_on=agreed_on,
            deadlines=deadlines(outcomes[plan.pk], indicators[plan.pk], last.closed),
            direct_payment_starts_on=(
                (plan.support_starts_on or agreed_on)
                if plan.budget_arrangement in _DIRECT_PAYMENT
                else None
            ),
            last_review_on=last.held_on,
            next_review_agreed_on=last.next_review_on,
            requested_on=triggers[plan.pk].requested_on,
            urgent_since=triggers[plan.pk].urgent_since,
        )
    return found


def plan_facts(plan: Plan) -> PlanFacts:
    """What the schedule needs to know about an agreed plan version, as `plans_facts`."""
    return plans_facts([plan])[plan.pk]


def _organisations(plans: Sequence[Plan]) -> dict[int, Organisation]:
    """The plans' organisations (id → organisation): those already on the plans, the rest in one
    query – and then on the plans, as `plan.organisation` would have left them."""
    found = {p.organisation_id: p.organisation for p in plans if Plan.organisation.is_cached(p)}
    missing = {p.organisation_id for p in plans} - set(found)
    if missing:
        found.update(Organisation.objects.in_bulk(missing))
        for plan in plans:
            plan.organisation = found[plan.organisation_id]
    return found


def _timescales(organisation: Organisation) -> Timescales | None:
    try:
        return Timescales.from_organisation(organisation)
    except ScheduleError:
        return None


def next_reviews_for(
    plans: Iterable[Plan], *, today: date | None = None
) -> dict[int, NextReview | None]:
    """The next review of each plan (plan id → next review), or None for a plan not agreed (a
    draft, or one superseded or ended) or whose dates give no review date. A fixed number of
    queries however many plans – at most five: `plans_facts`, and the organisations not already
    loaded on the plans."""
    plans = list(plans)
    found: dict[int, NextReview | None] = {p.pk: None for p in plans}
    agreed = [p for p in plans if p.status == Plan.Status.AGREED]
    if not agreed:
        return found
    today = today or timezone.localdate()
    facts = plans_facts(agreed)
    timescales = {pk: _timescales(org) for pk, org in _organisations(agreed).items()}
    for plan in agreed:
        scale = timescales[plan.organisation_id]
        try:
            if scale is None:
                raise ScheduleError("The organisation's review timescales cannot be used.")
            found[plan.pk] = next_review(facts[plan.pk], scale, today=today)
        except ScheduleError:
            # The plan's id only: the error's dates are part of the person's record.
            logger.warning("No next review date for plan %s", plan.pk)
    return found


def next_review_for(plan: Plan, *, today: date | None = None) -> NextReview | None:
    """The next review of an agreed plan, or None: for a plan not agreed (a draft, or one
    superseded or ended), or when its dates give no review date. As `next_reviews_for`."""
    return next_reviews_for([plan], today=today)[plan.pk]

"""Preparation for a review (R4, R5): what the worker has in front of them when they record it.

`preparation(review, today=...)` reads, for the agreed plan version reviewed:

- the plan: each outcome with its indicators – and which of them are due, that is dated on or
  before the review (the day it was held, or today until that is entered) and after the last
  final review, which looked at the earlier ones – and its actions with their latest progress;
- what has happened since the last final review (or, before the first review, since the plan was
  agreed): progress recorded on actions, contacts with the people in the plan, and contingencies,
  changes and requests for a review;
- the person's previous final reviews, each outcome's rating in them;
- the person's own answers (R5): the consultation the review uses, or else the latest one
  recorded since the last final review.

"Since" a review includes the day it was held: something recorded that day may have happened
before the meeting, and showing one row too many is better than hiding one.

It runs a fixed number of queries however many outcomes, actions, indicators, progress rows,
contacts, triggers and past reviews there are.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Prefetch, prefetch_related_objects

from tandem.plans.models import Action, Indicator, Outcome, Plan
from tandem.reviews import progress as progress_module
from tandem.reviews.models import (
    ActionProgress,
    Consultation,
    Contact,
    OutcomeEvaluation,
    ProviderInvitation,
    Review,
    ReviewTrigger,
)
from tandem.reviews.services import plan_agreed_on
from tandem.reviews.services.consultation import current_consultation


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    due: bool


@dataclass
class OutcomeRow:
    outcome: Outcome
    indicators: list[IndicatorRow] = field(default_factory=list)
    actions: list[progress_module.ActionRow] = field(default_factory=list)

    @property
    def indicators_due(self) -> list[Indicator]:
        return [row.indicator for row in self.indicators if row.due]


@dataclass(frozen=True)
class ProgressRow:
    progress: ActionProgress
    # The action's words: from the plan reviewed, or from the version it was recorded against.
    action_words: str


@dataclass(frozen=True)
class PastReview:
    review: Review
    evaluations: list[OutcomeEvaluation]


@dataclass(frozen=True)
class Preparation:
    plan: Plan
    # The day "since" counts from, and the final review it is the date of (None: the plan's
    # agreement, before the first review).
    since: date
    last_review: Review | None
    # The day indicators are due by: the day the review was held, or today.
    due_by: date
    outcomes: list[OutcomeRow]
    progress: list[ProgressRow]
    contacts: list[Contact]
    triggers: list[ReviewTrigger]
    past_reviews: list[PastReview]
    consultation: Consultation | None
    invitations: list[ProviderInvitation]

    @property
    def indicators_due(self) -> int:
        return sum(len(row.indicators_due) for row in self.outcomes)


def preparation(
    review: Review, *, today: date, outcomes: Sequence[Outcome] | None = None
) -> Preparation:
    """Everything the review page puts in front of the worker; see the module's docstring.

    `outcomes` are the reviewed plan's outcomes when the page has read them already (in the
    plan's order); otherwise they are read here."""
    plan = review.plan
    # The plan's agreements, read once for the two places that work out when it was agreed.
    prefetch_related_objects([plan], "agreements")
    past = _past_reviews(review)
    last = past[0].review if past else None
    since = last.held_on if last is not None and last.held_on else plan_agreed_on(plan)
    due_by = review.held_on or today
    rows = _outcome_rows(plan, outcomes, today=today, due_by=due_by, after=_held_on(last))
    consultation = _consultation(review)
    return Preparation(
        plan=plan,
        since=since,
        last_review=last,
        due_by=due_by,
        outcomes=rows,
        progress=_progress_since(plan, rows, since),
        contacts=list(
            Contact.objects.filter(
                person_id=review.person_id, happened_on__gte=since
            ).select_related("recorded_by")
        ),
        triggers=list(
            ReviewTrigger.objects.filter(
                person_id=review.person_id, happened_on__gte=since
            ).select_related("recorded_by")
        ),
        past_reviews=past,
        consultation=consultation,
        invitations=list(consultation.providers.all()) if consultation is not None else [],
    )


def _held_on(review: Review | None) -> date | None:
    return review.held_on if review is not None else None


def _past_reviews(review: Review) -> list[PastReview]:
    """The person's final reviews, newest first, each with its outcomes' ratings: two queries."""
    reviews = (
        Review.objects.filter(person_id=review.person_id, status=Review.Status.FINAL)
        .exclude(pk=review.pk)
        .order_by("-held_on", "-id")
        .prefetch_related(
            Prefetch("evaluations", queryset=OutcomeEvaluation.objects.order_by("id"))
        )
    )
    return [PastReview(r, list(r.evaluations.all())) for r in reviews]


def _outcome_rows(
    plan: Plan,
    outcomes: Sequence[Outcome] | None,
    *,
    today: date,
    due_by: date,
    after: date | None,
) -> list[OutcomeRow]:
    """Each outcome with its indicators (due or not) and its actions with their latest progress
    (progress.action_rows): five queries, one fewer when the outcomes are given."""
    if outcomes is None:
        outcomes = list(Outcome.objects.filter(plan=plan).order_by("position", "id"))
    prefetch_related_objects(
        list(outcomes),
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id")),
    )
    rows = {outcome.pk: OutcomeRow(outcome) for outcome in outcomes}
    for outcome in outcomes:
        rows[outcome.pk].indicators = [
            IndicatorRow(i, indicator_is_due(i.due_on, due_by=due_by, after=after))
            for i in outcome.indicators.all()
        ]
    for action_row in progress_module.action_rows(plan, today):
        row = rows.get(action_row.action.outcome_id)
        if row is not None:
            row.actions.append(action_row)
    return list(rows.values())


def indicator_is_due(due_on: date | None, *, due_by: date, after: date | None) -> bool:
    """An indicator is due at this review when its date has come by the review, and it was not
    already due at the last final review (which looked at it then)."""
    if due_on is None or due_on > due_by:
        return False
    return after is None or due_on > after


def _progress_since(plan: Plan, rows: list[OutcomeRow], since: date) -> list[ProgressRow]:
    """Progress recorded on the person's actions since `since`, newest first: one query, and a
    second only when some was recorded on an action the reviewed version no longer has."""
    found = list(
        ActionProgress.objects.filter(
            plan__person_id=plan.person_id, happened_on__gte=since
        ).select_related("recorded_by")
    )
    words: dict[UUID, str] = {
        a.action.uid: a.action.description for row in rows for a in row.actions
    }
    missing = {p.action_uid for p in found} - set(words)
    if missing:
        earlier = (
            Action.objects.filter(plan__person_id=plan.person_id, uid__in=missing)
            .order_by("plan__version_number")
            .values_list("uid", "description")
        )
        words |= dict(earlier)  # the latest version's words win
    return [ProgressRow(p, words.get(p.action_uid, "")) for p in found]


def _consultation(review: Review) -> Consultation | None:
    """The consultation the review uses, or else the person's current one (recorded since their
    last final review): one query."""
    if review.consultation_id is not None:
        return (
            Consultation.objects.select_related("answered_by")
            .filter(pk=review.consultation_id)
            .first()
        )
    return current_consultation(review.person_id, with_providers=False)

"""The person's progress over time (issue 7, Build 7): the GAS T-score of each final review, and
each outcome's history across reviews and plan versions, followed by the outcome's lasting uid.

Read in two queries however many reviews and outcomes there are (the final reviews, then their
evaluations), so the progress page keeps a fixed number of queries.

What happened between reviews that other apps record (the reminders sent, say) joins the page
through `register_events`, so this app imports none of them; each source reads in one query.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch

from tandem.people.models import Person
from tandem.reviews.gas import Level, t_score
from tandem.reviews.models import OutcomeEvaluation, Review


@dataclass(frozen=True)
class ScoredReview:
    """One final review with at least one GAS level: its date, how many outcomes were scored and
    the T-score of those levels (unweighted)."""

    review: Review
    held_on: date
    scored: int
    score: Decimal


@dataclass(frozen=True)
class OutcomeEntry:
    """One outcome as rated at one review."""

    review: Review
    evaluation: OutcomeEvaluation

    @property
    def level_words(self) -> str:
        level = self.evaluation.gas_level
        return "" if level is None else str(Level(level).label)

    @property
    def level_figure(self) -> str:
        """The level as people write it: +1, 0, −2 (with a real minus sign)."""
        level = self.evaluation.gas_level
        if level is None:
            return ""
        return "0" if level == 0 else f"{level:+d}".replace("-", "−")


@dataclass
class OutcomeHistory:
    """One outcome across reviews (oldest first), known by its lasting uid."""

    uid: UUID
    words: str = ""
    entries: list[OutcomeEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    reviews: Sequence[Review]
    scored: Sequence[ScoredReview]
    outcomes: Sequence[OutcomeHistory]

    @property
    def points(self) -> list[tuple[date, Decimal]]:
        return [(row.held_on, row.score) for row in self.scored]


def final_reviews(person: Person) -> list[Review]:
    """The person's final reviews, oldest first, each with its evaluations (two queries)."""
    return list(
        Review.objects.filter(person=person, status=Review.Status.FINAL)
        .order_by("held_on", "id")
        .prefetch_related(
            Prefetch("evaluations", queryset=OutcomeEvaluation.objects.order_by("id"))
        )
    )


def progress_for(person: Person) -> Progress:
    reviews = final_reviews(person)
    scored: list[ScoredReview] = []
    outcomes: dict[UUID, OutcomeHistory] = {}
    for review in reviews:
        evaluations = list(review.evaluations.all())
        levels = [e.gas_level for e in evaluations if e.gas_level is not None]
        if levels and review.held_on is not None:
            scored.append(
                ScoredReview(
                    review=review,
                    held_on=review.held_on,
                    scored=len(levels),
                    score=t_score(levels),
                )
            )
        for evaluation in evaluations:
            history = outcomes.setdefault(
                evaluation.outcome_uid, OutcomeHistory(uid=evaluation.outcome_uid)
            )
            history.entries.append(OutcomeEntry(review=review, evaluation=evaluation))
            # Reviews come oldest first, so the last words seen are the latest.
            history.words = evaluation.outcome_words
    return Progress(reviews=reviews, scored=scored, outcomes=list(outcomes.values()))


def has_final_review(person: Person) -> bool:
    """Whether the person has a final review to show progress from (one query)."""
    return Review.objects.filter(person=person, status=Review.Status.FINAL).exists()


@dataclass(frozen=True)
class Event:
    """Something that happened between reviews, as staff see it on the progress page."""

    at: datetime
    text: str


EventSource = Callable[[Person], Iterable[Event]]
_event_sources: list[EventSource] = []


def register_events(source: EventSource) -> None:
    """Called from another app's AppConfig.ready: `source(person)` gives its events for the
    person, in a fixed number of queries."""
    if source not in _event_sources:
        _event_sources.append(source)


def events_for(person: Person) -> list[Event]:
    """Every registered source's events for the person, newest first."""
    events = [event for source in _event_sources for event in source(person)]
    return sorted(events, key=lambda event: event.at, reverse=True)

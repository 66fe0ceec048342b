"""The reads behind the team manager's dashboard: each a fixed number of queries however many
people the teams hold, and each limited to the teams it is given – which are only ever the
manager's own (`manager_teams`)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tandem.accounts import access
from tandem.accounts.models import Team, User
from tandem.budgets.models import BudgetDecision
from tandem.people.models import Person
from tandem.plans.models import Indicator, Outcome, Plan
from tandem.reviews.models import Review

EDITABLE = (Plan.Status.DRAFT, Plan.Status.READY)


def manager_teams(user: User) -> list[Team]:
    """The teams whose dashboard this user may see: a team manager's own; none for anyone
    else."""
    if not user.is_authenticated or not user.is_manager:
        return []
    return list(access.own_teams(user).order_by("name", "pk"))


def team_people(teams: Sequence[Team]) -> QuerySet[Person]:
    """Everyone supported by these teams, with what the figures and lists show of them."""
    return (
        Person.objects.filter(team__in=[t.pk for t in teams])
        .select_related("team", "allocated_worker", "organisation")
        .order_by("family_name", "given_name", "pk")
    )


@dataclass(frozen=True)
class HeldReview:
    """A review held (recorded or still being recorded), with what the schedule needs to say
    when it was due: the reviewed plan's dates, and the review held before it, if any."""

    review_id: int
    person_id: int
    held_on: date
    final: bool
    copy_due_on: date | None
    copy_sent_on: date | None
    support_starts_on: date | None
    plan_agreed_on: date | None
    previous_held_on: date | None = None
    previous_next_review_on: date | None = None


def held_reviews(person_ids: Sequence[int], *, since: date, today: date) -> list[HeldReview]:
    """The reviews of these people held after `since` and up to today, each with the review held
    before it. One query: every review held up to today (the earlier ones give the previous
    review of the later)."""
    rows = (
        Review.objects.filter(person_id__in=person_ids, held_on__isnull=False, held_on__lte=today)
        .order_by("person_id", "held_on", "pk")
        .values_list(
            "pk",
            "person_id",
            "held_on",
            "status",
            "next_review_on",
            "copy_due_on",
            "copy_sent_at",
            "plan__support_starts_on",
            "plan__agreed_at",
        )
    )
    found = []
    previous: dict[int, tuple[date, date | None]] = {}
    for pk, person_id, held_on, status, next_on, copy_due_on, sent_at, starts, agreed_at in rows:
        assert held_on is not None  # filtered above
        before = previous.get(person_id)
        previous[person_id] = (held_on, next_on)
        if held_on <= since:
            continue
        found.append(
            HeldReview(
                review_id=pk,
                person_id=person_id,
                held_on=held_on,
                final=status == Review.Status.FINAL,
                copy_due_on=copy_due_on,
                copy_sent_on=timezone.localdate(sent_at) if sent_at else None,
                support_starts_on=starts,
                plan_agreed_on=timezone.localdate(agreed_at) if agreed_at else None,
                previous_held_on=before[0] if before else None,
                previous_next_review_on=before[1] if before else None,
            )
        )
    return found


@dataclass(frozen=True)
class AgreedOutcome:
    outcome_id: int
    plan_id: int
    person_id: int
    words: str
    life_area: str
    has_indicator: bool


def agreed_outcomes(person_ids: Sequence[int]) -> list[AgreedOutcome]:
    """The outcomes of these people's plans in force (agreed), and whether each has an
    indicator. One query."""
    indicators = Indicator.objects.filter(outcome_id=OuterRef("pk"))
    rows = (
        Outcome.objects.filter(plan__person_id__in=person_ids, plan__status=Plan.Status.AGREED)
        .annotate(has_indicator=Exists(indicators))
        .order_by("plan__person_id", "position", "pk")
        .values_list("pk", "plan_id", "plan__person_id", "words", "life_area", "has_indicator")
    )
    return [AgreedOutcome(*row) for row in rows]


@dataclass(frozen=True)
class PlanState:
    plan_id: int
    person_id: int
    version_number: int
    status: str
    decision_waiting: bool
    since: date | None  # agreed on, sent for agreement on, or last changed on


def plan_states(person_ids: Sequence[int]) -> list[PlanState]:
    """These people's plans that are agreed, ready for agreement, or being written with a
    budget decision waiting. One query."""
    waiting = BudgetDecision.objects.filter(
        plan_id=OuterRef("pk"), status=BudgetDecision.Status.WAITING
    )
    rows = (
        Plan.objects.filter(person_id__in=person_ids)
        .annotate(decision_waiting=Exists(waiting))
        .filter(
            Q(status__in=[Plan.Status.AGREED, Plan.Status.READY])
            | Q(status__in=EDITABLE, decision_waiting=True)
        )
        .order_by("person_id", "pk")
        .values_list(
            "pk",
            "person_id",
            "version_number",
            "status",
            "decision_waiting",
            "agreed_at",
            "sent_for_agreement_at",
            "updated_at",
        )
    )
    found = []
    for pk, person_id, version, status, waiting_now, agreed_at, sent_at, updated_at in rows:
        moment = agreed_at if status == Plan.Status.AGREED else sent_at or updated_at
        found.append(
            PlanState(
                plan_id=pk,
                person_id=person_id,
                version_number=version,
                status=status,
                decision_waiting=waiting_now,
                since=timezone.localdate(moment) if moment else None,
            )
        )
    return found


@dataclass(frozen=True)
class WaitingDecision:
    decision_id: int
    plan_id: int
    person_id: int
    asked_on: date
    over_budget: bool
    social_work: bool


def decisions_waiting(person_ids: Sequence[int]) -> list[WaitingDecision]:
    """Requests for a manager's decision on a plan's cost still waiting, on plans still being
    written (as the manager's queue counts them). One query."""
    rows = (
        BudgetDecision.objects.filter(
            plan__person_id__in=person_ids,
            status=BudgetDecision.Status.WAITING,
            plan__status__in=EDITABLE,
        )
        .order_by("requested_at", "pk")
        .values_list(
            "pk", "plan_id", "plan__person_id", "requested_at", "over_budget", "social_work"
        )
    )
    return [
        WaitingDecision(pk, plan_id, person_id, timezone.localdate(at), over, social)
        for pk, plan_id, person_id, at, over, social in rows
    ]

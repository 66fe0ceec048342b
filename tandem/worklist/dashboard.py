"""The team manager's dashboard: the team's timeliness and quality, each figure counted from
the things behind it, so every bar can be opened to list them.

Each figure is a list of `Fact`s – one per thing counted (a review, a copy, an outcome, a plan,
a decision, an overdue item, a person with an area of life) – and the row (bar) it counts in.
A figure's rows are counted from its facts, and its drill-down lists the facts of one row: the
number on the dashboard and the list behind it can never disagree. The figures themselves –
titles, rules in plain English, rows – are listed once in `tandem.worklist.figures`.

The rules are the apps' own: when a review was due comes from `tandem.reviews.schedule`, what
is overdue from the worklist's registry (`tandem.worklist.due`); nothing is worked out again
here. The classifying functions below are pure (plain rows in, facts out), so they are tested
with dates alone.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import Team
from tandem.people.models import Person
from tandem.plans import frameworks
from tandem.plans.models import Plan
from tandem.reviews.schedule import (
    PlanFacts,
    ReasonCode,
    ScheduleError,
    Timescales,
    add_months,
    next_review,
    record_due_on,
)
from tandem.ui.templatetags.govuk import govuk_date
from tandem.worklist import due, selectors

SayDate = Callable[[date | None], str]

# Reviews and copies are counted over this many months back from today.
LOOK_BACK_MONTHS = 12
UNALLOCATED = "unallocated"
NO_AREA = "none"


@dataclass(frozen=True)
class Fact:
    """One thing counted in a figure: the row it counts in, and what its drill-down shows."""

    row: str
    person_id: int
    what: str
    when: str = ""  # the dates that decided its row, in words
    url: str = ""  # where it is, if not the person's own page
    on: date | None = None  # for ordering the drill-down
    escalated: bool = False


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    escalated: int = 0


@dataclass
class Scope:
    """Whose figures: the teams chosen (always the manager's own) and those teams' people, on a
    given day, with the organisation's review timescales."""

    teams: list[Team]
    people: list[Person]
    today: date
    timescales: Timescales = field(default_factory=Timescales)
    # How dates are written in the facts' words: the GOV.UK way on the pages, YYYY-MM-DD in a
    # spreadsheet.
    say_date: SayDate = field(default=govuk_date)

    @property
    def person_ids(self) -> list[int]:
        return [p.pk for p in self.people]

    @property
    def since(self) -> date:
        return add_months(self.today, -LOOK_BACK_MONTHS)


# --- Reviews held on time (R1) -----------------------------------------------------------------


def by_id(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for many pks at the cost of one: a figure links each of
    hundreds of rows to its page, and reversing each one was a fifth of the dashboard's time."""
    mark = 987654321
    path = reverse(name, args=[mark])
    return lambda pk: path.replace(str(mark), str(int(pk)))


@dataclass(frozen=True)
class Timeliness:
    first: bool  # the first review after new support started; otherwise a yearly one
    due_on: date
    on_time: bool


def review_timeliness(review: selectors.HeldReview, timescales: Timescales) -> Timeliness | None:
    """When the schedule gave this review as due, and whether it was held by then (on the day
    counts as on time). The schedule is asked as it stood on the day the review was held, from
    the first-review and yearly rules only (R1, with the date agreed at the last review, R7): a
    review brought forward by a deadline, a request or an urgent trigger is counted against the
    date R1 gave it. None when those rules give no date (nothing was agreed or started)."""
    facts = PlanFacts(
        support_starts_on=review.support_starts_on,
        agreed_on=review.plan_agreed_on,
        last_review_on=review.previous_held_on,
        next_review_agreed_on=review.previous_next_review_on,
    )
    try:
        found = next_review(facts, timescales, today=review.held_on)
    except ScheduleError:
        return None
    first = any(reason.code == ReasonCode.FIRST_REVIEW for reason in found.reasons)
    return Timeliness(first=first, due_on=found.due_on, on_time=review.held_on <= found.due_on)


def review_facts(
    reviews: Iterable[selectors.HeldReview],
    timescales: Timescales,
    *,
    first: bool,
    say_date: SayDate = govuk_date,
) -> list[Fact]:
    facts = []
    review_url = by_id("reviews:review")
    for review in reviews:
        timeliness = review_timeliness(review, timescales)
        if timeliness is None or timeliness.first != first:
            continue
        values = {"held": say_date(review.held_on), "due": say_date(timeliness.due_on)}
        facts.append(
            Fact(
                row="on_time" if timeliness.on_time else "late",
                person_id=review.person_id,
                what=_("First review") if first else _("Yearly review"),
                when=_("Held on %(held)s, due by %(due)s") % values,
                url=review_url(review.review_id),
                on=review.held_on,
            )
        )
    return facts


# --- Copies of review records (R8) -------------------------------------------------------------


def copy_row(*, due_on: date, sent_on: date | None, today: date) -> str:
    """R8: a copy is on time when sent on or before the day it was due."""
    if sent_on is not None:
        return "on_time" if sent_on <= due_on else "sent_late"
    return "not_sent" if today > due_on else "not_due"


def copy_facts(
    reviews: Iterable[selectors.HeldReview],
    timescales: Timescales,
    today: date,
    *,
    say_date: SayDate = govuk_date,
) -> list[Fact]:
    """Each review held: its copy's due date (set when it was finalised, or – while it is still
    being recorded – the weeks R8 allows from the day it was held) against the day it was sent."""
    facts = []
    review_url = by_id("reviews:review")
    for review in reviews:
        due_on = review.copy_due_on or record_due_on(review.held_on, timescales)
        row = copy_row(due_on=due_on, sent_on=review.copy_sent_on, today=today)
        values = {"due": say_date(due_on), "sent": say_date(review.copy_sent_on)}
        if review.copy_sent_on:
            when = _("Due by %(due)s, sent on %(sent)s") % values
        elif review.final:
            when = _("Due by %(due)s, not sent") % values
        else:
            when = _("Due by %(due)s, not sent: the review is still being recorded") % values
        facts.append(
            Fact(
                row=row,
                person_id=review.person_id,
                what=_("Copy of the review held on %(held)s") % {"held": say_date(review.held_on)},
                when=when,
                url=review_url(review.review_id),
                on=due_on,
            )
        )
    return facts


# --- Outcomes: measurable indicators (P3) and areas of life (P12) ------------------------------


def indicator_facts(outcomes: Iterable[selectors.AgreedOutcome]) -> list[Fact]:
    plan_url = by_id("plans:detail")
    return [
        Fact(
            row="with" if outcome.has_indicator else "without",
            person_id=outcome.person_id,
            what=outcome.words,
            url=plan_url(outcome.plan_id),
        )
        for outcome in outcomes
    ]


def area_facts(outcomes: Iterable[selectors.AgreedOutcome]) -> list[Fact]:
    """P12: one fact per person and area of life, however many of their outcomes are in it –
    areas are counted across people, so one person's five outcomes about food count once."""
    outcomes_in: Counter[tuple[int, str]] = Counter(
        (outcome.person_id, outcome.life_area or NO_AREA) for outcome in outcomes
    )
    return [
        Fact(
            row=area,
            person_id=person_id,
            what=ngettext("%(count)s outcome", "%(count)s outcomes", count) % {"count": count},
        )
        for (person_id, area), count in outcomes_in.items()
    ]


def area_label(code: str) -> str:
    if code == NO_AREA:
        return _("No area of life given")
    return frameworks.life_area_label(code) or code


# --- Plans and budget decisions (A1, P8) -------------------------------------------------------


def plan_facts(
    plans: Iterable[selectors.PlanState], *, say_date: SayDate = govuk_date
) -> list[Fact]:
    """A plan agreed, one waiting for agreement, and one being written that waits for a manager's
    decision on its cost (a plan may be counted in both of the last two)."""
    facts = []
    plan_url = by_id("plans:detail")
    for plan in plans:
        rows = []
        if plan.status == Plan.Status.AGREED:
            rows.append("agreed")
        elif plan.status == Plan.Status.READY:
            rows.append("agreement")
        if plan.decision_waiting and plan.status != Plan.Status.AGREED:
            rows.append("decision")
        what = _("Version %(number)s of the plan") % {"number": plan.version_number}
        for row in rows:
            facts.append(
                Fact(
                    row=row,
                    person_id=plan.person_id,
                    what=what,
                    when=_("Since %(date)s") % {"date": say_date(plan.since)} if plan.since else "",
                    url=plan_url(plan.plan_id),
                    on=plan.since,
                )
            )
    return facts


def waiting_row(asked_on: date, today: date) -> str:
    """How long a request has waited, in whole weeks: under 1, 1 to 4, over 4."""
    days = (today - asked_on).days
    if days < 7:
        return "week"
    return "month" if days <= 28 else "longer"


def decision_facts(
    decisions: Iterable[selectors.WaitingDecision], today: date, *, say_date: SayDate = govuk_date
) -> list[Fact]:
    facts = []
    for decision in decisions:
        if decision.over_budget and decision.social_work:
            what = _("Over the indicative budget, and social-work resources")
        elif decision.over_budget:
            what = _("Over the indicative budget")
        else:
            what = _("Social-work resources")
        facts.append(
            Fact(
                row=waiting_row(decision.asked_on, today),
                person_id=decision.person_id,
                what=what,
                when=_("Asked on %(date)s") % {"date": say_date(decision.asked_on)},
                url=reverse("budgets:decide", args=[decision.decision_id]),
                on=decision.asked_on,
            )
        )
    return facts


# --- Overdue work (the worklist's registry) ----------------------------------------------------


def overdue_facts(
    items: Iterable[due.DueItem],
    people: dict[int, Person],
    today: date,
    *,
    say_date: SayDate = govuk_date,
) -> list[Fact]:
    """Each item past its date (overdue from the day after), in the row of the person's
    allocated worker, and whether it is escalated: overdue for longer than the organisation
    allows, so it is on the team managers' worklists too."""
    facts = []
    for item in items:
        if not item.is_overdue(today):
            continue
        person = people[item.person_id]
        worker = person.allocated_worker_id
        days = item.days_overdue(today)
        facts.append(
            Fact(
                row=str(worker) if worker else UNALLOCATED,
                person_id=item.person_id,
                what=item.what,
                when=ngettext(
                    "Due on %(date)s: %(count)s day overdue",
                    "Due on %(date)s: %(count)s days overdue",
                    days,
                )
                % {"date": say_date(item.due_on), "count": days},
                url=item.url,
                on=item.due_on,
                escalated=due.escalates(item, person, today),
            )
        )
    return facts

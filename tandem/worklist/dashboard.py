"""The team manager's dashboard: the team's timeliness and quality, each figure counted from
the things behind it, so every bar can be opened to list them.

Each figure is a list of `Fact`s – one per thing counted (a review, a copy, an outcome, a plan,
a decision, an overdue item, a person with an area of life) – and the row (bar) it counts in.
A figure's rows are counted from its facts, and its drill-down lists the facts of one row: the
number on the dashboard and the list behind it can never disagree.

The rules are the apps' own: when a review was due comes from `tandem.reviews.schedule`, what
is overdue from the worklist's registry (`tandem.worklist.due`); nothing is worked out again
here. The classifying functions below are pure (plain rows in, facts out), so they are tested
with dates alone.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.accounts.models import Team, User
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
    """Whose figures: the manager, the teams chosen (always their own) and those teams' people,
    on a given day."""

    user: User
    teams: list[Team]
    people: list[Person]
    today: date
    timescales: Timescales = field(default_factory=Timescales)

    @property
    def person_ids(self) -> list[int]:
        return [p.pk for p in self.people]

    @property
    def since(self) -> date:
        return add_months(self.today, -LOOK_BACK_MONTHS)


# --- Reviews held on time (R1) -----------------------------------------------------------------


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
    reviews: Iterable[selectors.HeldReview], timescales: Timescales, *, first: bool
) -> list[Fact]:
    facts = []
    for review in reviews:
        timeliness = review_timeliness(review, timescales)
        if timeliness is None or timeliness.first != first:
            continue
        values = {"held": govuk_date(review.held_on), "due": govuk_date(timeliness.due_on)}
        facts.append(
            Fact(
                row="on_time" if timeliness.on_time else "late",
                person_id=review.person_id,
                what=_("First review") if first else _("Yearly review"),
                when=_("Held on %(held)s, due by %(due)s") % values,
                url=reverse("reviews:review", args=[review.review_id]),
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
    reviews: Iterable[selectors.HeldReview], timescales: Timescales, today: date
) -> list[Fact]:
    """Each review held: its copy's due date (set when it was finalised, or – while it is still
    being recorded – the weeks R8 allows from the day it was held) against the day it was sent."""
    facts = []
    for review in reviews:
        due_on = review.copy_due_on or record_due_on(review.held_on, timescales)
        row = copy_row(due_on=due_on, sent_on=review.copy_sent_on, today=today)
        values = {"due": govuk_date(due_on), "sent": govuk_date(review.copy_sent_on)}
        when = (
            _("Due by %(due)s, sent on %(sent)s") % values
            if review.copy_sent_on
            else _("Due by %(due)s, not sent") % values
        )
        facts.append(
            Fact(
                row=row,
                person_id=review.person_id,
                what=_("Copy of the review held on %(held)s")
                % {"held": govuk_date(review.held_on)},
                when=when,
                url=reverse("reviews:review", args=[review.review_id]),
                on=due_on,
            )
        )
    return facts


# --- Outcomes: measurable indicators (P3) and areas of life (P12) ------------------------------


def indicator_facts(outcomes: Iterable[selectors.AgreedOutcome]) -> list[Fact]:
    return [
        Fact(
            row="with" if outcome.has_indicator else "without",
            person_id=outcome.person_id,
            what=outcome.words,
            url=reverse("plans:detail", args=[outcome.plan_id]),
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


def plan_facts(plans: Iterable[selectors.PlanState]) -> list[Fact]:
    """A plan agreed, one waiting for agreement, and one being written that waits for a manager's
    decision on its cost (a plan may be counted in both of the last two)."""
    facts = []
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
                    when=_("Since %(date)s") % {"date": govuk_date(plan.since)}
                    if plan.since
                    else "",
                    url=reverse("plans:detail", args=[plan.plan_id]),
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


def decision_facts(decisions: Iterable[selectors.WaitingDecision], today: date) -> list[Fact]:
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
                when=_("Asked on %(date)s") % {"date": govuk_date(decision.asked_on)},
                url=reverse("budgets:decide", args=[decision.decision_id]),
                on=decision.asked_on,
            )
        )
    return facts


# --- Overdue work (the worklist's registry) ----------------------------------------------------


def overdue_facts(
    items: Iterable[due.DueItem], people: dict[int, Person], today: date
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
                % {"date": govuk_date(item.due_on), "count": days},
                url=item.url,
                on=item.due_on,
                escalated=due.escalates(item, person, today),
            )
        )
    return facts


# --- The figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureKind:
    """A figure on the dashboard: its title, its rule in plain English, its fixed rows (or
    None when they come from the team: workers, areas of life), the query-string name its
    drill-down takes a row by, and how its facts are found."""

    slug: str
    title: str | Promise
    rule: str | Promise
    param: str
    facts: Callable[[Scope], list[Fact]]
    rows: tuple[tuple[str, str | Promise], ...] | None = None
    # The share of the rows that counts as good ("3 of 4 on time"): (good rows, counted rows).
    share: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    share_words: str | Promise = ""


def _held(scope: Scope) -> list[selectors.HeldReview]:
    return selectors.held_reviews(scope.person_ids, since=scope.since, today=scope.today)


def _overdue(scope: Scope) -> list[Fact]:
    people = {p.pk: p for p in scope.people}
    return overdue_facts(due.items_for_people(scope.people, scope.today), people, scope.today)


ON_TIME_ROWS = (("on_time", gettext_lazy("On time")), ("late", gettext_lazy("Late")))

FIGURES: tuple[FigureKind, ...] = (
    FigureKind(
        slug="first-reviews",
        title=gettext_lazy("First reviews held on time"),
        rule=gettext_lazy(
            "First reviews held in the last 12 months. The first review is due a number of "
            "weeks after new support starts (R1: 6 weeks unless your organisation set "
            "another). It is on time when held on or before that date."
        ),
        param="status",
        facts=lambda scope: review_facts(_held(scope), scope.timescales, first=True),
        rows=ON_TIME_ROWS,
        share=(("on_time",), ("on_time", "late")),
        share_words=gettext_lazy("on time"),
    ),
    FigureKind(
        slug="yearly-reviews",
        title=gettext_lazy("Yearly reviews held on time"),
        rule=gettext_lazy(
            "Other reviews held in the last 12 months. A review is due at least every 12 "
            "months after the last one (R1), or by the date agreed at it if that is sooner "
            "(R7); with no review yet, 12 months after the plan was agreed. It is on time when "
            "held on or before that date."
        ),
        param="status",
        facts=lambda scope: review_facts(_held(scope), scope.timescales, first=False),
        rows=ON_TIME_ROWS,
        share=(("on_time",), ("on_time", "late")),
        share_words=gettext_lazy("on time"),
    ),
    FigureKind(
        slug="copies",
        title=gettext_lazy("Copies of review records sent on time"),
        rule=gettext_lazy(
            "Reviews held in the last 12 months. The review is recorded and a copy sent to the "
            "person within a number of weeks of it (R8: 3 weeks unless your organisation set "
            "fewer). Copies not due yet are not counted in the share."
        ),
        param="status",
        facts=lambda scope: copy_facts(_held(scope), scope.timescales, scope.today),
        rows=(
            ("on_time", gettext_lazy("Sent on time")),
            ("sent_late", gettext_lazy("Sent late")),
            ("not_sent", gettext_lazy("Not sent and late")),
            ("not_due", gettext_lazy("Not due yet")),
        ),
        share=(("on_time",), ("on_time", "sent_late", "not_sent")),
        share_words=gettext_lazy("sent on time"),
    ),
    FigureKind(
        slug="indicators",
        title=gettext_lazy("Outcomes with measurable indicators"),
        rule=gettext_lazy(
            "Outcomes in the agreed plans in force. Every outcome needs at least one indicator: "
            "something concrete and measurable, due on a date, that shows it is being achieved "
            "(P3)."
        ),
        param="status",
        facts=lambda scope: indicator_facts(selectors.agreed_outcomes(scope.person_ids)),
        rows=(
            ("with", gettext_lazy("With an indicator")),
            ("without", gettext_lazy("Without an indicator")),
        ),
        share=(("with",), ("with", "without")),
        share_words=gettext_lazy("with an indicator"),
    ),
    FigureKind(
        slug="plans",
        title=gettext_lazy("Plans agreed and waiting"),
        rule=gettext_lazy(
            "Plans in force (agreed by the person and their worker, A1), plans sent for "
            "agreement and not yet agreed, and plans being written that are waiting for a team "
            "manager’s decision on their cost (P8)."
        ),
        param="status",
        facts=lambda scope: plan_facts(selectors.plan_states(scope.person_ids)),
        rows=(
            ("agreed", gettext_lazy("Agreed")),
            ("agreement", gettext_lazy("Waiting for agreement")),
            ("decision", gettext_lazy("Waiting for a budget decision")),
        ),
    ),
    FigureKind(
        slug="decisions",
        title=gettext_lazy("Budget decisions waiting"),
        rule=gettext_lazy(
            "Requests for a team manager’s decision on a plan that costs more than the "
            "indicative budget or uses social-work resources (P8, P5), by how long they have "
            "waited."
        ),
        param="waited",
        facts=lambda scope: decision_facts(
            selectors.decisions_waiting(scope.person_ids), scope.today
        ),
        rows=(
            ("week", gettext_lazy("Less than a week")),
            ("month", gettext_lazy("1 to 4 weeks")),
            ("longer", gettext_lazy("More than 4 weeks")),
        ),
    ),
    FigureKind(
        slug="overdue",
        title=gettext_lazy("Overdue work by worker"),
        rule=gettext_lazy(
            "Everything on the team’s worklists past the date it was due, by the person’s "
            "allocated worker. Work overdue for longer than your organisation allows is "
            "escalated: it is on your worklist too."
        ),
        param="worker",
        facts=_overdue,
    ),
    FigureKind(
        slug="areas",
        title=gettext_lazy("People’s outcomes by area of life"),
        rule=gettext_lazy(
            "How many people have at least one outcome in each area of life, from the agreed "
            "plans in force (P12). Each person is counted once in an area, however many of "
            "their outcomes are in it."
        ),
        param="area",
        facts=lambda scope: area_facts(selectors.agreed_outcomes(scope.person_ids)),
    ),
)
BY_SLUG = {figure.slug: figure for figure in FIGURES}


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    rows: list[Row]
    summary: str

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def escalated(self) -> int:
        return sum(row.escalated for row in self.rows)


def row_labels(kind: FigureKind, facts: Sequence[Fact], scope: Scope) -> list[tuple[str, str]]:
    """The figure's rows in order: fixed ones as written; the team's workers (then no one
    allocated) for overdue work; areas of life the most people have first."""
    if kind.rows is not None:
        return [(key, str(label)) for key, label in kind.rows]
    if kind.slug == "overdue":
        workers = {p.allocated_worker for p in scope.people if p.allocated_worker is not None}
        ordered = sorted(workers, key=lambda w: (w.display_name.lower(), w.pk))
        return [(str(w.pk), w.display_name) for w in ordered] + [(UNALLOCATED, _("Not allocated"))]
    people_in = Counter(fact.row for fact in facts)
    areas = sorted(people_in, key=lambda code: (code == NO_AREA, -people_in[code], code))
    return [(code, area_label(code)) for code in areas]


def figure_from(kind: FigureKind, facts: Sequence[Fact], scope: Scope) -> Figure:
    counts = Counter(fact.row for fact in facts)
    escalated = Counter(fact.row for fact in facts if fact.escalated)
    rows = [
        Row(key=key, label=label, count=counts[key], escalated=escalated[key])
        for key, label in row_labels(kind, facts, scope)
    ]
    return Figure(kind=kind, rows=rows, summary=summary(kind, counts))


def summary(kind: FigureKind, counts: Counter[str]) -> str:
    """The figure in one sentence: the share when it has one ("3 of 4 on time (75%)")."""
    if kind.share is None:
        total = sum(counts.values())
        return ngettext("%(count)s in all", "%(count)s in all", total) % {"count": total}
    good = sum(counts[key] for key in kind.share[0])
    counted = sum(counts[key] for key in kind.share[1])
    if not counted:
        return _("None to count yet")
    return _("%(good)s of %(counted)s %(words)s (%(percent)s%%)") % {
        "good": good,
        "counted": counted,
        "words": kind.share_words,
        "percent": round(100 * good / counted),
    }


def figures_for(scope: Scope) -> list[Figure]:
    """Every figure for the scope. A fixed number of queries however many people: the held
    reviews and the outcomes are each read once for the figures that share them."""
    held = _held(scope)
    outcomes = selectors.agreed_outcomes(scope.person_ids)
    shared: dict[str, list[Fact]] = {
        "first-reviews": review_facts(held, scope.timescales, first=True),
        "yearly-reviews": review_facts(held, scope.timescales, first=False),
        "copies": copy_facts(held, scope.timescales, scope.today),
        "indicators": indicator_facts(outcomes),
        "areas": area_facts(outcomes),
    }
    return [
        figure_from(kind, shared[kind.slug] if kind.slug in shared else kind.facts(scope), scope)
        for kind in FIGURES
    ]


def drill_down(kind: FigureKind, scope: Scope, row: str | None) -> tuple[Figure, list[Fact]]:
    """The figure, and the facts behind one of its rows (all of them when `row` is None),
    oldest date first. Raises KeyError for a row the figure does not have."""
    facts = kind.facts(scope)
    figure = figure_from(kind, facts, scope)
    if row is not None and row not in {r.key for r in figure.rows}:
        raise KeyError(row)
    names = {p.pk: (p.family_name.lower(), p.given_name.lower()) for p in scope.people}
    chosen = [f for f in facts if row is None or f.row == row]
    chosen.sort(key=lambda f: (f.on is None, f.on or date.min, names[f.person_id], f.what))
    return figure, chosen

"""The figures on the team manager's dashboard, listed once: each one's title, its rule in plain
English, its rows and how its facts are found (`tandem.worklist.dashboard` counts them). The
dashboard, the drill-downs, their tests and the user guide all follow this list."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.worklist import due, selectors
from tandem.worklist.dashboard import (
    NO_AREA,
    UNALLOCATED,
    Fact,
    Row,
    Scope,
    area_facts,
    area_label,
    copy_facts,
    decision_facts,
    indicator_facts,
    overdue_facts,
    plan_facts,
    review_facts,
)


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
    items = due.items_for_people(scope.people, scope.today)
    return overdue_facts(items, people, scope.today, say_date=scope.say_date)


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
        facts=lambda scope: review_facts(
            _held(scope), scope.timescales, first=True, say_date=scope.say_date
        ),
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
        facts=lambda scope: review_facts(
            _held(scope), scope.timescales, first=False, say_date=scope.say_date
        ),
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
        facts=lambda scope: copy_facts(
            _held(scope), scope.timescales, scope.today, say_date=scope.say_date
        ),
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
        facts=lambda scope: plan_facts(
            selectors.plan_states(scope.person_ids), say_date=scope.say_date
        ),
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
            selectors.decisions_waiting(scope.person_ids), scope.today, say_date=scope.say_date
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
    say = scope.say_date
    shared: dict[str, list[Fact]] = {
        "first-reviews": review_facts(held, scope.timescales, first=True, say_date=say),
        "yearly-reviews": review_facts(held, scope.timescales, first=False, say_date=say),
        "copies": copy_facts(held, scope.timescales, scope.today, say_date=say),
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

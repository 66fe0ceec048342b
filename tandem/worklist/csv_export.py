"""The worklist, the team dashboard's tables and the lists behind its figures as spreadsheets:
the rows the page selects, with the columns it shows, in words (tandem.ui.spreadsheet writes the
file). Each function gives the header and the rows; the rows are made as the file is sent."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.people.models import Person
from tandem.ui.spreadsheet import Cell
from tandem.worklist.dashboard import Fact
from tandem.worklist.due import Entry, escalated_to_manager
from tandem.worklist.figures import Figure, FigureKind

Table = tuple[Sequence[Cell], Iterator[Sequence[Cell]]]
# Makes a link of the page's own (a path) into one that works from the file: the full address.
Link = Callable[[str], str]


def iso_date(value: date | None) -> str:
    """A date in a sentence of a spreadsheet, as YYYY-MM-DD like its date columns."""
    return value.isoformat() if value else ""


def worklist_table(entries: Iterable[Entry], *, user: User, today: date, link: Link) -> Table:
    """The worklist page's columns, its "When" split into what a spreadsheet can sort by: the
    date due, whether it is urgent, how many days overdue, and to whom it is escalated."""
    header = (
        _("Person"),
        _("What is due"),
        _("Why"),
        _("Due on"),
        _("Urgent"),
        _("Days overdue"),
        _("Escalated"),
        _("Where it is done"),
    )

    def rows() -> Iterator[Sequence[Cell]]:
        for entry in entries:
            item, person = entry.item, entry.person
            if entry.escalated:
                escalated = _("Escalated to you")
            elif escalated_to_manager(item, person, user, today):
                escalated = _("Escalated to your manager")
            else:
                escalated = ""
            yield (
                person.full_name,
                item.what,
                item.why,
                item.due_on,
                item.urgent,
                item.days_overdue(today),
                escalated,
                link(item.url),
            )

    return header, rows()


def _first_heading(kind: FigureKind) -> str:
    if kind.slug == "overdue":
        return _("Worker")
    return _("Area of life") if kind.slug == "areas" else _("Status")


def figure_table(figure: Figure) -> Table:
    """A table of the dashboard as the page shows it: each row of the figure and its number
    (people, for areas of life), and for overdue work how much of it is escalated."""
    kind = figure.kind
    overdue = kind.slug == "overdue"
    header: tuple[str, ...] = (
        _first_heading(kind),
        _("People") if kind.slug == "areas" else _("Number"),
    )
    if overdue:
        header += (_("Escalated"),)

    def rows() -> Iterator[Sequence[Cell]]:
        for row in figure.rows:
            yield (row.label, row.count, row.escalated) if overdue else (row.label, row.count)

    return header, rows()


def figure_list_table(
    kind: FigureKind, facts: Iterable[Fact], people: dict[int, Person], *, link: Link
) -> Table:
    """The list behind a figure, as its page shows it: the person, what was counted (and for
    overdue work whether it is escalated), when, the allocated worker, and where it is."""
    overdue = kind.slug == "overdue"
    header: tuple[str, ...] = (_("Person"), _("Local identifier"), _("What"))
    if overdue:
        header += (_("Escalated"),)
    header += (_("When"), _("Allocated worker"), _("Where it is"))

    def rows() -> Iterator[Sequence[Cell]]:
        for fact in facts:
            person = people[fact.person_id]
            worker = person.allocated_worker
            row: tuple[Cell, ...] = (person.full_name, person.local_identifier, fact.what)
            if overdue:
                row += (fact.escalated,)
            yield row + (
                fact.when,
                worker.display_name if worker else _("Not allocated"),
                link(fact.url or reverse("people:detail", args=[person.pk])),
            )

    return header, rows()

"""The people list as a spreadsheet (tandem.ui.spreadsheet writes the file): the columns the
list shows, in words – the plan's status as its label, the date of birth as YYYY-MM-DD."""

from collections.abc import Iterable, Iterator, Sequence

from django.utils.translation import gettext as _

from tandem.people.models import Person
from tandem.people.templatetags.people_tags import plan_status_label
from tandem.ui.spreadsheet import Cell


def people_table(
    people: Iterable[Person],
) -> tuple[Sequence[Cell], Iterator[Sequence[Cell]]]:
    """`people` from `selectors.people_for_list`: each carries its latest plan's status."""
    header = (
        _("Name"),
        _("Known as"),
        _("Record closed"),
        _("Local identifier"),
        _("Date of birth"),
        _("Team"),
        _("Allocated worker"),
        _("Plan"),
    )

    def rows() -> Iterator[Sequence[Cell]]:
        for person in people:
            worker = person.allocated_worker
            status = getattr(person, "plan_status", None)
            yield (
                person.full_name,
                person.preferred_name,
                person.closed_on is not None,
                person.local_identifier,
                person.date_of_birth,
                person.team.name,
                worker.display_name if worker else _("Not allocated"),
                plan_status_label(status) if status else _("No plan"),
            )

    return header, rows()

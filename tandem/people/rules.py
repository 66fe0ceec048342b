"""Pure rules about a person, testable without a request or the database."""

import datetime

from django.utils.translation import gettext as _

from tandem.people.models import CircleMember, Person


def should_consider_advocate(*, capacity: str, has_advocate: bool) -> bool:
    """R9: where the person lacks capacity for a decision, an advocate must be considered.

    A warning, not a block: the worker may have considered one and decided against it.
    """
    return capacity == Person.Capacity.LACKS_CAPACITY and not has_advocate


# Who may represent the person or be their advocate; matches CircleMember.can_represent.
REPRESENTATIVE_KINDS = (
    CircleMember.Kind.ADVOCATE,
    CircleMember.Kind.CARER,
    CircleMember.Kind.FAMILY,
)


def appointment_problems(
    *, kind: str, appointed_as: str, appointed_since: datetime.date | None, capacity: str
) -> dict[str, str]:
    """An appointment lets someone see the person without their consent, so it must be real:
    a carer, family member or advocate; an advocate appointed because the person lacks capacity
    (R9); and the date it began."""
    if appointed_as == CircleMember.Appointment.NONE:
        return {}
    errors = {}
    if kind not in REPRESENTATIVE_KINDS:
        errors["appointed_as"] = _(
            "Only a carer, family member or advocate can be appointed to represent the person"
        )
    elif (
        appointed_as == CircleMember.Appointment.ADVOCATE
        and capacity != Person.Capacity.LACKS_CAPACITY
    ):
        errors["appointed_as"] = _(
            "An advocate is appointed only when the person lacks capacity for planning decisions. "
            "Record that on the person’s details first, or choose ‘Not appointed’"
        )
    if appointed_since is None:
        errors["appointed_since"] = _("Enter the date they were appointed")
    return errors


# Emergency (break-glass) access lasts this long; the page says so in these words.
BREAK_GLASS_HOURS = 4
BREAK_GLASS_REASON_MIN_LENGTH = 20

# After a safeguarding concern, who the plan is shared with is reviewed within this many days.
SHARING_REVIEW_DAYS = 7


def sharing_review_due(
    *, latest_concern: datetime.datetime | None, latest_review: datetime.datetime | None
) -> bool:
    """A concern raised since the last review of who the plan is shared with (or with none)."""
    if latest_concern is None:
        return False
    return latest_review is None or latest_review < latest_concern

"""Rules for carrying out the plan between reviews, as pure functions of plain data.

- An action is **slipping** when it is not done (nor stopped) and its due date has passed, or when
  nobody has recorded anything about it for `QUIET_WEEKS` (counting from the plan's agreement
  when nothing has been recorded yet).
- Progress and triggers are dated the day they happened: not in the future, and progress not
  before the plan was agreed.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from tandem.ui.templatetags.govuk import govuk_date

QUIET_WEEKS = 8
FINISHED = frozenset({"done", "stopped"})


@dataclass(frozen=True)
class ActionEntry:
    """What the slipping rule needs to know about an action."""

    due_on: date | None
    agreed_on: date


@dataclass(frozen=True)
class LatestProgress:
    status: str
    happened_on: date


def slipping(action_entry: ActionEntry, latest_progress: LatestProgress | None, today: date) -> str:
    """Why the action is slipping, in plain English, or an empty string when it is not."""
    if latest_progress is not None and latest_progress.status in FINISHED:
        return ""
    due = action_entry.due_on
    if due is not None and due < today:
        return _("It was due by %(date)s") % {"date": govuk_date(due)}
    since = latest_progress.happened_on if latest_progress else action_entry.agreed_on
    if today - since >= timedelta(weeks=QUIET_WEEKS):
        if latest_progress is None:
            return _("No progress recorded since the plan was agreed %(weeks)s weeks ago") % {
                "weeks": (today - since).days // 7
            }
        return _("No progress recorded for %(weeks)s weeks") % {"weeks": (today - since).days // 7}
    return ""


def progress_date_problem(happened_on: date, *, today: date, agreed_on: date) -> str:
    """Progress is dated the day it happened: not after today, nor before the plan was agreed.
    An empty string when the date is right."""
    if happened_on > today:
        return _("The date must be today or in the past")
    if happened_on < agreed_on:
        return _("The date must be the same as or after %(date)s, when the plan was agreed") % {
            "date": govuk_date(agreed_on)
        }
    return ""


def trigger_date_problem(happened_on: date, *, today: date) -> str:
    if happened_on > today:
        return _("The date must be today or in the past")
    return ""


@dataclass(frozen=True)
class CopyState:
    """Where the copy of a final review record stands (R8): `text` to show and whether it is
    late (not sent and its due date has passed)."""

    text: str
    late: bool = False
    sent: bool = False


def copy_state(review: Any, today: date) -> CopyState | None:
    """The copy's state for a review with `copy_due_on` and `copy_sent_at`; None while the review
    is a draft (nothing is due until it is finalised). Late only from the day after it was due."""
    if review.copy_sent_at is not None:
        return CopyState(
            _("Copy sent on %(date)s") % {"date": govuk_date(localdate(review.copy_sent_at))},
            sent=True,
        )
    due = review.copy_due_on
    if due is None:
        return None
    return CopyState(_("Copy due by %(date)s") % {"date": govuk_date(due)}, late=today > due)


def contact_date_problem(happened_on: date, *, today: date, first_plan_on: date | None) -> str:
    """A contact is dated the day it happened: not after today, nor before the person's first
    plan began. An empty string when the date is right."""
    if happened_on > today:
        return _("The date must be today or in the past")
    if first_plan_on is not None and happened_on < first_plan_on:
        return _("The date must be the same as or after %(date)s, when the first plan began") % {
            "date": govuk_date(first_plan_on)
        }
    return ""

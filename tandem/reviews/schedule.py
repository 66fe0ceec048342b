"""When a person's next review is due, and why (R1, R2, R3, R7, R8, R10, R11), as pure functions.

Everything here works on plain data – `PlanFacts` (dates read from the plan and its reviews) and
`Timescales` (the organisation's settings) – so it is tested without a database, and the person
page can say in plain English why the review is due when it is. docs/reviews-schedule.md says the
same for people who use Tandem.

Every rule that applies gives a date, with a reason. The review is due on the **earliest** of them:
a rule can bring a review forward, never put one off.

- **Urgent** (R10): a contingency trigger, a change of circumstances or a rise in risk calls for a
  review at once. It is due on the day it was raised (so it shows as overdue from the next day) and
  its reason is always listed first.
- **Asked for** (R1): the person may ask for a review at any time. Like an urgent review it is due
  on the day they asked; it is listed next.
- **First review** (R1): `first_review_weeks` (6) after new support starts, unless a review has been
  held since the day it started.
- **Direct payment** (R11): `direct_payment_review_months` (6) after a direct payment starts,
  unless a review has been held since the day it started.
- **Agreed at the last review** (R7): the date agreed then – but never later than
  `review_interval_months` after that review, so R1's "at least every 12 months" always holds.
- **At least every 12 months** (R1): `review_interval_months` after the last review; with no review
  yet, after the plan was agreed – unless new support has a start date, when the first review
  comes first.
- **Before a deadline** (R2): the review comes `deadline_lead_weeks` (4) before the earliest open
  outcome or indicator date, so there is time to act if the plan is off track. When that is already
  past, the review is due today; when the deadline itself has passed, it was due on the deadline.
  So a review is never due after an open deadline. Deadlines on or before the last review are left
  out: that review had them in front of it.

Choices:
- A review held *on* the day support or a direct payment starts does not count as the review after
  it started; one held any later day does.
- A request or urgent trigger dated *before* the last review was answered by it and is left out. One
  on the same day still stands (Tandem cannot tell which came first); the review record clears it.
- Months are calendar months: the same day of the month, or the month's last day when it is shorter
  (31 August + 6 months = 28 February, or 29 in a leap year). Weeks are 7 days.
- A deadline before support starts is kept as it is, not moved: the review is still due before it.
  Moving it would put a review after a date the plan promised something by.
- Dates that cannot be true are refused with a `ScheduleError` (a `ValueError`) that says which:
  a last review, a request or an urgent trigger after today; a next review agreed without a review,
  or before the review that agreed it.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.ui.templatetags.govuk import govuk_date

if TYPE_CHECKING:
    from tandem.accounts.models import Organisation


class ScheduleError(ValueError):
    """Dates that cannot be true, so no review date can be worked out from them."""


class ReasonCode(StrEnum):
    URGENT = "urgent"
    REQUESTED = "requested"
    FIRST_REVIEW = "first_review"
    DIRECT_PAYMENT = "direct_payment"
    AGREED_AT_REVIEW = "agreed_at_review"
    ANNUAL = "annual"
    BEFORE_DEADLINE = "before_deadline"


# Reviews that are due at once are listed first, urgent before asked for; the rest by date.
AT_ONCE = (ReasonCode.URGENT, ReasonCode.REQUESTED)


@dataclass(frozen=True)
class Timescales:
    """The organisation's review timescales, with the guidance's defaults."""

    first_review_weeks: int = 6  # R1
    review_interval_months: int = 12  # R1
    direct_payment_review_months: int = 6  # R11
    consultation_weeks: int = 4  # R3
    review_copy_weeks: int = 3  # R8
    # R2 names no lead time; 4 weeks leaves time to act.
    deadline_lead_weeks: int = 4

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ScheduleError(f"{name} must be a whole number, 0 or more, not {value!r}")
        if self.review_interval_months < 1:
            raise ScheduleError("review_interval_months must be at least 1")

    @classmethod
    def from_organisation(cls, organisation: "Organisation") -> "Timescales":
        return cls(
            first_review_weeks=organisation.first_review_weeks,
            review_interval_months=organisation.review_interval_months,
            direct_payment_review_months=organisation.direct_payment_review_months,
            consultation_weeks=organisation.consultation_weeks,
            review_copy_weeks=organisation.review_copy_weeks,
            deadline_lead_weeks=organisation.deadline_lead_weeks,
        )


@dataclass(frozen=True)
class Deadline:
    """An open outcome's `achieve_by` or an indicator's `due_on` (R2); `label` names it, if given,
    e.g. 'Go to the club every Tuesday'."""

    due_on: date
    label: str = ""


@dataclass(frozen=True)
class PlanFacts:
    """What the schedule needs to know about a person's current plan and its reviews.

    - support_starts_on: when new support starts (R1's first review).
    - agreed_on: when the current plan was agreed.
    - deadlines: the dates of outcomes not yet achieved and of their indicators (R2).
    - direct_payment_starts_on: when the plan's direct payment starts, if it takes one (R11).
    - last_review_on: when the last review was held.
    - next_review_agreed_on: the next review date agreed at that review (R7).
    - requested_on: the day the person asked for a review, if they have (R1).
    - urgent_since: the day a contingency trigger, change of circumstances or rise in risk called
      for an urgent review (R10).
    """

    support_starts_on: date | None = None
    agreed_on: date | None = None
    deadlines: tuple[Deadline, ...] = ()
    direct_payment_starts_on: date | None = None
    last_review_on: date | None = None
    next_review_agreed_on: date | None = None
    requested_on: date | None = None
    urgent_since: date | None = None


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    rule: str  # the guidance rule, e.g. "R1"
    due_on: date  # the date this reason alone gives
    text: str  # plain English, e.g. "6 weeks after new support started on 3 March 2026 (R1)"


@dataclass(frozen=True)
class NextReview:
    due_on: date  # the earliest date of any reason
    consultation_on: date  # R3: when to ask the person whom to invite
    reasons: list[Reason] = field(default_factory=list)  # every reason that applies


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier, if negative), or the last day of that
    month when it is shorter: 31 August 2025 + 6 months = 28 February 2026."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def weeks(n: int) -> timedelta:
    return timedelta(weeks=n)


def consultation_on(due_on: date, timescales: Timescales) -> date:
    """R3: the person is asked whom they want to invite this long before the review is due."""
    return due_on - weeks(timescales.consultation_weeks)


def record_due_on(held_on: date, timescales: Timescales) -> date:
    """R8: the review is recorded and a copy sent to the person by this date."""
    return held_on + weeks(timescales.review_copy_weeks)


def is_overdue(due_on: date, today: date) -> bool:
    """Overdue from the day after it was due."""
    return due_on < today


def next_review(facts: PlanFacts, timescales: Timescales, *, today: date) -> NextReview:
    """When the next review is due, with every reason that applies (see the module docstring).

    Raises ScheduleError for dates that cannot be true, and when nothing gives a date at all (a
    plan not yet agreed, with no support start, deadline, request or urgent trigger)."""
    _check(facts, today)
    candidates = [
        _urgent(facts),
        _requested(facts),
        _first_review(facts, timescales, today),
        _direct_payment(facts, timescales, today),
        _agreed_at_review(facts, timescales),
        _annual(facts, timescales),
        _before_deadline(facts, timescales, today),
    ]
    reasons = [reason for reason in candidates if reason is not None]
    if not reasons:
        raise ScheduleError(
            "Nothing gives a review date yet: the plan has not been agreed, and has no support "
            "start date, direct payment, deadline, review, request or urgent trigger."
        )
    reasons.sort(key=_order)
    due_on = min(reason.due_on for reason in reasons)
    return NextReview(
        due_on=due_on, consultation_on=consultation_on(due_on, timescales), reasons=reasons
    )


def _order(reason: Reason) -> tuple[int, date]:
    at_once = AT_ONCE.index(reason.code) if reason.code in AT_ONCE else len(AT_ONCE)
    return at_once, reason.due_on


def _check(facts: PlanFacts, today: date) -> None:
    future = [
        ("The last review", facts.last_review_on),
        ("The request for a review", facts.requested_on),
        ("The urgent review", facts.urgent_since),
    ]
    for what, day in future:
        if day is not None and day > today:
            raise ScheduleError(f"{what} is dated {day}, after today ({today}).")
    agreed = facts.next_review_agreed_on
    if agreed is not None:
        if facts.last_review_on is None:
            raise ScheduleError(
                f"A next review date ({agreed}) was agreed, but no review is recorded."
            )
        if agreed < facts.last_review_on:
            raise ScheduleError(
                f"The next review date agreed ({agreed}) is before the review that agreed it "
                f"({facts.last_review_on})."
            )


def _since_last_review(day: date | None, facts: PlanFacts) -> date | None:
    """`day`, unless the last review was held after it (and so answered it)."""
    if day is None or (facts.last_review_on is not None and day < facts.last_review_on):
        return None
    return day


def _reviewed_since(day: date, facts: PlanFacts) -> bool:
    return facts.last_review_on is not None and facts.last_review_on > day


def _urgent(facts: PlanFacts) -> Reason | None:
    since = _since_last_review(facts.urgent_since, facts)
    if since is None:
        return None
    text = _(
        "Urgent since %(date)s: a contingency trigger, a change of circumstances or a rise in "
        "risk (R10)"
    ) % {"date": govuk_date(since)}
    return Reason(ReasonCode.URGENT, "R10", since, text)


def _requested(facts: PlanFacts) -> Reason | None:
    asked = _since_last_review(facts.requested_on, facts)
    if asked is None:
        return None
    text = _("The person asked for a review on %(date)s (R1)") % {"date": govuk_date(asked)}
    return Reason(ReasonCode.REQUESTED, "R1", asked, text)


def _first_review(facts: PlanFacts, timescales: Timescales, today: date) -> Reason | None:
    start = facts.support_starts_on
    if start is None or _reviewed_since(start, facts):
        return None
    n = timescales.first_review_weeks
    values = {"count": n, "date": govuk_date(start)}
    if start <= today:
        text = ngettext(
            "%(count)s week after new support started on %(date)s (R1)",
            "%(count)s weeks after new support started on %(date)s (R1)",
            n,
        )
    else:
        text = ngettext(
            "%(count)s week after new support starts on %(date)s (R1)",
            "%(count)s weeks after new support starts on %(date)s (R1)",
            n,
        )
    return Reason(ReasonCode.FIRST_REVIEW, "R1", start + weeks(n), text % values)


def _direct_payment(facts: PlanFacts, timescales: Timescales, today: date) -> Reason | None:
    start = facts.direct_payment_starts_on
    if start is None or _reviewed_since(start, facts):
        return None
    n = timescales.direct_payment_review_months
    values = {"count": n, "date": govuk_date(start)}
    if start <= today:
        text = ngettext(
            "%(count)s month after the direct payment started on %(date)s (R11)",
            "%(count)s months after the direct payment started on %(date)s (R11)",
            n,
        )
    else:
        text = ngettext(
            "%(count)s month after the direct payment starts on %(date)s (R11)",
            "%(count)s months after the direct payment starts on %(date)s (R11)",
            n,
        )
    return Reason(ReasonCode.DIRECT_PAYMENT, "R11", add_months(start, n), text % values)


def _agreed_at_review(facts: PlanFacts, timescales: Timescales) -> Reason | None:
    agreed, held = facts.next_review_agreed_on, facts.last_review_on
    if agreed is None or held is None:
        return None
    latest = add_months(held, timescales.review_interval_months)
    if agreed <= latest:
        text = _("The date agreed at the review on %(held)s (R7)") % {"held": govuk_date(held)}
        return Reason(ReasonCode.AGREED_AT_REVIEW, "R7", agreed, text)
    n = timescales.review_interval_months
    text = ngettext(
        "%(agreed)s was agreed at the review on %(held)s, but reviews are at least every "
        "%(count)s month (R7, R1)",
        "%(agreed)s was agreed at the review on %(held)s, but reviews are at least every "
        "%(count)s months (R7, R1)",
        n,
    ) % {"agreed": govuk_date(agreed), "held": govuk_date(held), "count": n}
    return Reason(ReasonCode.AGREED_AT_REVIEW, "R7", latest, text)


def _annual(facts: PlanFacts, timescales: Timescales) -> Reason | None:
    n = timescales.review_interval_months
    if facts.last_review_on is not None:
        since = facts.last_review_on
        text = ngettext(
            "%(count)s month after the last review on %(date)s (R1)",
            "%(count)s months after the last review on %(date)s (R1)",
            n,
        )
    elif facts.agreed_on is not None and facts.support_starts_on is None:
        since = facts.agreed_on
        text = ngettext(
            "%(count)s month after the plan was agreed on %(date)s (R1)",
            "%(count)s months after the plan was agreed on %(date)s (R1)",
            n,
        )
    else:
        return None
    values = {"count": n, "date": govuk_date(since)}
    return Reason(ReasonCode.ANNUAL, "R1", add_months(since, n), text % values)


def _before_deadline(facts: PlanFacts, timescales: Timescales, today: date) -> Reason | None:
    held = facts.last_review_on
    ahead = [d for d in facts.deadlines if held is None or d.due_on > held]
    if not ahead:
        return None
    deadline = min(ahead, key=lambda d: d.due_on)
    n = timescales.deadline_lead_weeks
    due_on = min(max(deadline.due_on - weeks(n), today), deadline.due_on)
    values = {
        "count": n,
        "date": govuk_date(deadline.due_on),
        "what": f"“{deadline.label}”" if deadline.label else _("the plan's earliest open deadline"),
    }
    if deadline.due_on < today:
        text = _("%(what)s was due on %(date)s and is still open (R2)")
    elif due_on == today and deadline.due_on - weeks(n) < today:
        text = ngettext(
            "%(what)s is due on %(date)s, less than %(count)s week away (R2)",
            "%(what)s is due on %(date)s, less than %(count)s weeks away (R2)",
            n,
        )
    else:
        text = ngettext(
            "%(count)s week before %(what)s is due on %(date)s (R2)",
            "%(count)s weeks before %(what)s is due on %(date)s (R2)",
            n,
        )
    return Reason(ReasonCode.BEFORE_DEADLINE, "R2", due_on, capfirst(text % values))

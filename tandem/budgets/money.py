"""Money, exactly: amounts are `Decimal` pounds with two places, never floats.

How amounts convert (docs/money.md says the same for people):

- A year is 52 weeks and has 13 four-week periods and 12 months: a cost paid every month costs
  `amount × 12 ÷ 52` a week. This is the convention councils' resource allocation
  schemes and direct payment schedules use.
- A cost line's weekly cost is worked out exactly and then rounded to the penny, half a penny up
  (`ROUND_HALF_UP`), once. Every total is the sum of those rounded lines, so the totals a person
  reads always add up to the lines they read.
- A yearly amount is the weekly amount × 52, exactly (no rounding needed); every four weeks is
  × 4. A monthly amount is the yearly amount ÷ 12, rounded to the penny.
- A yearly amount turned into a weekly one is ÷ 52, rounded to the penny; so weekly → yearly →
  weekly gives back the same pennies, and yearly → weekly → yearly is within half a penny a week
  (26p a year) of where it started.
- One-off costs are never spread over weeks: they are totalled apart.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

PENNY = Decimal("0.01")
WEEKS_A_YEAR = 52
ZERO = Decimal("0.00")


class Period(models.TextChoices):
    """How often a cost recurs."""

    WEEK = "week", _("a week")
    FOUR_WEEKS = "four_weeks", _("every 4 weeks")
    MONTH = "month", _("a month")
    YEAR = "year", _("a year")
    ONCE = "once", _("once only (a one-off cost)")


# How many times each period comes round in a year of 52 weeks.
PERIODS_A_YEAR = {
    Period.WEEK: 52,
    Period.FOUR_WEEKS: 13,
    Period.MONTH: 12,
    Period.YEAR: 1,
}


def to_pennies(amount: Decimal) -> Decimal:
    """Round to the penny, half a penny up."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def weekly_from(amount: Decimal, period: str) -> Decimal:
    """What an amount paid every `period` costs a week, to the penny. A one-off has no weekly
    cost."""
    if period == Period.ONCE:
        return ZERO
    return to_pennies(amount * PERIODS_A_YEAR[Period(period)] / WEEKS_A_YEAR)


def yearly(weekly: Decimal) -> Decimal:
    return to_pennies(weekly * WEEKS_A_YEAR)


def weekly(yearly_amount: Decimal) -> Decimal:
    return to_pennies(yearly_amount / WEEKS_A_YEAR)


def four_weekly(weekly_amount: Decimal) -> Decimal:
    return to_pennies(weekly_amount * 4)


def monthly(weekly_amount: Decimal) -> Decimal:
    return to_pennies(weekly_amount * WEEKS_A_YEAR / 12)


def per_payment(weekly_amount: Decimal, frequency: str) -> Decimal:
    """A weekly amount as paid every week, every 4 weeks or every month (a direct payment)."""
    if frequency == "four_weekly":
        return four_weekly(weekly_amount)
    if frequency == "monthly":
        return monthly(weekly_amount)
    return to_pennies(weekly_amount)


def line_cost(*, quantity: Decimal, times: int, unit_cost: Decimal) -> Decimal:
    """units × how many times × unit cost, exact (rounded only when made weekly)."""
    return quantity * times * unit_cost


def decimal_or_none(value: object) -> Decimal | None:
    """A stored amount (a decimal string in snapshots) as a Decimal; empty is None."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def pounds(amount: Decimal | str | None) -> str:
    """£1,234.56; a negative amount as −£12.00."""
    value = decimal_or_none(amount)
    if value is None:
        return ""
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(to_pennies(value)):,.2f}"

"""The Resource Allocation System's sum (P8), as a pure function of plain data.

A person's answers score points; the points times the scheme's price per point, plus or minus the
adjustments that apply to them, is the calculated weekly amount. The scheme's smallest and largest
weekly budget then limit it, and it is never below £0.00. Every figure is a `Decimal` rounded to
the penny (money.to_pennies), so the worked example an administrator sees, the result a worker
records and the figure a person reads are the same pennies.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from tandem.budgets.money import ZERO, pounds, to_pennies, yearly
from tandem.plans.rules import shorten

# Which limit, if any, set the weekly amount.
NO_LIMIT, MINIMUM, MAXIMUM, NOTHING_BELOW_ZERO = "", "minimum", "maximum", "zero"


def calculate(
    *,
    points: int,
    price_per_point: Decimal,
    adjustments: list[Decimal],
    minimum: Decimal | None,
    maximum: Decimal | None,
) -> dict:
    """The indicative weekly budget for `points`.

    Returns:
    - points_amount: points × price per point;
    - adjustments_total: the sum of the adjustments that apply (negative lowers the budget);
    - calculated_amount: points_amount + adjustments_total, before the limits (what
      IndicativeBudget.calculated_amount keeps, so a limited result stays explainable);
    - weekly_amount: the calculated amount raised to the minimum, lowered to the maximum, and
      never below £0.00;
    - yearly_amount: weekly_amount × 52;
    - limited_by: "minimum", "maximum", "zero" (nothing below £0.00) or "" when no limit applied.
    """
    points_amount = to_pennies(Decimal(points) * price_per_point)
    adjustments_total = to_pennies(sum(adjustments, ZERO))
    calculated = points_amount + adjustments_total
    weekly, limited_by = calculated, NO_LIMIT
    if minimum is not None and weekly < minimum:
        weekly, limited_by = to_pennies(minimum), MINIMUM
    if maximum is not None and weekly > maximum:
        weekly, limited_by = to_pennies(maximum), MAXIMUM
    if weekly < ZERO:
        weekly, limited_by = ZERO, NOTHING_BELOW_ZERO
    return {
        "points": points,
        "points_amount": points_amount,
        "adjustments_total": adjustments_total,
        "calculated_amount": calculated,
        "weekly_amount": weekly,
        "yearly_amount": yearly(weekly),
        "limited_by": limited_by,
    }


def most_points(questions: list[list[int]]) -> int:
    """The score of someone who gets the most points on every question (each inner list is
    one question's answers' points)."""
    return sum(max(points) for points in questions if points)


def least_points(questions: list[list[int]]) -> int:
    return sum(min(points) for points in questions if points)


def publish_problems(
    *,
    questions: list[tuple[str, list[int]]],
    price_per_point: Decimal | None,
    minimum: Decimal | None,
    maximum: Decimal | None,
    ceiling: Decimal,
) -> list[str]:
    """Why a draft scheme cannot be put in use yet, in plain English (empty when it can).

    `questions` is each question's text with its answers' points; `ceiling` is the largest weekly
    amount Tandem records, which the best-scoring person must not exceed."""
    problems = []
    if not questions:
        problems.append(_("Add at least one question about the person’s needs"))
    for text, points in questions:
        if len(points) < 2:
            problems.append(
                _("Give the question “%(question)s” at least 2 answers to choose from")
                % {"question": shorten(text, 80)}
            )
    if price_per_point is None or price_per_point <= ZERO:
        problems.append(_("Give the price of a point"))
    elif minimum is not None and maximum is not None and minimum > maximum:
        problems.append(_("The smallest weekly budget must not be more than the largest"))
    elif questions and maximum is None:
        most = calculate(
            points=most_points([p for _t, p in questions]),
            price_per_point=price_per_point,
            adjustments=[],
            minimum=minimum,
            maximum=None,
        )
        if most["weekly_amount"] > ceiling:
            problems.append(
                _(
                    "A person scoring the most on every question would get %(most)s a week, "
                    "more than the %(ceiling)s Tandem can record: lower the price of a point or "
                    "give a largest weekly budget"
                )
                % {"most": pounds(most["weekly_amount"]), "ceiling": pounds(ceiling)}
            )
    return problems

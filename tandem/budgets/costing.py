"""What a plan costs, from its snapshot alone (P5, P7, P8).

Pure functions over plain data, so an issued copy shows the same figures for ever and the rules
can be tested without a database. Every figure is a `Decimal`; money.py says how amounts convert
and round.
"""

from decimal import Decimal
from typing import Any

from tandem.budgets import money
from tandem.budgets.money import ZERO, decimal_or_none

PERSONAL_BUDGET = ("council_managed", "direct_payment", "individual_service_fund")
# Actions and support arrangements paid with money need a cost line (P5).
PAID_WITH_MONEY = ("personal_budget", "social_work")
SOCIAL_WORK = "social_work"


def line_amounts(*, quantity: Decimal, times: int, unit_cost: Decimal, period: str) -> dict:
    """A cost line's weekly, yearly and one-off cost. Weekly is rounded to the penny once;
    yearly is weekly × 52, so yearly totals add up to their lines too."""
    cost = money.line_cost(quantity=quantity, times=times, unit_cost=unit_cost)
    if period == money.Period.ONCE:
        return {"weekly": ZERO, "yearly": ZERO, "one_off": money.to_pennies(cost)}
    weekly = money.weekly_from(cost, period)
    return {"weekly": weekly, "yearly": money.yearly(weekly), "one_off": ZERO}


def _amount(entry: dict[str, Any], key: str) -> Decimal:
    return decimal_or_none(entry.get(key)) or ZERO


def totals(
    lines: list[dict[str, Any]],
    *,
    indicative_weekly: Decimal | None,
    contribution_weekly: Decimal | None,
) -> dict[str, Any]:
    """The figures of "within budget" (P8), from the cost lines' snapshot entries.

    - total: every cost, whoever pays;
    - budget: what the personal budget pays (council-managed, direct payment, individual
      service fund), which must be within the indicative budget;
    - contribution: what the person was assessed to pay towards it (never more than it);
    - council: the personal budget less the person's contribution;
    - difference: the indicative budget less the personal budget's cost (below 0 is over).
    """
    by_payer: dict[str, dict[str, Decimal]] = {}
    for line in lines:
        payer = by_payer.setdefault(
            line.get("payer", ""), {"weekly": ZERO, "yearly": ZERO, "one_off": ZERO}
        )
        for key in ("weekly", "yearly", "one_off"):
            payer[key] += _amount(line, key)
    total_weekly = sum((p["weekly"] for p in by_payer.values()), ZERO)
    budget_weekly = sum((by_payer[p]["weekly"] for p in PERSONAL_BUDGET if p in by_payer), ZERO)
    budget_one_off = sum((by_payer[p]["one_off"] for p in PERSONAL_BUDGET if p in by_payer), ZERO)
    contribution = min(contribution_weekly or ZERO, budget_weekly)
    council_weekly = budget_weekly - contribution
    difference = None if indicative_weekly is None else indicative_weekly - budget_weekly
    return {
        "total_weekly": total_weekly,
        "total_yearly": sum((p["yearly"] for p in by_payer.values()), ZERO),
        "one_off_total": sum((p["one_off"] for p in by_payer.values()), ZERO),
        "budget_weekly": budget_weekly,
        "budget_yearly": money.yearly(budget_weekly),
        "budget_one_off": budget_one_off,
        "contribution_weekly": contribution,
        "council_weekly": council_weekly,
        "council_yearly": money.yearly(council_weekly),
        "difference_weekly": difference,
        "over_budget": difference is not None and difference < 0,
        "by_payer": by_payer,
    }


def money_parts(snapshot: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The actions and support arrangements paid with money, as (kind, entry)."""
    return [
        (kind, entry)
        for kind, key in (("action", "actions"), ("support", "supports"))
        for entry in snapshot.get(key, [])
        if entry.get("funded_by") in PAID_WITH_MONEY
    ]


def uses_social_work(snapshot: dict[str, Any]) -> bool:
    return any(
        entry.get("funded_by") == SOCIAL_WORK
        for key in ("actions", "supports")
        for entry in snapshot.get(key, [])
    )


def as_strings(figures: dict[str, Any]) -> dict[str, Any]:
    """Figures as the snapshot keeps them: decimal strings (JSON has no decimals)."""

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return plain(figures)

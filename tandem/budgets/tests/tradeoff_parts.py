"""A trade-off with its options, made through the plan services as a user's changes are, for the
trade-offs tests."""

from decimal import Decimal

from tandem.plans.services import plan_item_create
from tandem.plans.tests.helpers import add_item

QUESTION = "Getting to the football on Saturdays"
TICKET = {
    "description": "A season ticket, going with a friend",
    "provider": "Sam, a friend from school",
    "weekly_cost": None,
    "one_off_cost": Decimal("420.00"),
    "gives": "Time with a friend, and he chooses when to go",
}
WORKER = {
    "description": "A support worker to go with him",
    "provider": "Riverside Care Ltd",
    "weekly_cost": Decimal("86.40"),
    "one_off_cost": None,
    "gives": "Someone paid to get him there safely",
}
WALK = {
    "description": "Walking there with his brother",
    "provider": "His brother Jay",
    "weekly_cost": None,
    "one_off_cost": None,
    "gives": "Exercise, and time with Jay",
}


def add_tradeoff(plan, actor, *, outcome=None, question: str = QUESTION):
    outcome = outcome or plan.outcomes.first() or add_item(plan, "outcome", actor)
    return plan_item_create(
        plan=plan, kind="tradeoff", parent=outcome, data={"question": question}, actor=actor
    )


def add_option(plan, actor, trade_off, **values):
    return plan_item_create(
        plan=plan, kind="option", parent=trade_off, data={**WORKER, **values}, actor=actor
    )


def add_comparison(plan, actor, *options: dict, outcome=None):
    """A trade-off for the plan's first outcome, with these options (the ticket and the support
    worker when none are given); returns (trade_off, [options])."""
    trade_off = add_tradeoff(plan, actor, outcome=outcome)
    made = [add_option(plan, actor, trade_off, **values) for values in options or (TICKET, WORKER)]
    return trade_off, made

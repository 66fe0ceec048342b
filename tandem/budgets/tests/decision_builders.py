"""Plans for the decisions tests: a plan that is ready in every way but its cost – paid from the
personal budget, over the indicative budget – so only a manager's decision stands between it and
"send for agreement"."""

import datetime
from decimal import Decimal

from tandem.budgets.models import BudgetDecision, IndicativeBudget
from tandem.budgets.services.decisions import decision_ask, decision_decide
from tandem.plans.models import Plan
from tandem.plans.services import plan_item_create
from tandem.plans.tests.helpers import add_item, build_ready_plan, fresh

__all__ = ["fresh"]

INDICATIVE = "200.00"  # a week
HOURS, RATE = "10", "25.00"  # £250.00 a week, £50.00 over


def set_indicative(person, actor, weekly: str = INDICATIVE) -> IndicativeBudget:
    return IndicativeBudget.objects.create(
        organisation=person.organisation,
        person=person,
        source=IndicativeBudget.Source.OUTSIDE,
        weekly_amount=Decimal(weekly),
        source_details="Council panel",
        set_on=datetime.date(2026, 1, 5),
        completed_by=actor,
    )


def add_paid_support(
    plan: Plan,
    actor,
    *,
    hours: str = HOURS,
    rate: str = RATE,
    period: str = "week",
    funded_by: str = "personal_budget",
    payer: str = "council_managed",
    description: str = "Home care visits",
):
    """A support arrangement and the cost line that pays for it, through the plans services."""
    support = add_item(plan, "support", actor, description=description, funded_by=funded_by)
    return plan_item_create(
        plan=plan,
        kind="cost",
        data={
            "description": description,
            "for_kind": "support",
            "for_uid": support.uid,
            "unit": "hour",
            "unit_cost": Decimal(rate),
            "quantity": Decimal(hours),
            "times": 1,
            "period": period,
            "payer": payer,
        },
        actor=actor,
    )


def build_over_budget_plan(*, person, actor, **cost) -> Plan:
    """Ready but for a manager's decision: £250.00 a week against an indicative £200.00."""
    plan = build_ready_plan(person=person, actor=actor)
    set_indicative(person, actor)
    add_paid_support(plan, actor, **cost)
    return fresh(plan)


def ask(plan: Plan, actor, reason: str = "Two carers are needed for every visit") -> BudgetDecision:
    return decision_ask(plan=plan, reason=reason, actor=actor)


def decide(
    decision: BudgetDecision, manager, status: str = "approved", reason: str = "Agreed at panel"
) -> BudgetDecision:
    return decision_decide(decision=decision, status=status, reason=reason, actor=manager)

"""Plans for the documents tests: the plans tests' builders, with a direct payment, a risk of
significant harm and any number of outcomes, so every part of the document has something in it."""

import datetime
from decimal import Decimal
from typing import Any

from tandem.budgets.models import IndicativeBudget
from tandem.plans.models import Agreement, Plan
from tandem.plans.services import (
    plan_create,
    plan_item_create,
    plan_record_agreement,
    plan_send_for_agreement,
)
from tandem.plans.tests.helpers import add_item, fresh, update_section

__all__ = ["add_item", "fresh", "update_section"]  # shared with the plans tests

AGREED_ON = datetime.date(2026, 3, 5)

SECTIONS: dict[str, dict[str, Any]] = {
    "about": {"prepared_by": "person_with_circle", "preparation_notes": "At home with my sister"},
    "important": {"important_to_me": "My garden and my cat", "strengths": "Good with plants"},
    "budget": {
        "budget_arrangement": "direct_payment",
        "direct_payment_frequency": "four_weekly",
        "budget_use": "A personal assistant for shopping",
    },
    "management": {
        "support_management": "I employ a personal assistant",
        "who_leads": "I do, with my sister; we check it every month",
    },
    "control": {"staying_in_control": "I can ring my worker to change anything"},
}


def add_outcome(plan: Plan, actor, words: str = "Go to the gardening club every Tuesday", **data):
    outcome = plan_item_create(
        plan=plan,
        kind="outcome",
        data={
            "words": words,
            "kind": "change",
            "achieve_by": datetime.date(2026, 9, 30),
            "life_area": "ascot:social",
            **data,
        },
        actor=actor,
    )
    plan_item_create(
        plan=plan,
        kind="indicator",
        parent=outcome,
        data={"description": f"Evidence for: {words}", "due_on": datetime.date(2026, 6, 30)},
        actor=actor,
    )
    return outcome


def add_action(plan: Plan, actor, outcome, description: str = "Find a lift to the club", **data):
    return plan_item_create(
        plan=plan,
        kind="action",
        parent=outcome,
        data={
            "description": description,
            "kind": "natural",
            "responsible_is_person": True,
            "due_on": datetime.date(2026, 4, 30),
            "funded_by": "natural",
            **data,
        },
        actor=actor,
    )


def build_plan(*, person, actor, outcomes: int = 1) -> Plan:
    """A draft plan with every part filled in, ready to send for agreement."""
    plan = plan_create(person=person, actor=actor)
    for key, data in SECTIONS.items():
        update_section(plan, key, actor, **data)
    for n in range(outcomes):
        words = "Go to the gardening club every Tuesday" if n == 0 else f"Outcome number {n + 1}"
        outcome = add_outcome(plan, actor, words)
        add_action(plan, actor, outcome, "Find a lift to the club" if n == 0 else f"Action {n + 1}")
    support = add_item(
        plan,
        "support",
        actor,
        description="Help with shopping",
        provider="Riverside Care Ltd",
        how_often="1 hour every weekday",
        funded_by="personal_budget",
    )
    add_direct_payment(plan, actor, paying_for=support)
    add_item(
        plan,
        "risk",
        actor,
        description="Falls at home",
        significant_harm=True,
        how_managed="Pendant alarm and a grab rail",
        contingency="Call my sister, then the duty team",
        triggers="A fall, or not answering the phone for a day",
    )
    add_item(plan, "need", actor, description="Help to prepare meals", eligibility="eligible")
    return fresh(plan)


def add_direct_payment(plan: Plan, actor, *, paying_for) -> None:
    """P8: the support is paid by direct payment – 1 hour × 5 a week at £12.50, £62.50 a week,
    so £250.00 every 4 weeks – within an indicative budget of £100.00 a week."""
    IndicativeBudget.objects.get_or_create(
        person=plan.person,
        defaults={
            "organisation": plan.organisation,
            "source": IndicativeBudget.Source.OUTSIDE,
            "weekly_amount": Decimal("100.00"),
            "source_details": "Set at the council's funding panel",
            "set_on": datetime.date(2026, 1, 12),
            "completed_by": actor,
        },
    )
    plan_item_create(
        plan=plan,
        kind="cost",
        data={
            "description": "A personal assistant for shopping",
            "for_kind": "support",
            "for_uid": paying_for.uid,
            "unit": "hour",
            "unit_cost": Decimal("12.50"),
            "own_price_reason": "The person employs their own assistant",
            "quantity": Decimal("1"),
            "times": 5,
            "period": "week",
            "payer": "direct_payment",
            "managed_by": "Pri, with her sister",
        },
        actor=actor,
    )


def agree(plan: Plan, *, person, actor):
    """Send the plan for agreement and record that the person and the worker agree it."""
    plan_send_for_agreement(plan=plan, actor=actor)
    parties = [
        {
            "party": Agreement.Party.PERSON,
            "name": person.full_name,
            "method": Agreement.Method.IN_PERSON,
            "agreed_on": AGREED_ON,
        },
        {
            "party": Agreement.Party.WORKER,
            "name": actor.display_name,
            "method": Agreement.Method.SIGNED_PAPER,
            "agreed_on": AGREED_ON,
        },
    ]
    return plan_record_agreement(plan=plan, parties=parties, actor=actor)


def build_agreed_plan(*, person, actor, outcomes: int = 1):
    """Version 1, agreed; returns (plan, first issued copy)."""
    plan = build_plan(person=person, actor=actor, outcomes=outcomes)
    issue = agree(plan, person=person, actor=actor)
    return fresh(plan), issue

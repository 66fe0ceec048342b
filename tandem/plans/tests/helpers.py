"""Builders for the plans tests: a complete plan made through the services, and the same plan as
hand-built snapshot data for the pure rules.

Everything here goes through `tandem.plans.services`, the way a user's changes do, so a plan built
here has passed the same validation and left the same audit trail as a real one.
"""

import copy
import datetime
from typing import Any

from tandem.plans import rules
from tandem.plans.models import Agreement, Plan
from tandem.plans.services import (
    plan_create,
    plan_item_create,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_update_section,
)
from tandem.plans.snapshot import load_plan_parts, plan_snapshot

AGREED_ON = datetime.date(2025, 3, 3)

ITEM_DEFAULTS: dict[str, dict[str, Any]] = {
    "outcome": {
        "words": "I want to go to the gardening club every Tuesday",
        "kind": "change",
        "achieve_by": datetime.date(2025, 9, 30),
    },
    "indicator": {
        "description": "Goes to the club at least 3 Tuesdays a month",
        "due_on": datetime.date(2025, 6, 30),
    },
    "action": {
        "description": "Find a lift to the club",
        "kind": "natural",
        "responsible_is_person": True,
        "due_on": datetime.date(2025, 4, 30),
        "funded_by": "natural",
    },
    "support": {
        "description": "Help with shopping",
        "provider": "Riverside Care Ltd",
        "how_often": "2 hours a week",
        "funded_by": "own",
    },
    "risk": {
        "description": "Falls at home",
        "significant_harm": False,
        "how_managed": "Pendant alarm and a grab rail",
    },
    "need": {"description": "Help to prepare meals", "eligibility": "eligible"},
}

SECTION_DEFAULTS: dict[str, dict[str, Any]] = {
    "about": {"prepared_by": "person_with_circle", "preparation_notes": "At home with her sister"},
    "important": {"important_to_me": "My garden and my cat", "strengths": "Good with plants"},
    "budget": {"budget_arrangement": "council_managed", "budget_use": "Shopping help"},
    "management": {
        "support_management": "The council arranges the support",
        "who_leads": "Pri, with her sister, checks it each month",
    },
    "control": {"staying_in_control": "I can ring my worker to change anything"},
}


def fresh(plan: Plan) -> Plan:
    return Plan.objects.get(pk=plan.pk)


def section_revision(plan: Plan, section_key: str) -> int:
    """The revision a user sees when they open the section's page now."""
    return fresh(plan).section_revisions.get(section_key, 0)


def update_section(
    plan: Plan, section_key: str, actor, *, completed: bool | None = None, **data: Any
) -> Plan:
    return plan_update_section(
        plan=plan,
        section_key=section_key,
        data=data,
        revision=section_revision(plan, section_key),
        completed=completed,
        actor=actor,
    )


def add_item(plan: Plan, kind: str, actor, *, outcome=None, **data: Any):
    """Add an item with sensible contents; keyword arguments override them."""
    values = {**ITEM_DEFAULTS[kind], **data}
    return plan_item_create(plan=plan, kind=kind, data=values, actor=actor, parent=outcome)


def snapshot_of(plan: Plan) -> dict:
    return plan_snapshot(load_plan_parts(Plan.objects.select_related("person").get(pk=plan.pk)))


def problems_of(plan: Plan) -> list[rules.Problem]:
    return rules.readiness_problems(snapshot_of(plan))


def build_ready_plan(*, person, actor) -> Plan:
    """A draft plan with every section filled in so that nothing stops it being sent."""
    plan = plan_create(person=person, actor=actor)
    for section_key, data in SECTION_DEFAULTS.items():
        update_section(plan, section_key, actor, **data)
    outcome = add_item(plan, "outcome", actor)
    add_item(plan, "indicator", actor, outcome=outcome)
    add_item(plan, "action", actor, outcome=outcome)
    add_item(plan, "support", actor)
    add_item(plan, "risk", actor)
    add_item(plan, "need", actor)
    return fresh(plan)


def person_and_worker_agree(person, worker) -> list[dict[str, Any]]:
    return [
        {
            "party": Agreement.Party.PERSON,
            "name": person.full_name,
            "method": Agreement.Method.IN_PERSON,
            "agreed_on": AGREED_ON,
        },
        {
            "party": Agreement.Party.WORKER,
            "name": worker.display_name,
            "method": Agreement.Method.IN_PERSON,
            "agreed_on": AGREED_ON,
        },
    ]


def build_agreed_plan(*, person, actor):
    """A plan built, sent and agreed by the person and `actor`; returns (plan, first issue)."""
    plan = build_ready_plan(person=person, actor=actor)
    plan_send_for_agreement(plan=plan, actor=actor)
    issue = plan_record_agreement(
        plan=plan, parties=person_and_worker_agree(person, actor), actor=actor
    )
    return fresh(plan), issue


# Hand-built snapshot data for the pure rules: the keys snapshot.plan_snapshot produces.

_READY_SNAPSHOT: dict[str, Any] = {
    "schema": 1,
    "plan": {"id": 1, "version_number": 1, "status": "draft", "prepared_by": "person"},
    "important": {"important_to_me": "My garden", "strengths": "Patience"},
    "outcomes": [
        {
            "id": 10,
            "words": "Go to the gardening club every Tuesday",
            "kind": "change",
            "achieve_by": "2025-09-30",
            "life_area": "",
            "indicators": [
                {"id": 100, "description": "Goes 3 times a month", "due_on": "2025-06-30"}
            ],
        }
    ],
    "actions": [
        {
            "id": 20,
            "outcome_id": 10,
            "outcome_words": "Go to the gardening club every Tuesday",
            "description": "Find a lift to the club",
            "kind": "natural",
            "responsible": "Pri",
            "due_on": "2025-04-30",
            "starts_on": "",
            "frequency": "",
            "funded_by": "natural",
            "funding_notes": "",
        }
    ],
    "supports": [
        {
            "id": 30,
            "description": "Help with shopping",
            "provider": "Riverside Care Ltd",
            "how_often": "2 hours a week",
            "funded_by": "own",
            "funding_notes": "",
        }
    ],
    "budget": {
        "arrangement": "council_managed",
        "direct_payment_amount": "",
        "direct_payment_frequency": "",
        "budget_use": "Shopping help",
    },
    "management": {"support_management": "The council arranges it", "who_leads": "Pri checks it"},
    "control": {"staying_in_control": "I ring my worker"},
    "risks": [
        {
            "id": 40,
            "description": "Falls at home",
            "significant_harm": False,
            "how_managed": "Pendant alarm",
            "contingency": "",
            "triggers": "",
        }
    ],
    "needs": [{"id": 50, "description": "Meals", "eligibility": "eligible"}],
    "not_applicable": {},
    "agreements": [],
    "disagreements": [],
}


def ready_snapshot() -> dict[str, Any]:
    """A snapshot of a plan that meets every rule; tests take things away from it."""
    return copy.deepcopy(_READY_SNAPSHOT)


def make_action(action_id: int, outcome_id: int = 10, **overrides: Any) -> dict[str, Any]:
    return {**_READY_SNAPSHOT["actions"][0], "id": action_id, "outcome_id": outcome_id, **overrides}

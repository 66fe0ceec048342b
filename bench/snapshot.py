"""What an issued copy of a generated plan holds: the plan's snapshot and its recipients, made
from the generator's own record of the version rather than read back from the database (reading
back costs a dozen queries a plan: hours at a million people).

It is the dictionary `tandem.plans.snapshot.plan_snapshot` makes for the same rows, key for key;
tests/test_bench_data.py compares the two for every generated version, so a change to the
snapshot shows up there. The money is worked out by the budgets app's own functions.
"""

from decimal import Decimal
from functools import cache
from typing import Any

from bench.generate import (
    ACTION,
    AGREEING,
    CONTINGENCY,
    INDICATOR,
    PLAN_WORDS,
    SUPPORT,
    TRIGGERS,
)
from tandem.budgets import costing, money
from tandem.budgets.models import CostLine, IndicativeBudget
from tandem.people.models import CircleMember
from tandem.plans import frameworks
from tandem.plans.models import Action, Agreement, Need, Outcome, Plan, SupportArrangement
from tandem.plans.snapshot import SCHEMA
from tandem.reviews import sections
from tandem.reviews.models import OutcomeEvaluation, Review


@cache
def _labels(model: type, name: str) -> dict[str, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).choices}


@cache
def _label(model: type, name: str, value: str) -> str:
    return _labels(model, name).get(value, "") if value else ""


@cache
def _life_area(code: str) -> str:
    return frameworks.life_area_label(code)


@cache
def _level_label(level: int) -> str:
    return sections.level_words(level)


@cache
def _how_much(hours: int) -> str:
    unit = _label(CostLine, "unit", "hour")
    period = _label(CostLine, "period", "week")
    return f"{hours} × {money.pounds(Decimal('24.50'))} {unit}, once {period}"


def plan_snapshot(council, about, version, number: int, budget: Decimal, review) -> dict:
    """The snapshot of one generated version (`_Version`), as issued when it was agreed;
    `review` is the last final review of an earlier version, if any (`_ReviewDone`)."""
    worker = council.staff_names[version.coordinator]
    members = {m[0]: m for m in about.members}
    direct = version.direct_payment
    outcome_of = {}
    outcomes = []
    for outcome, uid, words, kind, achieve_by, area, indicators, levels in version.outcomes:
        outcome_of[outcome] = (uid, words)
        outcomes.append(
            {
                "id": outcome,
                "uid": uid,
                "words": words,
                "kind": kind,
                "kind_label": _label(Outcome, "kind", kind),
                "achieve_by": achieve_by,
                "life_area": area,
                "shared_with_supporters": False,
                "life_area_label": _life_area(area),
                "indicators": [
                    {"id": i, "uid": i_uid, "description": INDICATOR, "due_on": due_on}
                    for i, i_uid, due_on in indicators
                ],
                "attainment_levels": [
                    {
                        "id": i,
                        "uid": l_uid,
                        "level": level,
                        "words": level_words,
                        "level_label": _level_label(level),
                    }
                    for i, l_uid, level, level_words in levels
                ],
            }
        )
    actions = []
    for action, uid, kind, funded_by, who, member, due_on, outcome in version.actions:
        if who == "person":
            responsible = about.known_as
        elif who == "member":
            responsible = (
                f"{members[member][1]} ({_label(CircleMember, 'kind', members[member][2])})"
            )
        else:
            responsible = worker
        actions.append(
            {
                "id": action,
                "uid": uid,
                "description": ACTION,
                "kind": kind,
                "kind_label": _label(Action, "kind", kind),
                "due_on": due_on,
                "starts_on": "",
                "frequency": "",
                "funded_by": funded_by,
                "funded_by_label": _label(Action, "funded_by", funded_by),
                "funding_notes": "",
                "outcome_id": outcome,
                "outcome_uid": outcome_of[outcome][0],
                "outcome_words": outcome_of[outcome][1],
                "responsible": responsible,
                "responsible_member_id": member if who == "member" else None,
            }
        )
    supports = [
        {
            "id": support,
            "uid": uid,
            "description": SUPPORT,
            "provider": provider,
            "how_often": "Every day",
            "funded_by": "personal_budget",
            "funded_by_label": _label(SupportArrangement, "funded_by", "personal_budget"),
            "funding_notes": "",
            "provider_member_id": None,
        }
        for support, uid, provider in version.supports
    ]
    payer = "direct_payment" if direct else "council_managed"
    costs = []
    for line, uid, for_kind, for_uid, weekly in version.cost_lines:
        hours = weekly // 49 * 2
        costs.append(
            {
                "id": line,
                "uid": uid,
                "description": "Help at home" if for_kind == "support" else "Paid help",
                "for_kind": for_kind,
                "service_name": "",
                "unit": "hour",
                "unit_label": _label(CostLine, "unit", "hour"),
                "unit_cost": "24.50",
                "own_price_reason": "Bench data",
                "quantity": f"{hours}.00",
                "times": 1,
                "period": "week",
                "period_label": _label(CostLine, "period", "week"),
                "payer": payer,
                "payer_label": _label(CostLine, "payer", payer),
                "funding_stream": "",
                "managed_by": "",
                "for_uid": for_uid,
                "for_title": SUPPORT if for_kind == "support" else ACTION,
                "how_much": _how_much(hours),
                "weekly": f"{weekly}.00",
                "yearly": f"{weekly * 52}.00",
                "one_off": "",
            }
        )
    plan = {
        "prepared_by": version.prepared_by,
        "prepared_by_label": _label(Plan, "prepared_by", version.prepared_by),
        "preparation_notes": "",
        "coordinator": worker,
        "support_starts_on": version.agreed_on_text,
    }
    figures = costing.totals(costs, indicative_weekly=budget, contribution_weekly=None)
    if direct:
        figures["direct_payment_per_payment"] = money.per_payment(
            figures["by_payer"]["direct_payment"]["weekly"], "four_weekly"
        )
    frequency = "four_weekly" if direct else ""
    return {
        "schema": SCHEMA,
        "plan": {
            "id": version.id,
            "version_number": number,
            "status": version.status,
            "status_label": _label(Plan, "status", version.status),
            **plan,
        },
        "important": {"important_to_me": PLAN_WORDS[0], "strengths": PLAN_WORDS[1]},
        "budget": {
            "arrangement": "direct_payment" if direct else "council_managed",
            "arrangement_label": _label(
                Plan, "budget_arrangement", "direct_payment" if direct else "council_managed"
            ),
            "direct_payment_amount": str(budget) if direct else "",
            "direct_payment_frequency": frequency,
            "direct_payment_frequency_label": _label(Plan, "direct_payment_frequency", frequency),
            "budget_use": PLAN_WORDS[2],
        },
        "management": {"support_management": PLAN_WORDS[3], "who_leads": PLAN_WORDS[4]},
        "control": {"staying_in_control": PLAN_WORDS[5]},
        "person": {
            "name": about.name,
            "known_as": about.known_as,
            "date_of_birth": about.born,
            "local_identifier": about.identifier,
            "language": "English",
            "communication_needs": "",
            "age_group": "child" if about.child else "adult",
        },
        "outcomes": outcomes,
        "actions": actions,
        "supports": supports,
        "resources": [],
        "tradeoffs": [],
        "costs": costs,
        "risks": [
            {
                "id": risk,
                "uid": uid,
                "description": "Falls at home",
                "significant_harm": significant,
                "how_managed": "An alarm pendant and a check each morning",
                "contingency": CONTINGENCY if significant else "",
                "triggers": TRIGGERS if significant else "",
            }
            for risk, uid, significant in version.risks
        ],
        "needs": [
            {
                "id": need,
                "uid": uid,
                "description": "Help with personal care",
                "eligibility": "eligible",
                "eligibility_label": _label(Need, "eligibility", "eligible"),
            }
            for need, uid in version.needs
        ],
        "not_applicable": {},
        "agreements": [
            {
                "party": party,
                "party_label": _label(Agreement, "party", party),
                "name": name,
                "method_label": _label(Agreement, "method", "in_person"),
                "agreed_on": version.agreed_on_text,
                "best_interest": False,
            }
            for party, name in AGREEING
        ],
        "disagreements": [],
        "costing": {
            "indicative": {
                "id": about.budget_id,
                "weekly": str(budget),
                "yearly": str(money.yearly(budget)),
                "source": "outside",
                "source_label": _label(IndicativeBudget, "source", "outside"),
                "source_details": "Bench data",
                "scheme_name": "",
                "scheme_version": None,
                "points": None,
                "set_on": about.budget_set_on,
            },
            "financial_assessment": {},
            "figures": costing.as_strings(figures),
            "decision": {
                "needed": False,
                "over_budget": False,
                "social_work": False,
                "latest": None,
                "in_force": False,
                "lapsed": False,
            },
        },
        "review": _review(review) if review else {},
    }


def _review(review) -> dict[str, Any]:
    return {
        "id": review.id,
        "version_number": review.version_number,
        "held_on": review.held_on,
        "how_held_label": _label(Review, "how_held", review.how_held),
        "needs_changed": False,
        "new_assessment_needed": False,
        "services_meet_outcomes_label": _label(Review, "services_meet_outcomes", review.meets),
        "new_plan_needed": False,
        "next_review_on": review.next_review_on,
        "outcomes": [
            {
                "uid": uid,
                "words": words,
                "rating": rating,
                "rating_label": _label(OutcomeEvaluation, "rating", rating),
                "gas_level": level,
            }
            for uid, words, rating, level in review.ratings
        ],
    }


def recipients(council, about, coordinator: int) -> list[dict[str, Any]]:
    """Who the copy went to (`issue_recipients`): the person, the members consenting to share,
    the coordinator."""
    return [
        {"name": about.name, "role": PERSON, "formats": STD},
        *(
            {"name": name, "role": _label(CircleMember, "kind", kind), "formats": STD}
            # In the circle's own order (CircleMember.Meta.ordering).
            for _, name, kind, consent in sorted(about.members, key=lambda m: (m[2], m[1], m[0]))
            if consent
        ),
        {"name": council.staff_names[coordinator], "role": COORDINATOR, "formats": STD},
    ]


STD = ["standard"]
PERSON = "The person"
COORDINATOR = "Plan coordinator"

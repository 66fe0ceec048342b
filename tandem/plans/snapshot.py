"""A plan version as plain data.

The same dictionary is what the rules check, what the plan document renders, what an issue stores
so it can be reproduced exactly (A4), and what two versions are compared by.
"""

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from tandem.people.models import Person
from tandem.plans import frameworks
from tandem.plans.models import Action, Disagreement, Outcome, Plan
from tandem.plans.sections import SECTIONS_BY_KEY

SCHEMA = 1


def load_plan_parts(plan: Plan) -> Plan:
    """Fetch everything a plan page needs in a fixed number of queries, however big the plan."""
    prefetch_related_objects(
        [plan],
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.prefetch_related(
                "indicators",
                Prefetch(
                    "actions",
                    queryset=Action.objects.select_related(
                        "responsible_member", "responsible_staff"
                    ),
                ),
            ),
        ),
        "supportarrangements",
        "risks",
        "needs",
        "agreements",
        Prefetch("disagreements", queryset=Disagreement.objects.select_related("recorded_by")),
    )
    return plan


def _date(value) -> str:
    return value.isoformat() if value else ""


def _responsible(action: Action, person: Person) -> str:
    if action.responsible_is_person:
        return person.known_as
    if action.responsible_member_id:
        member = action.responsible_member
        return f"{member.name} ({member.get_kind_display()})"
    if action.responsible_staff_id:
        return action.responsible_staff.display_name
    return ""


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    person = plan.person
    outcomes = list(plan.outcomes.all())
    return {
        "schema": SCHEMA,
        "plan": {
            "id": plan.pk,
            "version_number": plan.version_number,
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            "prepared_by": plan.prepared_by,
            "prepared_by_label": str(plan.get_prepared_by_display()) if plan.prepared_by else "",
            "preparation_notes": plan.preparation_notes,
            "coordinator": plan.coordinator.display_name if plan.coordinator_id else "",
            "support_starts_on": _date(plan.support_starts_on),
        },
        "person": {
            "name": person.full_name,
            "known_as": person.known_as,
            "date_of_birth": _date(person.date_of_birth),
            "local_identifier": person.local_identifier,
            "language": person.language,
            "communication_needs": person.communication_needs,
            "age_group": person.age_group,
        },
        "important": {"important_to_me": plan.important_to_me, "strengths": plan.strengths},
        "outcomes": [
            {
                "id": outcome.pk,
                "words": outcome.words,
                "kind": outcome.kind,
                "kind_label": str(outcome.get_kind_display()),
                "achieve_by": _date(outcome.achieve_by),
                "life_area": outcome.life_area,
                "life_area_label": frameworks.life_area_label(outcome.life_area),
                "indicators": [
                    {"id": i.pk, "description": i.description, "due_on": _date(i.due_on)}
                    for i in outcome.indicators.all()
                ],
            }
            for outcome in outcomes
        ],
        "actions": [
            {
                "id": action.pk,
                "outcome_id": outcome.pk,
                "outcome_words": outcome.words,
                "description": action.description,
                "kind": action.kind,
                "kind_label": str(action.get_kind_display()) if action.kind else "",
                "responsible": _responsible(action, person),
                "due_on": _date(action.due_on),
                "starts_on": _date(action.starts_on),
                "frequency": action.frequency,
                "funded_by": action.funded_by,
                "funded_by_label": str(action.get_funded_by_display()) if action.funded_by else "",
                "funding_notes": action.funding_notes,
            }
            for outcome in outcomes
            for action in outcome.actions.all()
        ],
        "supports": [
            {
                "id": s.pk,
                "description": s.description,
                "provider": s.provider,
                "how_often": s.how_often,
                "funded_by": s.funded_by,
                "funded_by_label": str(s.get_funded_by_display()) if s.funded_by else "",
                "funding_notes": s.funding_notes,
            }
            for s in plan.supportarrangements.all()
        ],
        "budget": {
            "arrangement": plan.budget_arrangement,
            "arrangement_label": (
                str(plan.get_budget_arrangement_display()) if plan.budget_arrangement else ""
            ),
            "direct_payment_amount": (
                str(plan.direct_payment_amount) if plan.direct_payment_amount is not None else ""
            ),
            "direct_payment_frequency": plan.direct_payment_frequency,
            "direct_payment_frequency_label": (
                str(plan.get_direct_payment_frequency_display())
                if plan.direct_payment_frequency
                else ""
            ),
            "budget_use": plan.budget_use,
        },
        "management": {"support_management": plan.support_management, "who_leads": plan.who_leads},
        "control": {"staying_in_control": plan.staying_in_control},
        "risks": [
            {
                "id": r.pk,
                "description": r.description,
                "significant_harm": r.significant_harm,
                "how_managed": r.how_managed,
                "contingency": r.contingency,
                "triggers": r.triggers,
            }
            for r in plan.risks.all()
        ],
        "needs": [
            {
                "id": n.pk,
                "description": n.description,
                "eligibility": n.eligibility,
                "eligibility_label": str(n.get_eligibility_display()),
            }
            for n in plan.needs.all()
        ],
        "not_applicable": dict(plan.elements_not_applicable),
        "agreements": [
            {
                "party": a.party,
                "party_label": str(a.get_party_display()),
                "name": a.name,
                "method_label": str(a.get_method_display()),
                "agreed_on": _date(a.agreed_on),
                "best_interest": a.best_interest,
            }
            for a in plan.agreements.all()
        ],
        "disagreements": [
            {
                "id": d.pk,
                "section": d.section,
                "section_title": str(SECTIONS_BY_KEY[d.section].title)
                if d.section in SECTIONS_BY_KEY
                else d.section,
                "raised_by": d.raised_by,
                "recorded_by": d.recorded_by.display_name,
                "details": d.details,
                "after_agreement": d.after_agreement,
                "renegotiation": d.renegotiation,
                "renegotiation_reason": d.renegotiation_reason,
            }
            for d in plan.disagreements.all()
        ],
    }

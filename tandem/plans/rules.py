"""The rules a plan must meet before it can be sent for agreement (P1–P9), as pure functions.

They read the plan snapshot (plain data, see snapshot.py), so they can be tested without a
database, and each problem says in plain English what is missing and where to fix it.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.plans.parts import registry
from tandem.ui.templatetags.govuk import govuk_date


@dataclass(frozen=True)
class Problem:
    rule: str  # the guidance rule, e.g. "P3"
    message: str
    section: str  # the task-list section where it is fixed
    item_kind: str = ""  # e.g. "outcome", to link straight to the item
    item_id: int | None = None
    element: str = ""  # P6: the element that is missing (it may be marked not applicable)


class Element(StrEnum):
    """P6: the six elements of a good plan."""

    OUTCOMES = "outcomes"
    TREATMENTS = "treatments"
    SUPPORT = "support"
    RISK = "risk"
    COST = "cost"
    LEADERSHIP = "leadership"


ELEMENT_LABELS = {
    Element.OUTCOMES: gettext_lazy("Outcomes"),
    Element.TREATMENTS: gettext_lazy("Treatments – how the outcomes will be achieved"),
    Element.SUPPORT: gettext_lazy("Support – who is needed"),
    Element.RISK: gettext_lazy("Risk – how the person stays safe and well"),
    Element.COST: gettext_lazy("Cost – how the plan is paid for"),
    Element.LEADERSHIP: gettext_lazy("Leadership – who manages the budget and support"),
}

# A plan without outcomes, or without anything done towards them, is not a plan: these two can
# never be marked "not applicable".
ALWAYS_APPLICABLE = frozenset({Element.OUTCOMES, Element.TREATMENTS})

# Where each element is filled in, for links from the completeness panel.
ELEMENT_SECTIONS = {
    Element.OUTCOMES: "outcomes",
    Element.TREATMENTS: "actions",
    Element.SUPPORT: "support",
    Element.RISK: "risks",
    Element.COST: "budget",
    Element.LEADERSHIP: "management",
}


def shorten(text: str, limit: int = 60) -> str:
    """Words of a part, on one line and cut to `limit` characters, to name it in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def element_covered(snapshot: dict, element: Element) -> bool:
    outcomes = snapshot["outcomes"]
    if element == Element.OUTCOMES:
        return bool(outcomes)
    if element == Element.TREATMENTS:
        served = {a["outcome_id"] for a in snapshot["actions"]}
        return bool(outcomes) and all(o["id"] in served for o in outcomes)
    if element == Element.SUPPORT:
        return bool(snapshot["supports"])
    if element == Element.RISK:
        return bool(snapshot["risks"])
    if element == Element.COST:
        budget = snapshot["budget"]
        return bool(budget["arrangement"]) and (
            budget["arrangement"] == "none" or bool(budget["budget_use"].strip())
        )
    if element == Element.LEADERSHIP:
        management = snapshot["management"]
        return bool(management["support_management"].strip() and management["who_leads"].strip())
    raise ValueError(element)


def element_statuses(snapshot: dict) -> list[dict]:
    """P6: each element is covered, not applicable (with the reason), or a gap — never ignored."""
    statuses = []
    for element in Element:
        reason = (
            ""
            if element in ALWAYS_APPLICABLE
            else snapshot["not_applicable"].get(element.value, "")
        )
        if element_covered(snapshot, element):
            state = "covered"
        elif reason:
            state = "not_applicable"
        else:
            state = "gap"
        statuses.append(
            {
                "element": element.value,
                "label": str(ELEMENT_LABELS[element]),
                "state": state,
                "reason": reason,
                "section": ELEMENT_SECTIONS[element],
                "may_be_not_applicable": element not in ALWAYS_APPLICABLE,
            }
        )
    return statuses


def preparation_problems(snapshot: dict) -> list[Problem]:
    """P1: who prepared the plan and how is recorded."""
    if not snapshot["plan"]["prepared_by"]:
        return [Problem("P1", _("Say who prepared the plan and how"), "about")]
    return []


def outcome_problems(snapshot: dict) -> list[Problem]:
    """P2 and P3: every outcome is dated and has at least one dated indicator."""
    problems = []
    for outcome in snapshot["outcomes"]:
        words = shorten(outcome["words"])
        if not outcome["achieve_by"]:
            problems.append(
                Problem(
                    "P2",
                    _("Say by when the outcome “%(outcome)s” should be achieved")
                    % {"outcome": words},
                    "outcomes",
                    "outcome",
                    outcome["id"],
                )
            )
        if not outcome["indicators"]:
            problems.append(
                Problem(
                    "P3",
                    _("Add how you will know the outcome “%(outcome)s” is achieved (an indicator)")
                    % {"outcome": words},
                    "outcomes",
                    "outcome",
                    outcome["id"],
                )
            )
        for indicator in outcome["indicators"]:
            if not indicator["due_on"]:
                problems.append(
                    Problem(
                        "P3",
                        _("Give the indicator “%(indicator)s” a date")
                        % {"indicator": shorten(indicator["description"])},
                        "outcomes",
                        "indicator",
                        indicator["id"],
                    )
                )
    return problems


def action_when_given(action: dict) -> bool:
    """P4: a when is a date, or a start date with a frequency."""
    return bool(action["due_on"] or (action["starts_on"] and action["frequency"].strip()))


def action_problems(snapshot: dict) -> list[Problem]:
    """P4: every action has a named individual and a when."""
    problems = []
    for action in snapshot["actions"]:
        label = shorten(action["description"])
        if not action["responsible"]:
            problems.append(
                Problem(
                    "P4",
                    _("Name the person responsible for the action “%(action)s”")
                    % {"action": label},
                    "actions",
                    "action",
                    action["id"],
                )
            )
        if not action_when_given(action):
            problems.append(
                Problem(
                    "P4",
                    _("Say when the action “%(action)s” will happen") % {"action": label},
                    "actions",
                    "action",
                    action["id"],
                )
            )
    return problems


def resourcing_problems(snapshot: dict) -> list[Problem]:
    """P5: every action and support arrangement says how it is resourced."""
    problems = [
        Problem(
            "P5",
            _("Say how the action “%(action)s” is resourced")
            % {"action": shorten(action["description"])},
            "actions",
            "action",
            action["id"],
        )
        for action in snapshot["actions"]
        if not action["funded_by"]
    ]
    problems += [
        Problem(
            "P5",
            _("Say how the support “%(support)s” is resourced")
            % {"support": shorten(support["description"])},
            "support",
            "support",
            support["id"],
        )
        for support in snapshot["supports"]
        if not support["funded_by"]
    ]
    return problems


def budget_problems(snapshot: dict) -> list[Problem]:
    """P12: a direct payment records how often it is paid (its amount comes from the costs it
    pays for: budgets' rules ask for those)."""
    budget = snapshot["budget"]
    if (
        budget["arrangement"] in {"direct_payment", "mixed"}
        and not budget["direct_payment_frequency"]
    ):
        return [Problem("P12", _("Say how often the direct payment is paid"), "budget")]
    return []


def risk_problems(snapshot: dict) -> list[Problem]:
    """P9: a risk of significant harm has contingency arrangements and their triggers."""
    problems = []
    for risk in snapshot["risks"]:
        if risk["significant_harm"] and not (
            risk["contingency"].strip() and risk["triggers"].strip()
        ):
            problems.append(
                Problem(
                    "P9",
                    _(
                        "Add the contingency arrangements and what triggers them for the risk "
                        "“%(risk)s”"
                    )
                    % {"risk": shorten(risk["description"])},
                    "risks",
                    "risk",
                    risk["id"],
                )
            )
    return problems


def needs_problems(snapshot: dict) -> list[Problem]:
    """P12: the plan records the needs it meets and whether they were assessed as eligible."""
    if not snapshot["needs"]:
        return [
            Problem(
                "P12",
                _("Record the needs this plan meets, and whether they were assessed as eligible"),
                "needs",
            )
        ]
    return []


def element_problems(snapshot: dict) -> list[Problem]:
    return [
        Problem(
            "P6",
            _("%(element)s is missing: add it, or say why it does not apply")
            % {"element": status["label"]},
            status["section"],
            element=status["element"] if status["may_be_not_applicable"] else "",
        )
        for status in element_statuses(snapshot)
        if status["state"] == "gap"
    ]


def registered_problems(snapshot: dict) -> list[Problem]:
    """The rules other apps registered (budgets' costs and decisions), in task-list order."""
    order = {section.key: n for n, section in enumerate(registry.sections)}
    found = [problem for rule in registry.rules for problem in rule(snapshot)]
    return sorted(found, key=lambda p: order.get(p.section, len(order)))


def readiness_problems(snapshot: dict) -> list[Problem]:
    """Everything that stops a plan being sent for agreement, in task-list order."""
    return [
        *preparation_problems(snapshot),
        *outcome_problems(snapshot),
        *action_problems(snapshot),
        *resourcing_problems(snapshot),
        *budget_problems(snapshot),
        *risk_problems(snapshot),
        *needs_problems(snapshot),
        *registered_problems(snapshot),
        *element_problems(snapshot),
    ]


AGREEING_PARTIES = {"person", "representative"}


def agreement_problems(
    *, parties: list[str], person_lacks_capacity: bool, best_interest_recorded: bool = True
) -> list[str]:
    """A1: the person (or their representative) and the worker agree; R9 for best interest."""
    problems = []
    if not AGREEING_PARTIES & set(parties):
        problems.append(_("Record the agreement of the person or their representative"))
    if "worker" not in parties:
        problems.append(_("Record the worker’s agreement"))
    if person_lacks_capacity and "person" in parties and "representative" not in parties:
        problems.append(
            _(
                "The person lacks capacity for planning decisions: record a representative or "
                "advocate, and that the decision is in their best interest"
            )
        )
    if person_lacks_capacity and "representative" in parties and not best_interest_recorded:
        problems.append(
            _(
                "The person lacks capacity for planning decisions: record that agreeing the plan "
                "is in their best interest"
            )
        )
    return problems


RENEGOTIATION_NEEDED = "needed"  # Disagreement.Renegotiation.NEEDED, as the snapshot holds it


def renegotiations(snapshot: dict) -> list[dict]:
    """A3: the disagreements the coordinator decided mean the plan must be reviewed or
    renegotiated, with the reasons they gave."""
    return [
        d
        for d in snapshot.get("disagreements", [])
        if d.get("renegotiation") == RENEGOTIATION_NEEDED
    ]


def raised_on_problem(raised_on: date, *, today: date, plan_started: date) -> str:
    """A disagreement is dated the day it was raised: not after today, nor before this version
    of the plan was started. An empty string when the date is right."""
    if raised_on > today:
        return _("The date the disagreement was raised must be today or in the past")
    if raised_on < plan_started:
        return _(
            "The date the disagreement was raised must be the same as or after %(date)s, when "
            "this version of the plan was started"
        ) % {"date": govuk_date(plan_started)}
    return ""

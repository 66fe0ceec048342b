"""The rules about paying for a plan (P5, P7, P8), as plain functions.

`costing_problems` reads the snapshot only (see sections.costing_snapshot) and is registered with
the plan's readiness rules, so a plan with an uncosted paid action, no indicative budget, or an
overspend without a manager's approval cannot be sent for agreement – and the person is told
why, with a link to where it is fixed.
"""

from typing import Any

from django.utils.translation import gettext as _

from tandem.budgets import costing
from tandem.budgets.money import decimal_or_none, pounds
from tandem.errors import Refused
from tandem.plans.parts import registry
from tandem.plans.rules import Problem, shorten

COSTS, BUDGET, TRADEOFFS = "costs", "budget", "tradeoffs"
WITH_DIRECT_PAYMENT = {"direct_payment", "mixed"}


def uncosted_problems(snapshot: dict[str, Any]) -> list[Problem]:
    """P5: every action and support arrangement paid with money says what it costs."""
    costed = {line.get("for_uid") for line in snapshot.get("costs", [])}
    problems = []
    for kind, entry in costing.money_parts(snapshot):
        if entry.get("uid") in costed:
            continue
        message = (
            _("Add what the action “%(title)s” costs and who pays for it")
            if kind == "action"
            else _("Add what the support “%(title)s” costs and who pays for it")
        )
        problems.append(Problem("P5", message % {"title": shorten(entry["description"])}, COSTS))
    return problems


def arrangement_problems(snapshot: dict[str, Any]) -> list[Problem]:
    """P8: how the budget is taken agrees with who pays each cost line."""
    arrangement = snapshot.get("budget", {}).get("arrangement", "")
    payers = {line.get("payer") for line in snapshot.get("costs", [])}
    problems = []
    if payers & set(costing.PERSONAL_BUDGET) and arrangement in {"", "none"}:
        problems.append(
            Problem(
                "P8",
                _("Say how the personal budget is taken: some costs are paid from it"),
                BUDGET,
            )
        )
    if "direct_payment" in payers and arrangement not in WITH_DIRECT_PAYMENT | {"", "none"}:
        problems.append(
            Problem(
                "P8",
                _(
                    "Some costs are paid by direct payment: say the budget is taken as a direct "
                    "payment or a mix"
                ),
                BUDGET,
            )
        )
    if arrangement in WITH_DIRECT_PAYMENT and "direct_payment" not in payers:
        problems.append(
            Problem(
                "P12",
                _("Add the costs the direct payment pays for: its amount is worked out from them"),
                COSTS,
            )
        )
    return problems


def indicative_problems(snapshot: dict[str, Any]) -> list[Problem]:
    """P8: a plan paid from a personal budget works within an indicative budget."""
    costing_data = snapshot.get("costing", {})
    payers = {line.get("payer") for line in snapshot.get("costs", [])}
    if payers & set(costing.PERSONAL_BUDGET) and not costing_data.get("indicative"):
        return [
            Problem(
                "P8",
                _(
                    "Work out the indicative personal budget (or record the one the council "
                    "set): the plan must work within it"
                ),
                COSTS,
            )
        ]
    return []


def decision_problems(snapshot: dict[str, Any]) -> list[Problem]:
    """P8 and P5: over the indicative budget, or using social-work resources, needs a team
    manager's approval that still holds for the plan's cost."""
    costing_data = snapshot.get("costing", {})
    decision = costing_data.get("decision") or {}
    if not decision.get("needed") or decision.get("in_force"):
        return []
    figures = costing_data.get("figures", {})
    latest = decision.get("latest") or {}
    status = latest.get("status", "")
    if decision.get("lapsed"):
        message = _(
            "The manager’s approval was for %(approved)s a week; the plan now costs %(now)s a "
            "week from the personal budget. Ask for a new decision"
        ) % {"approved": pounds(latest["budget_weekly"]), "now": pounds(figures["budget_weekly"])}
    elif status == "waiting":
        message = _("A team manager has not decided yet: the plan can be sent once they approve")
    elif status in {"declined", "changes"}:
        message = _(
            "The team manager did not approve the cost (“%(reason)s”): change the plan and ask "
            "again"
        ) % {"reason": shorten(latest.get("decision_reason", ""), 80)}
    elif decision.get("over_budget"):
        over = -(decimal_or_none(figures.get("difference_weekly")) or 0)
        message = _(
            "The plan costs %(over)s a week more than the indicative budget: give the reason and "
            "ask a team manager to approve it"
        ) % {"over": pounds(over)}
    else:
        message = _("The plan uses social-work resources: ask a team manager to approve them")
    return [Problem("P8" if decision.get("over_budget") else "P5", message, COSTS)]


def costing_problems(snapshot: dict[str, Any]) -> list[Problem]:
    return [
        *uncosted_problems(snapshot),
        *indicative_problems(snapshot),
        *arrangement_problems(snapshot),
        *decision_problems(snapshot),
    ]


def tradeoff_problems(snapshot: dict[str, Any]) -> list[Problem]:
    """P7: a comparison compares – two options at least. Choosing one is not required: a
    comparison may be kept as a record of what was weighed up."""
    return [
        Problem(
            "P7",
            _("Add at least two options to compare for “%(question)s”")
            % {"question": shorten(trade_off["question"])},
            TRADEOFFS,
            "tradeoff",
            trade_off["id"],
        )
        for trade_off in snapshot.get("tradeoffs", [])
        if len(trade_off.get("options", [])) < 2
    ]


def check_cost_line(line: Any, plan: Any) -> None:
    """A cost line pays for a part of this plan and uses this organisation's catalogue."""
    if line.service_id is not None and line.service.organisation_id != plan.organisation_id:
        raise Refused(_("Choose a service from your organisation’s list"))
    if line.for_uid is not None:
        kind = registry.kind(line.for_kind)
        if (
            kind is None
            or not kind.model._default_manager.filter(plan=plan, uid=line.for_uid).exists()
        ):
            raise Refused(_("Choose an action or support arrangement of this plan"))

"""What budgets adds to the plan (registered with plans.parts in BudgetsConfig.ready): the
resources, trade-offs and cost sections and their parts, the plan's figures in its snapshot, and
the rules about costs and decisions. `plans` never imports this module."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.budgets import costing, money
from tandem.budgets import rules as budget_rules
from tandem.budgets.models import (
    BudgetDecision,
    CostLine,
    FinancialAssessment,
    IndicativeBudget,
    Resource,
    TradeOff,
    TradeOffOption,
)
from tandem.plans.models import Plan
from tandem.plans.parts import MONEY, Field, PartKind, PartNames, Section, registry

SUPPORT, BUDGET = "support", "budget"  # document headings (documents.headings)

SECTIONS = (
    (
        Section(
            "resources",
            gettext_lazy("What I have: my resources"),
            gettext_lazy(
                "Skills and gifts, family and friends, transport, the community, what the person "
                "wants to contribute, and other funding – resources are more than money."
            ),
            heading=SUPPORT,
            part="resource",
        ),
        "support",
    ),
    (
        Section(
            "tradeoffs",
            gettext_lazy("Weighing up options"),
            gettext_lazy(
                "Ways of meeting an outcome compared side by side – what each costs and what it "
                "gives the person – and which one goes into the plan."
            ),
            heading=BUDGET,
            part="tradeoff",
            needs="outcomes",
        ),
        # After "How I will use my personal budget": the person reads how the budget is taken
        # and used, in their words, before the options weighed up and the figures.
        "budget",
    ),
    (
        Section(
            "costs",
            gettext_lazy("What my support costs"),
            gettext_lazy(
                "What each paid action and support arrangement costs and who pays, against the "
                "indicative personal budget, and a manager’s decision where one is needed."
            ),
            heading=BUDGET,
            part="cost",
            panel="budgets/_within_budget.html",
        ),
        "tradeoffs",
    ),
)


def _money(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _how_much(line: CostLine) -> str:
    """ "1.5 × £24.50 per hour, 7 times a week", or "… once" for a one-off."""
    each = _("%(quantity)s × %(unit_cost)s %(unit)s") % {
        "quantity": format(line.quantity.normalize(), "f"),
        "unit_cost": money.pounds(line.unit_cost),
        "unit": line.get_unit_display(),
    }
    if line.period == money.Period.ONCE:
        how_often = ngettext("once", "%(times)s times, once only", line.times) % {
            "times": line.times
        }
    else:
        how_often = ngettext("once %(period)s", "%(times)s times %(period)s", line.times) % {
            "times": line.times,
            "period": line.get_period_display(),
        }
    return f"{each}, {how_often}"


def _cost_extra(line: CostLine, plan: Plan) -> dict[str, Any]:
    """Its weekly, yearly and one-off cost (a one-off line has no weekly cost, and a weekly
    line no one-off: left empty, so pages show only what applies)."""
    amounts = costing.line_amounts(
        quantity=line.quantity, times=line.times, unit_cost=line.unit_cost, period=line.period
    )
    once = line.period == money.Period.ONCE
    return {
        "for_uid": str(line.for_uid) if line.for_uid else "",
        "for_title": _paid_for(line, plan),
        "how_much": _how_much(line),
        "weekly": "" if once else str(amounts["weekly"]),
        "yearly": "" if once else str(amounts["yearly"]),
        "one_off": str(amounts["one_off"]) if once else "",
    }


def _paid_for(line: CostLine, plan: Plan) -> str:
    """The words of the action or support arrangement a line pays for, from the parts already
    loaded for the plan page (load_plan_parts), so fifty lines cost no query each."""
    if not line.for_uid:
        return ""
    loaded = plan.__dict__.get("loaded_parts") or {}
    kind = registry.kind(line.for_kind)
    if kind is None:
        return ""
    parts = loaded.get(kind.key)
    if parts is None:
        parts = list(kind.model._default_manager.filter(plan=plan, uid=line.for_uid))
    for part in parts:
        if part.uid == line.for_uid:
            return str(getattr(part, kind.title_field))
    return ""


def _option_extra(option: TradeOffOption, plan: Plan) -> dict[str, Any]:
    weekly = option.weekly_cost
    return {"yearly_cost": _money(money.yearly(weekly) if weekly is not None else None)}


def _tradeoff_extra(trade_off: TradeOff, plan: Plan) -> dict[str, Any]:
    return {
        "outcome_uid": str(trade_off.outcome.uid),
        "outcome_words": trade_off.outcome.words,
        "chosen_uid": str(trade_off.chosen_uid) if trade_off.chosen_uid else "",
        "chosen": _chosen(trade_off, plan),
    }


def _chosen(trade_off: TradeOff, plan: Plan) -> str:
    """The words of the option chosen, so the comparison of versions shows a new choice; from
    the options already loaded for the plan page (load_plan_parts), so it costs no query each."""
    if not trade_off.chosen_uid:
        return ""
    options = (plan.__dict__.get("loaded_parts") or {}).get("option")
    if options is None:
        options = list(TradeOffOption.objects.filter(trade_off=trade_off))
    return next(
        (
            option.description
            for option in options
            if option.trade_off_id == trade_off.pk and option.uid == trade_off.chosen_uid
        ),
        "",
    )


KINDS = (
    PartKind(
        "resource",
        Resource,
        form="tandem.budgets.forms.parts.ResourceForm",
        section="resources",
        snapshot_key="resources",
        title_field="description",
        values=("kind", "description", "weekly_value"),
        fields=(
            Field("description", gettext_lazy("Resource")),
            Field("kind_label", gettext_lazy("Kind of resource")),
            Field("weekly_value", gettext_lazy("Money it brings each week"), MONEY, optional=True),
        ),
        names=PartNames(
            noun=gettext_lazy("Resource"),
            add=gettext_lazy("Add resource"),
            change=gettext_lazy("Change resource"),
            remove=gettext_lazy("Are you sure you want to remove this resource?"),
            saved=gettext_lazy("The resource has been saved"),
            removed=gettext_lazy("The resource has been removed"),
            none_yet=gettext_lazy("No resource has been added yet."),
            numbered=gettext_lazy("Resource %(number)s"),
            about=gettext_lazy("About the resource “%(title)s”"),
            added=gettext_lazy("Added resource “%(item)s”"),
            changed=gettext_lazy("Changed resource “%(item)s”"),
            deleted=gettext_lazy("Removed resource “%(item)s”"),
        ),
        document_template="budgets/document/resources.html",
    ),
    PartKind(
        "tradeoff",
        TradeOff,
        form="tandem.budgets.forms.parts.TradeOffForm",
        section="tradeoffs",
        snapshot_key="tradeoffs",
        title_field="question",
        values=("question", "why_chosen"),
        extra=_tradeoff_extra,
        fields=(
            Field("question", gettext_lazy("What is being weighed up")),
            Field("outcome_words", gettext_lazy("For which outcome")),
            Field("chosen", gettext_lazy("Option chosen"), optional=True),
            Field("why_chosen", gettext_lazy("Why this option was chosen"), optional=True),
        ),
        names=PartNames(
            noun=gettext_lazy("Options compared"),
            add=gettext_lazy("Compare options for an outcome"),
            change=gettext_lazy("Change the comparison"),
            remove=gettext_lazy("Are you sure you want to remove this comparison?"),
            saved=gettext_lazy("The comparison has been saved"),
            removed=gettext_lazy("The comparison has been removed"),
            none_yet=gettext_lazy("No options have been compared yet."),
            numbered=gettext_lazy("Comparison %(number)s"),
            about=gettext_lazy("About the comparison “%(title)s”"),
            add_for_parent=gettext_lazy("Compare ways of meeting this outcome"),
            remove_warning=gettext_lazy("Its options will be removed too."),
            added=gettext_lazy("Compared options: “%(item)s”"),
            changed=gettext_lazy("Changed the comparison “%(item)s”"),
            deleted=gettext_lazy("Removed the comparison “%(item)s”"),
        ),
        parent="outcome",
        parent_field="outcome",
        select_related=("outcome",),
        ordering=("outcome__position", "outcome_id", "position", "id"),
        document_template="budgets/document/tradeoffs.html",
        open_after_create=True,  # add the options next
        panel="budgets/tradeoffs/_options.html",  # the options side by side, to choose one
    ),
    PartKind(
        "option",
        TradeOffOption,
        form="tandem.budgets.forms.parts.OptionForm",
        section="tradeoffs",
        snapshot_key="options",
        title_field="description",
        values=("description", "provider", "weekly_cost", "one_off_cost", "gives"),
        extra=_option_extra,
        fields=(
            Field("description", gettext_lazy("Option")),
            Field("provider", gettext_lazy("Who provides it")),
            Field("weekly_cost", gettext_lazy("Cost a week"), MONEY),
            Field("yearly_cost", gettext_lazy("Cost a year"), MONEY),
            Field("one_off_cost", gettext_lazy("One-off cost"), MONEY, optional=True),
            Field("gives", gettext_lazy("What it gives the person")),
        ),
        names=PartNames(
            noun=gettext_lazy("Options"),
            add=gettext_lazy("Add option"),
            change=gettext_lazy("Change option"),
            remove=gettext_lazy("Are you sure you want to remove this option?"),
            saved=gettext_lazy("The option has been saved"),
            removed=gettext_lazy("The option has been removed"),
            none_yet=gettext_lazy("No option yet"),
            numbered=gettext_lazy("Option %(number)s"),
            about=gettext_lazy("About the option “%(title)s”"),
            add_for_parent=gettext_lazy("Add an option"),
            list_hint=gettext_lazy(
                "Add two or more ways of meeting the outcome, then choose one into the plan."
            ),
            added=gettext_lazy("Added option “%(item)s”"),
            changed=gettext_lazy("Changed option “%(item)s”"),
            deleted=gettext_lazy("Removed option “%(item)s”"),
        ),
        parent="tradeoff",
        parent_field="trade_off",
        nested=True,
        parent_required=True,
    ),
    PartKind(
        "cost",
        CostLine,
        form="tandem.budgets.forms.parts.CostLineForm",
        section="costs",
        snapshot_key="costs",
        title_field="description",
        values=(
            "description",
            "for_kind",
            "service_name",
            "unit",
            "unit_cost",
            "own_price_reason",
            "quantity",
            "times",
            "period",
            "payer",
            "funding_stream",
            "managed_by",
        ),
        extra=_cost_extra,
        fields=(
            Field("description", gettext_lazy("What it pays for")),
            Field("for_title", gettext_lazy("For"), optional=True),
            Field("service_name", gettext_lazy("Service"), optional=True),
            Field("how_much", gettext_lazy("How much")),
            Field("own_price_reason", gettext_lazy("Why this price"), optional=True),
            Field("weekly", gettext_lazy("Cost a week"), MONEY, optional=True),
            Field("yearly", gettext_lazy("Cost a year"), MONEY, optional=True),
            Field("one_off", gettext_lazy("One-off cost"), MONEY, optional=True),
            Field("payer_label", gettext_lazy("Who pays")),
            Field("funding_stream", gettext_lazy("Funding stream"), optional=True),
            Field("managed_by", gettext_lazy("Who manages this money"), optional=True),
        ),
        names=PartNames(
            noun=gettext_lazy("Cost"),
            add=gettext_lazy("Add cost"),
            change=gettext_lazy("Change cost"),
            remove=gettext_lazy("Are you sure you want to remove this cost?"),
            saved=gettext_lazy("The cost has been saved"),
            removed=gettext_lazy("The cost has been removed"),
            none_yet=gettext_lazy("No cost has been added yet."),
            numbered=gettext_lazy("Cost %(number)s"),
            about=gettext_lazy("About the cost “%(title)s”"),
            added=gettext_lazy("Added cost “%(item)s”"),
            changed=gettext_lazy("Changed cost “%(item)s”"),
            deleted=gettext_lazy("Removed cost “%(item)s”"),
        ),
        form_kwargs=lambda plan: {"plan": plan},
        validate=budget_rules.check_cost_line,
        document_template="budgets/document/costs.html",
    ),
)


def _indicative(person_id: int) -> dict[str, Any]:
    budget = (
        IndicativeBudget.objects.filter(person_id=person_id)
        .order_by("-completed_at", "-id")
        .first()
    )
    if budget is None:
        return {}
    return {
        "id": budget.pk,
        "weekly": str(budget.weekly_amount),
        "yearly": str(money.yearly(budget.weekly_amount)),
        "source": budget.source,
        "source_label": str(budget.get_source_display()),
        "source_details": budget.source_details,
        "scheme_name": budget.scheme_name,
        "scheme_version": budget.scheme_version,
        "points": budget.points,
        "set_on": budget.set_on.isoformat(),
    }


def _assessment(person_id: int) -> dict[str, Any]:
    assessment = (
        FinancialAssessment.objects.filter(person_id=person_id)
        .order_by("-recorded_at", "-id")
        .first()
    )
    if assessment is None:
        return {}
    return {
        "status": assessment.status,
        "status_label": str(assessment.get_status_display()),
        "assessed_on": assessment.assessed_on.isoformat() if assessment.assessed_on else "",
        "weekly_contribution": _money(assessment.weekly_contribution),
    }


def _decision(plan: Plan, figures: dict[str, Any], *, social_work: bool) -> dict[str, Any]:
    """The manager's decision this version needs (P8 over budget, P5 social-work resources),
    and the latest one asked for: in force, waiting, refused or lapsed."""
    latest = (
        BudgetDecision.objects.filter(plan=plan)
        .select_related("decided_by", "requested_by")
        .order_by("-requested_at", "-id")
        .first()
    )
    state = {
        "needed": figures["over_budget"] or social_work,
        "over_budget": figures["over_budget"],
        "social_work": social_work,
        "latest": None,
        "in_force": False,
        "lapsed": False,
    }
    if latest is None:
        return state
    lapsed = latest.status == BudgetDecision.Status.APPROVED and (
        figures["budget_weekly"] > latest.budget_weekly
        or figures["budget_one_off"] > latest.one_off_total
        or (social_work and not latest.social_work)
    )
    state["latest"] = {
        "id": latest.pk,
        "status": latest.status,
        "status_label": str(latest.get_status_display()),
        "reason": latest.reason,
        "over_budget": latest.over_budget,
        "social_work": latest.social_work,
        "budget_weekly": str(latest.budget_weekly),
        "one_off_total": str(latest.one_off_total),
        "indicative_weekly": _money(latest.indicative_weekly),
        "requested_by": latest.requested_by.display_name,
        "requested_at": latest.requested_at.date().isoformat(),
        "decision_reason": latest.decision_reason,
        "decided_by": latest.decided_by.display_name if latest.decided_by else "",
        "decided_at": latest.decided_at.date().isoformat() if latest.decided_at else "",
    }
    state["lapsed"] = lapsed
    state["in_force"] = latest.status == BudgetDecision.Status.APPROVED and not lapsed
    return state


def costing_snapshot(plan: Plan, parts: dict[str, Any]) -> dict[str, Any]:
    """The plan's money as the snapshot keeps it (three queries, however many lines)."""
    indicative = _indicative(plan.person_id)
    assessment = _assessment(plan.person_id)
    figures = costing.totals(
        parts.get("costs", []),
        indicative_weekly=money.decimal_or_none(indicative.get("weekly")),
        contribution_weekly=money.decimal_or_none(assessment.get("weekly_contribution")),
    )
    social_work = costing.uses_social_work(parts)
    direct_payment = figures["by_payer"].get("direct_payment")
    if direct_payment and plan.direct_payment_frequency:
        # P12: a direct payment's amount comes from its lines, paid as often as the plan says.
        figures["direct_payment_per_payment"] = money.per_payment(
            direct_payment["weekly"], plan.direct_payment_frequency
        )
    return {
        "indicative": indicative,
        "financial_assessment": assessment,
        "figures": costing.as_strings(figures),
        "decision": _decision(plan, figures, social_work=social_work),
    }


def register() -> None:
    for section, after in SECTIONS:
        registry.register_section(section, after=after)
    for kind in KINDS:
        registry.register_part(kind)
    registry.register_snapshot("costing", costing_snapshot)
    registry.register_rule(budget_rules.costing_problems)
    registry.register_rule(budget_rules.tradeoff_problems)

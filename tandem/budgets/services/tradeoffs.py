"""Choosing one of a trade-off's options into the plan (P7).

The comparison stays with the plan (the trade-off and its options are plan parts, copied into
every new version); choosing marks the option and turns it into an action for the outcome, with
its cost when it is paid with money, so the P4 and P5 rules then ask for what is still missing
(who is responsible, and when). Choosing again marks another option; the action made earlier
stays, to be changed or removed by hand.
"""

from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.selectors import earlier_submission
from tandem.audit.services import audit_record
from tandem.budgets.models import (
    MAX_UNIT_COST,
    PERSONAL_BUDGET_PAYERS,
    CostLine,
    Payer,
    TradeOff,
    TradeOffOption,
    Unit,
)
from tandem.budgets.money import Period, pounds
from tandem.errors import Refused
from tandem.plans.models import Action, Funding, Plan
from tandem.plans.services.editing import lock_for_editing, plan_item_create

# The ways of resourcing an option that spend money, so a costed option says who pays (P5, P8).
PAID_WITH_MONEY = frozenset({Funding.OWN, Funding.PERSONAL_BUDGET, Funding.SOCIAL_WORK})
# Who may pay, for each of those: the personal budget is taken one of three ways.
PAYERS_FOR = {
    Funding.OWN: frozenset({Payer.OWN_MONEY}),
    Funding.PERSONAL_BUDGET: PERSONAL_BUDGET_PAYERS,
    Funding.SOCIAL_WORK: frozenset({*PERSONAL_BUDGET_PAYERS, Payer.OWN_MONEY}),
}
ACTION_DESCRIPTION_LENGTH = 2000
COST_DESCRIPTION_LENGTH = 300
REASON_LENGTH = 500
WHY_LENGTH = 2000


def option_has_cost(option: TradeOffOption) -> bool:
    return bool(option.weekly_cost or option.one_off_cost)


def payer_needed(option: TradeOffOption, funded_by: str) -> bool:
    """A costed option paid with money says who pays, so its cost can go into the plan."""
    return option_has_cost(option) and funded_by in PAID_WITH_MONEY


def payer_problem(funded_by: str, payer: str) -> str:
    """Why this payer does not fit how the option is resourced ("" when it does)."""
    allowed = PAYERS_FOR.get(Funding(funded_by)) if funded_by in Funding.values else None
    if allowed is None or payer in allowed:
        return ""
    if funded_by == Funding.OWN:
        return _("The person’s own resources pay: select “The person’s own money”")
    if funded_by == Funding.PERSONAL_BUDGET:
        return _("Select how the personal budget pays for it")
    return _("Select who pays for it")


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check(*, option: TradeOffOption, why: str, funded_by: str, payer: str) -> None:
    if not why.strip():
        raise Refused(_("Enter why this option was chosen"))
    if len(why.strip()) > WHY_LENGTH:
        raise Refused(_("Why this option was chosen must be 2000 characters or less"))
    if funded_by not in Funding.values:
        raise Refused(_("Select how it will be resourced"))
    if not payer_needed(option, funded_by):
        return
    if payer not in Payer.values:
        raise Refused(_("Select who pays for it"))
    problem = payer_problem(funded_by, payer)
    if problem:
        raise Refused(problem)
    for amount in (option.weekly_cost, option.one_off_cost):
        if amount is not None and amount > MAX_UNIT_COST:
            raise Refused(
                _(
                    "A cost of more than %(max)s cannot go into the plan’s costs in one line: "
                    "choose how it is resourced without money, then add its costs yourself"
                )
                % {"max": pounds(MAX_UNIT_COST)}
            )


def _earlier_choice(plan: Plan, actor: User, submission_key: UUID | None) -> Action | None:
    """The action this same form made when it was sent before (a double click), if it was."""
    detail = earlier_submission(
        actor=actor, action=AuditAction.OPTION_CHOOSE, submission_key=submission_key, plan=plan
    )
    if detail is None:
        return None
    action = Action.objects.filter(plan=plan, pk=detail.get("action_id", 0)).first()
    if action is None:
        raise Refused(_("This option was chosen already, and its action has been removed since."))
    return action


def _cost_lines(
    *,
    plan: Plan,
    trade_off: TradeOff,
    option: TradeOffOption,
    action: Action,
    payer: str,
    actor: User,
) -> list[CostLine]:
    """The option's weekly cost and its one-off cost, each as a line paying for the action."""
    reason = _fit(
        _("From the options compared: %(question)s") % {"question": trade_off.question},
        REASON_LENGTH,
    )
    lines = []
    for amount, unit, period in (
        (option.weekly_cost, Unit.WEEK, Period.WEEK),
        (option.one_off_cost, Unit.ONE_OFF, Period.ONCE),
    ):
        if not amount:
            continue
        line = plan_item_create(
            plan=plan,
            kind="cost",
            data={
                "description": _fit(option.description, COST_DESCRIPTION_LENGTH),
                "for_kind": "action",
                "for_uid": action.uid,
                "unit": unit,
                "unit_cost": amount,
                "own_price_reason": reason,
                "quantity": Decimal("1"),
                "times": 1,
                "period": period,
                "payer": payer,
            },
            actor=actor,
        )
        assert isinstance(line, CostLine)
        lines.append(line)
    return lines


def option_choose(
    *,
    plan: Plan,
    trade_off: TradeOff,
    option: TradeOffOption,
    why: str,
    funded_by: str,
    payer: str,
    actor: User,
    submission_key: UUID | None = None,
) -> Action:
    """Choose `option` into the plan: mark it chosen with the reason, and add an action for the
    outcome (and its cost lines when it costs money and someone pays). Returns the action, for
    the user to say who is responsible for it and when."""
    if trade_off.plan_id != plan.pk or option.trade_off_id != trade_off.pk:
        raise Refused(_("Choose one of the options of this comparison."))
    with transaction.atomic():
        locked = lock_for_editing(plan)
        earlier = _earlier_choice(locked, actor, submission_key)
        if earlier is not None:
            return earlier
        current = TradeOff.objects.select_related("outcome").filter(pk=trade_off.pk).first()
        chosen = TradeOffOption.objects.filter(pk=option.pk, trade_off_id=trade_off.pk).first()
        if current is None or chosen is None:
            raise Refused(_("Someone else removed this option while you were choosing it."))
        _check(option=chosen, why=why, funded_by=funded_by, payer=payer)
        payer = payer if payer_needed(chosen, funded_by) else ""
        if current.chosen_uid == chosen.uid:
            raise Refused(
                _(
                    "This option is chosen already. To change why, change the comparison; its "
                    "action is in the plan’s actions."
                )
            )
        action = plan_item_create(
            plan=locked,
            kind="action",
            parent=current.outcome,
            data={
                "description": _fit(chosen.description, ACTION_DESCRIPTION_LENGTH),
                "kind": Action.Kind.PAID if option_has_cost(chosen) else Action.Kind.COMMUNITY,
                "funded_by": funded_by,
                "funding_notes": _fit(
                    _("Chosen from the options compared: %(question)s")
                    % {"question": current.question},
                    REASON_LENGTH,
                ),
            },
            actor=actor,
        )
        assert isinstance(action, Action)
        lines = (
            _cost_lines(
                plan=locked,
                trade_off=current,
                option=chosen,
                action=action,
                payer=payer,
                actor=actor,
            )
            if payer
            else []
        )
        TradeOff.objects.filter(pk=current.pk).update(
            chosen_uid=chosen.uid, why_chosen=why.strip(), revision=F("revision") + 1
        )
        audit_record(
            actor=actor,
            action=AuditAction.OPTION_CHOOSE,
            summary=_("Chose “%(option)s” for “%(question)s”")
            % {"option": chosen.description, "question": current.question},
            plan=locked,
            detail={
                "tradeoff_id": current.pk,
                "tradeoff_uid": str(current.uid),
                "option_id": chosen.pk,
                "option_uid": str(chosen.uid),
                "previous_uid": str(current.chosen_uid) if current.chosen_uid else "",
                "action_id": action.pk,
                "action_uid": str(action.uid),
                "cost_ids": [line.pk for line in lines],
                "funded_by": funded_by,
                "payer": payer,
                "why": why.strip(),
                "submission_key": str(submission_key) if submission_key else "",
            },
        )
    return action

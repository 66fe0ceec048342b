"""What the budgets app says is due (tandem.worklist.due): a plan's cost waiting for a team
manager's decision (P8 over the indicative budget, P5 social-work resources), and a decision that
declined or asked for changes, back with the worker.

The app has no separate "waiting for resourcing" state: how each action is resourced (P5) is part
of writing the plan, checked when it is sent for agreement, so nothing is listed for it here.
Neither item has a deadline in the rules: each is due from the day it began to wait."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.budgets.models import BudgetDecision
from tandem.budgets.services.decisions import EDITABLE
from tandem.people.models import Person
from tandem.worklist.due import Audience, DueItem, registry

COSTS = "costs"  # the plan's section where a decision is asked for again
# Declined, or changes asked for: either way the worker changes the plan and asks again
# (rules.decision_problems treats them alike).
SENT_BACK = (BudgetDecision.Status.DECLINED, BudgetDecision.Status.CHANGES)


def _why_asked(decision: BudgetDecision) -> str:
    if decision.over_budget:
        return _(
            "A plan that costs more than the indicative budget needs a team manager's decision (P8)"
        )
    return _("A plan that uses social-work resources needs a team manager's approval (P5)")


def decisions_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """The latest request for a decision on each plan still being written: while it waits, a
    team manager decides (on the manager's queue too); when it was declined or asked for changes,
    the worker changes the plan and asks again. Off the list once approved, withdrawn, asked for
    again, or when the plan is agreed or replaced. One query."""
    decisions = (
        BudgetDecision.objects.filter(
            plan__person_id__in=[p.pk for p in people], plan__status__in=EDITABLE
        )
        .select_related("plan")
        .only(
            "pk",
            "status",
            "over_budget",
            "social_work",
            "requested_at",
            "decided_at",
            "plan__id",
            "plan__person_id",
            "plan__status",
        )
        .order_by("plan_id", "-requested_at", "-id")
    )
    seen: set[int] = set()
    for decision in decisions:
        if decision.plan_id in seen:
            continue  # an older request, replaced by the latest
        seen.add(decision.plan_id)
        plan = decision.plan
        if decision.status == BudgetDecision.Status.WAITING:
            yield DueItem(
                kind="budget_decision",
                key=f"budget_decision:{decision.pk}",
                person_id=plan.person_id,
                due_on=timezone.localdate(decision.requested_at),
                what=_("Decide on the plan's cost"),
                why=_why_asked(decision),
                url=reverse("budgets:decide", args=[decision.pk]),
                audience=Audience.MANAGER,
            )
        elif decision.status in SENT_BACK and decision.decided_at:
            yield DueItem(
                kind="budget_changes",
                key=f"budget_changes:{decision.pk}",
                person_id=plan.person_id,
                due_on=timezone.localdate(decision.decided_at),
                what=_("Change the plan and ask again: the team manager did not approve its cost"),
                why=_(
                    "The plan cannot be sent for agreement until a team manager approves its "
                    "cost (%(code)s)"
                )
                % {"code": "P8" if decision.over_budget else "P5"},
                url=reverse("plans:section", args=[plan.pk, COSTS]),
            )


def register() -> None:
    registry.register(
        decisions_due,
        {
            "budget_decision": gettext_lazy("Budget decisions"),
            "budget_changes": gettext_lazy("Budget decisions sent back"),
        },
    )

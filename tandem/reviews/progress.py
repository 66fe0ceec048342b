"""What the "Carrying out the plan" and progress pages read: every action of an agreed plan with
its latest progress, an action's history across versions, and the triggers recorded. A fixed
number of queries however many actions and rows there are."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from tandem.plans.models import Action, Plan
from tandem.plans.sections import _responsible
from tandem.reviews import rules
from tandem.reviews.models import ActionProgress, ReviewTrigger
from tandem.reviews.services import plan_agreed_on


@dataclass
class ActionRow:
    action: Action
    responsible: str
    latest: ActionProgress | None
    slipping: str


def get_action(plan: Plan, pk: int | str) -> Action:
    """An action of this plan only: another plan's action answers 404."""
    try:
        return Action.objects.select_related("outcome").get(plan=plan, pk=pk)
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _progress_of(plan: Plan) -> QuerySet[ActionProgress]:
    """Progress on this person's plans: an action keeps its uid across versions."""
    return ActionProgress.objects.filter(plan__person_id=plan.person_id).select_related(
        "recorded_by", "plan"
    )


def action_history(plan: Plan, action: Action) -> list[ActionProgress]:
    return list(_progress_of(plan).filter(action_uid=action.uid))


def action_rows(plan: Plan, today: date) -> list[ActionRow]:
    actions = list(
        Action.objects.filter(plan=plan).select_related(
            "outcome", "responsible_member", "responsible_staff"
        )
    )
    latest: dict = {}
    for progress in _progress_of(plan).filter(action_uid__in=[a.uid for a in actions]):
        latest.setdefault(progress.action_uid, progress)  # newest first (Meta.ordering)
    agreed_on = plan_agreed_on(plan)
    rows = []
    for action in sorted(actions, key=lambda a: (a.outcome.position, a.outcome_id, a.position)):
        last = latest.get(action.uid)
        why = rules.slipping(
            rules.ActionEntry(due_on=action.due_on, agreed_on=agreed_on),
            rules.LatestProgress(last.status, last.happened_on) if last else None,
            today,
        )
        rows.append(ActionRow(action, _responsible(action, plan), last, why))
    return rows


def triggers_for(plan: Plan) -> list[ReviewTrigger]:
    return list(
        ReviewTrigger.objects.filter(person_id=plan.person_id).select_related("recorded_by")
    )

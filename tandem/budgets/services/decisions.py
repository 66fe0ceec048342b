"""A team manager's decision on a plan's cost (P8 over the indicative budget, P5 social-work
resources): a worker asks, giving the reason; a manager of the person's team approves, declines or
asks for changes, with theirs; a request still waiting may be withdrawn.

A request holds the plan's figures at the moment it was asked, taken from the plan's snapshot
with the plan locked, so what the manager approves is exactly what the plan cost then. If the cost
rises afterwards the approval lapses (sections._decision) and the plan cannot be sent until a
manager decides again (rules.decision_problems). Each change is audited in its transaction.

The reads a manager's pages need are here too, each limited to the manager's own teams.
"""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.access import can_coordinate_plan, own_teams
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.budgets.models import BudgetDecision
from tandem.budgets.money import decimal_or_none, pounds
from tandem.errors import Refused
from tandem.plans.models import Plan
from tandem.plans.services.editing import lock_for_editing
from tandem.plans.snapshot import load_plan_parts, plan_snapshot

Status = BudgetDecision.Status
DECISIONS = (Status.APPROVED, Status.DECLINED, Status.CHANGES)
EDITABLE = (Plan.Status.DRAFT, Plan.Status.READY)
RECENT = 20  # decided requests a manager's queue shows under the waiting ones
NOT_BEING_WRITTEN = gettext_lazy(
    "This version of the plan is no longer being written, so there is nothing to decide."
)


def costing_of(plan: Plan) -> dict[str, Any]:
    """The plan's money as its snapshot says now (sections.costing_snapshot)."""
    return dict(plan_snapshot(load_plan_parts(plan)).get("costing", {}))


def ask_refusal(costing: dict[str, Any]) -> str:
    """Why a decision cannot be asked for this plan now, in plain English; "" if it can."""
    decision = costing.get("decision") or {}
    latest = decision.get("latest") or {}
    if not decision.get("needed"):
        return _(
            "This plan does not need a manager’s decision: it is within the indicative budget "
            "and uses no social-work resources."
        )
    if latest.get("status") == Status.WAITING:
        return _(
            "A team manager has already been asked to decide on this plan’s cost. Wait for "
            "their decision, or withdraw the request to change it."
        )
    if decision.get("in_force"):
        return _("A team manager has already approved this plan’s cost.")
    return ""


def _figures(costing: dict[str, Any]) -> dict[str, Decimal | None]:
    figures = costing.get("figures", {})
    return {
        "indicative_weekly": decimal_or_none((costing.get("indicative") or {}).get("weekly")),
        "budget_weekly": decimal_or_none(figures.get("budget_weekly")) or Decimal("0.00"),
        "total_weekly": decimal_or_none(figures.get("total_weekly")) or Decimal("0.00"),
        "one_off_total": decimal_or_none(figures.get("budget_one_off")) or Decimal("0.00"),
    }


def _detail(decision: BudgetDecision) -> dict[str, Any]:
    """What the audit keeps of a request: its figures as asked, and where it stands."""
    return {
        "decision": decision.pk,
        "status": decision.status,
        "over_budget": decision.over_budget,
        "social_work": decision.social_work,
        "indicative_weekly": str(decision.indicative_weekly or ""),
        "budget_weekly": str(decision.budget_weekly),
        "total_weekly": str(decision.total_weekly),
        "one_off_total": str(decision.one_off_total),
    }


def decision_ask(
    *, plan: Plan, reason: str, actor: User, submission_key: UUID | None = None
) -> BudgetDecision:
    """P8, P5: ask the person's team managers to decide on the plan's cost, with the reason.

    The figures are the plan's at this moment, read with the plan locked so no change to a cost
    slips in between. The same form sent twice (`submission_key`) gives the first request back
    rather than refusing the second as "already waiting"."""
    reason = reason.strip()
    if not reason:
        raise Refused(_("Enter why the plan needs this"))
    if not can_coordinate_plan(actor) or actor.organisation_id != plan.organisation_id:
        raise Refused(_("Only a worker coordinating the plan can ask for a decision."))
    try:
        with transaction.atomic():
            locked = lock_for_editing(plan)
            earlier = _earlier_request(locked, actor, submission_key, reason)
            if earlier is not None:
                return earlier
            costing = costing_of(locked)
            refusal = ask_refusal(costing)
            if refusal:
                raise Refused(refusal)
            decision_state = costing["decision"]
            decision = BudgetDecision(
                organisation_id=locked.organisation_id,
                plan=locked,
                over_budget=bool(decision_state.get("over_budget")),
                social_work=bool(decision_state.get("social_work")),
                reason=reason,
                requested_by=actor,
                submission_key=submission_key,
                **_figures(costing),
            )
            decision.full_clean(exclude=["submission_key"])
            decision.save()
            audit_record(
                actor=actor,
                action=AuditAction.DECISION_ASK,
                summary=_("Asked a team manager to decide on the plan’s cost"),
                plan=locked,
                detail=_detail(decision),
            )
    except IntegrityError:
        # Sent twice at the same moment: the other copy was saved first.
        earlier = _earlier_request(plan, actor, submission_key, reason)
        if earlier is None:
            raise
        return earlier
    return decision


def _earlier_request(
    plan: Plan, actor: User, submission_key: UUID | None, reason: str
) -> BudgetDecision | None:
    """The request an earlier copy of the same form made, if it was for this plan and reason."""
    if submission_key is None:
        return None
    return BudgetDecision.objects.filter(
        requested_by=actor, submission_key=submission_key, plan=plan, reason=reason
    ).first()


def decision_withdraw(*, decision: BudgetDecision, actor: User) -> BudgetDecision:
    """Take back a request no manager has decided yet (to change the plan first, say)."""
    if not can_coordinate_plan(actor) or actor.organisation_id != decision.organisation_id:
        raise Refused(_("Only a worker coordinating the plan can withdraw the request."))
    with transaction.atomic():
        plan = Plan.objects.select_for_update(no_key=True).get(pk=decision.plan_id)
        # decided_at is when it stopped waiting; who withdrew it is in the audit.
        withdrawn = BudgetDecision.objects.filter(pk=decision.pk, status=Status.WAITING).update(
            status=Status.WITHDRAWN, decided_at=timezone.now()
        )
        if not withdrawn:
            raise Refused(already_settled(decision))
        decision.refresh_from_db()
        audit_record(
            actor=actor,
            action=AuditAction.DECISION_WITHDRAW,
            summary=_("Withdrew the request for a manager’s decision"),
            plan=plan,
            detail=_detail(decision),
        )
    return decision


def may_decide(actor: User, decision: BudgetDecision) -> bool:
    """P8: a team manager of the person's team decides."""
    return (
        actor.is_authenticated
        and actor.role == Role.TEAM_MANAGER
        and actor.organisation_id == decision.organisation_id
        and own_teams(actor).filter(pk=decision.plan.person.team_id).exists()
    )


def decision_decide(
    *, decision: BudgetDecision, status: str, reason: str, actor: User
) -> BudgetDecision:
    """P8, P5: approve, decline or ask for changes, with the manager's reason.

    Decided once: a second manager deciding at the same moment is refused, never recorded over
    the first. The decision is on the figures that were asked; if the plan costs more by now, an
    approval lapses at once and the worker asks again."""
    if status not in DECISIONS:
        raise Refused(_("Select your decision"))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Enter the reason for your decision"))
    if not may_decide(actor, decision):
        raise Refused(_("Only a team manager of the person’s team can decide."))
    with transaction.atomic():
        plan = Plan.objects.select_for_update(no_key=True).get(pk=decision.plan_id)
        if plan.status not in EDITABLE:
            raise Refused(str(NOT_BEING_WRITTEN))
        decided = BudgetDecision.objects.filter(pk=decision.pk, status=Status.WAITING).update(
            status=status, decision_reason=reason, decided_by=actor, decided_at=timezone.now()
        )
        if not decided:
            raise Refused(already_settled(decision))
        decision.refresh_from_db()
        audit_record(
            actor=actor,
            action=AuditAction.DECISION_DECIDE,
            summary=_("Decided on the plan’s cost: %(decision)s")
            % {"decision": decision.get_status_display()},
            plan=plan,
            detail=_detail(decision),
        )
    return decision


def already_settled(decision: BudgetDecision) -> str:
    """Why a request cannot be decided or withdrawn any more."""
    current = BudgetDecision.objects.select_related("decided_by").get(pk=decision.pk)
    if current.status == Status.WAITING:  # its plan was agreed or replaced meanwhile
        return str(NOT_BEING_WRITTEN)
    if current.status == Status.WITHDRAWN:
        return _("This request has been withdrawn: there is nothing to decide.")
    return _("%(name)s has already decided on this request: %(decision)s.") % {
        "name": current.decided_by.display_name if current.decided_by else _("A team manager"),
        "decision": str(current.get_status_display()).lower(),
    }


def decision_queue_view(*, decisions: list[BudgetDecision], actor: User) -> None:
    """Who read the queue, and which requests it showed them."""
    audit_record(
        actor=actor,
        action=AuditAction.DECISION_QUEUE_VIEW,
        summary=_("Read the decisions waiting"),
        detail={"decisions": [decision.pk for decision in decisions]},
    )


# --- Reads: a manager's own teams only ------------------------------------------------------


def decisions_for_manager(user: User) -> QuerySet[BudgetDecision]:
    """Requests about the people in a team manager's teams; none for anyone else."""
    if not user.is_authenticated or user.role != Role.TEAM_MANAGER or user.organisation_id is None:
        return BudgetDecision.objects.none()
    return BudgetDecision.objects.filter(
        organisation_id=user.organisation_id, plan__person__team_id__in=own_teams(user).values("pk")
    )


def waiting_for_manager(user: User) -> QuerySet[BudgetDecision]:
    """What the manager has still to decide, oldest first: on plans still being written."""
    return (
        decisions_for_manager(user)
        .filter(status=Status.WAITING, plan__status__in=EDITABLE)
        .select_related("plan", "plan__person", "requested_by")
        .order_by("requested_at", "id")
    )


def waiting_count(user: User) -> int:
    """For the navigation, on every page a manager sees: one count query."""
    return (
        decisions_for_manager(user).filter(status=Status.WAITING, plan__status__in=EDITABLE).count()
    )


def decided_recently(user: User) -> list[BudgetDecision]:
    return list(
        decisions_for_manager(user)
        .exclude(status=Status.WAITING)
        .select_related("plan", "plan__person", "requested_by", "decided_by")
        .order_by("-decided_at", "-id")[:RECENT]
    )


def decision_get_for_manager(user: User, pk: int | str) -> BudgetDecision:
    """A request in the manager's teams (404 for any other, so ids reveal nothing)."""
    try:
        return (
            decisions_for_manager(user)
            .select_related("plan", "plan__person", "requested_by", "decided_by")
            .get(pk=pk)
        )
    except (BudgetDecision.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def over_by(decision: BudgetDecision) -> Decimal | None:
    """How much a week the request was over the indicative budget, if it was."""
    if not decision.over_budget or decision.indicative_weekly is None:
        return None
    return decision.budget_weekly - decision.indicative_weekly


def risen_since(decision: BudgetDecision, costing: dict[str, Any]) -> list[str]:
    """How the plan's cost has risen since the request was asked, in plain English."""
    now = _figures(costing)
    changes = []
    weekly, one_off = now["budget_weekly"], now["one_off_total"]
    if weekly is not None and weekly > decision.budget_weekly:
        changes.append(
            _("It now costs %(now)s a week from the personal budget; it was %(then)s.")
            % {"now": pounds(weekly), "then": pounds(decision.budget_weekly)}
        )
    if one_off is not None and one_off > decision.one_off_total:
        changes.append(
            _("Its one-off costs are now %(now)s; they were %(then)s.")
            % {"now": pounds(one_off), "then": pounds(decision.one_off_total)}
        )
    if (costing.get("decision") or {}).get("social_work") and not decision.social_work:
        changes.append(_("It now uses social-work resources; it did not when this was asked."))
    return changes

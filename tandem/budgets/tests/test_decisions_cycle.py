"""P8, P5: a plan over its indicative budget, or using social-work resources, is sent for
agreement only with a team manager's approval that still holds for what it costs."""

import uuid
from decimal import Decimal

import pytest

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.budgets.services.decisions import (
    decision_ask,
    decision_decide,
    decision_withdraw,
)
from tandem.budgets.tests.decision_builders import (
    add_paid_support,
    ask,
    build_over_budget_plan,
    decide,
    fresh,
    set_indicative,
)
from tandem.errors import Refused
from tandem.plans.models import Plan
from tandem.plans.services import PlanNotReady, plan_send_for_agreement
from tandem.plans.tests.helpers import build_agreed_plan, build_ready_plan, problems_of

Status = BudgetDecision.Status


@pytest.fixture
def plan(person, worker):
    return build_over_budget_plan(person=person, actor=worker)


def refusal(plan: Plan, worker) -> list[str]:
    """What "send for agreement" says, in the costs section."""
    with pytest.raises(PlanNotReady) as refused:
        plan_send_for_agreement(plan=plan, actor=worker)
    return [p.message for p in refused.value.problems if p.section == "costs"]


class TestTheWholeCycle:
    def test_it_refuses_to_send_until_a_manager_approves(self, plan, worker, manager):
        assert refusal(plan, worker) == [
            "The plan costs £50.00 a week more than the indicative budget: give the reason and "
            "ask a team manager to approve it"
        ]
        decision = ask(plan, worker)
        assert refusal(fresh(plan), worker) == [
            "A team manager has not decided yet: the plan can be sent once they approve"
        ]
        decide(decision, manager)
        sent = plan_send_for_agreement(plan=fresh(plan), actor=worker)
        assert sent.status == Plan.Status.READY

    @pytest.mark.parametrize("status", ["declined", "changes"])
    def test_a_refusal_names_the_managers_reason(self, plan, worker, manager, status):
        decide(ask(plan, worker), manager, status, "Try a day centre two days a week first")
        assert refusal(fresh(plan), worker) == [
            "The team manager did not approve the cost (“Try a day centre two days a week "
            "first”): change the plan and ask again"
        ]

    def test_a_rise_in_cost_after_approval_lapses_it_until_asked_again(self, plan, worker, manager):
        decide(ask(plan, worker), manager)
        add_paid_support(fresh(plan), worker, hours="1", description="A weekly swim")

        assert refusal(fresh(plan), worker) == [
            "The manager’s approval was for £250.00 a week; the plan now costs £275.00 a week "
            "from the personal budget. Ask for a new decision"
        ]
        again = ask(fresh(plan), worker, "The swim keeps her mobile")
        assert again.budget_weekly == Decimal("275.00")
        decide(again, manager)
        assert plan_send_for_agreement(plan=fresh(plan), actor=worker).status == "ready"

    def test_a_new_one_off_cost_lapses_the_approval(self, plan, worker, manager):
        decide(ask(plan, worker), manager)
        add_paid_support(fresh(plan), worker, hours="1", rate="400.00", period="once")
        assert "Ask for a new decision" in refusal(fresh(plan), worker)[0]

    def test_a_fall_in_cost_keeps_the_approval(self, plan, worker, manager):
        decide(ask(plan, worker), manager)
        line = fresh(plan).costlines.get()
        type(line).objects.filter(pk=line.pk).update(quantity=Decimal("9"))
        assert [p for p in problems_of(plan) if p.section == "costs"] == []

    def test_social_work_resources_need_approval_within_budget(self, person, worker, manager):
        plan = build_ready_plan(person=person, actor=worker)
        set_indicative(person, worker)
        add_paid_support(plan, worker, hours="2")  # £50 a week: within budget
        assert problems_of(plan) == []

        add_paid_support(plan, worker, hours="1", funded_by="social_work", payer="own_money")
        assert refusal(fresh(plan), worker) == [
            "The plan uses social-work resources: ask a team manager to approve them"
        ]
        decision = ask(fresh(plan), worker, "Needs a social worker's visits")
        assert (decision.over_budget, decision.social_work) == (False, True)
        decide(decision, manager)
        assert problems_of(plan) == []

    def test_social_work_added_after_an_approval_without_it_lapses_it(self, plan, worker, manager):
        decide(ask(plan, worker), manager)
        add_paid_support(fresh(plan), worker, hours="1", funded_by="social_work", payer="own_money")
        assert "Ask for a new decision" in refusal(fresh(plan), worker)[0]


class TestAsking:
    def test_it_keeps_the_figures_of_the_moment_it_was_asked(self, plan, worker):
        add_paid_support(plan, worker, hours="1", rate="120.00", period="once")
        add_paid_support(plan, worker, hours="1", rate="30.00", payer="own_money")
        decision = ask(fresh(plan), worker)
        assert decision.status == Status.WAITING
        assert (decision.over_budget, decision.social_work) == (True, False)
        assert decision.indicative_weekly == Decimal("200.00")
        assert decision.budget_weekly == Decimal("250.00")
        assert decision.total_weekly == Decimal("280.00")
        assert decision.one_off_total == Decimal("120.00")
        assert (decision.requested_by, decision.organisation) == (worker, plan.organisation)

    def test_it_audits_the_request_with_its_figures(self, plan, worker):
        decision = ask(plan, worker)
        event = AuditEvent.objects.get(action=AuditAction.DECISION_ASK)
        assert (event.actor, event.plan, event.person) == (worker, plan, plan.person)
        assert event.detail["decision"] == decision.pk
        assert event.detail["budget_weekly"] == "250.00"

    def test_it_asks_once_for_the_same_form_sent_twice(self, plan, worker):
        key = uuid.uuid4()
        first = decision_ask(plan=plan, reason="Two carers", actor=worker, submission_key=key)
        second = decision_ask(plan=plan, reason="Two carers", actor=worker, submission_key=key)
        assert first == second
        assert BudgetDecision.objects.count() == 1
        assert AuditEvent.objects.filter(action=AuditAction.DECISION_ASK).count() == 1

    def test_it_refuses_a_second_request_while_one_is_waiting(self, plan, worker):
        ask(plan, worker)
        with pytest.raises(Refused, match="already been asked"):
            ask(plan, worker, "Again")
        assert BudgetDecision.objects.count() == 1

    def test_it_refuses_a_plan_that_needs_no_decision(self, person, worker):
        plan = build_ready_plan(person=person, actor=worker)
        with pytest.raises(Refused, match="does not need a manager’s decision"):
            ask(plan, worker)

    def test_it_refuses_once_approved(self, plan, worker, manager):
        decide(ask(plan, worker), manager)
        with pytest.raises(Refused, match="already approved"):
            ask(fresh(plan), worker)

    @pytest.mark.parametrize("reason", ["", "   \n "])
    def test_it_asks_for_the_reason(self, plan, worker, reason):
        with pytest.raises(Refused, match="Enter why the plan needs this"):
            ask(plan, worker, reason)
        assert not BudgetDecision.objects.exists()

    def test_it_refuses_an_agreed_plan(self, person, worker):
        agreed, _issue = build_agreed_plan(person=person, actor=worker)
        with pytest.raises(Refused, match="has been agreed"):
            ask(agreed, worker)

    def test_it_refuses_anyone_but_a_worker(self, plan, person_user, carer_user):
        for user in (person_user, carer_user):
            with pytest.raises(Refused, match="Only a worker"):
                ask(plan, user)
        assert not BudgetDecision.objects.exists()


class TestDeciding:
    def test_it_records_who_decided_when_and_why(self, plan, worker, manager):
        decision = decide(ask(plan, worker), manager, "changes", "Look at a day centre")
        decision = BudgetDecision.objects.get(pk=decision.pk)
        assert decision.status == Status.CHANGES
        assert (decision.decided_by, decision.decision_reason) == (manager, "Look at a day centre")
        assert decision.decided_at is not None

    def test_it_audits_the_decision_with_its_status_and_figures(self, plan, worker, manager):
        decision = decide(ask(plan, worker), manager)
        event = AuditEvent.objects.get(action=AuditAction.DECISION_DECIDE)
        assert (event.actor, event.plan) == (manager, plan)
        assert event.detail["decision"] == decision.pk
        assert event.detail["status"] == "approved"
        assert event.detail["budget_weekly"] == "250.00"
        assert event.detail["indicative_weekly"] == "200.00"

    def test_a_second_manager_deciding_at_the_same_time_is_refused(
        self, org, team, plan, worker, manager
    ):
        second = testing.make_worker(
            org, team, role=Role.TEAM_MANAGER, first_name="Sol", last_name="Second"
        )
        decision = ask(plan, worker)
        morgans_page = BudgetDecision.objects.get(pk=decision.pk)
        sols_page = BudgetDecision.objects.get(pk=decision.pk)

        decide(morgans_page, manager, "approved", "Fine")
        with pytest.raises(Refused, match="Morgan Manager has already decided"):
            decide(sols_page, second, "declined", "No")

        decision.refresh_from_db()
        assert (decision.status, decision.decided_by) == (Status.APPROVED, manager)
        assert AuditEvent.objects.filter(action=AuditAction.DECISION_DECIDE).count() == 1

    @pytest.mark.parametrize("status", ["", "waiting", "withdrawn", "maybe"])
    def test_it_refuses_a_status_that_is_not_a_decision(self, plan, worker, manager, status):
        decision = ask(plan, worker)
        with pytest.raises(Refused, match="Select your decision"):
            decide(decision, manager, status)
        assert fresh_decision(decision).status == Status.WAITING

    def test_it_asks_for_the_reason(self, plan, worker, manager):
        decision = ask(plan, worker)
        with pytest.raises(Refused, match="Enter the reason"):
            decide(decision, manager, "approved", "  ")

    def test_it_refuses_a_worker_and_a_manager_of_another_team(self, org, plan, worker):
        decision = ask(plan, worker)
        elsewhere = testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        for user in (worker, elsewhere):
            with pytest.raises(Refused, match="Only a team manager of the person’s team"):
                decide(decision, user)
        assert fresh_decision(decision).status == Status.WAITING

    def test_it_refuses_a_withdrawn_request(self, plan, worker, manager):
        decision = ask(plan, worker)
        decision_withdraw(decision=decision, actor=worker)
        with pytest.raises(Refused, match="withdrawn"):
            decision_decide(decision=decision, status="approved", reason="Yes", actor=manager)


class TestWithdrawing:
    def test_it_withdraws_a_waiting_request_so_it_can_be_asked_again(self, plan, worker):
        decision = decision_withdraw(decision=ask(plan, worker), actor=worker)
        assert decision.status == Status.WITHDRAWN
        event = AuditEvent.objects.get(action=AuditAction.DECISION_WITHDRAW)
        assert (event.actor, event.plan) == (worker, plan)
        assert ask(plan, worker, "Asked again").status == Status.WAITING

    def test_it_refuses_a_decided_request(self, plan, worker, manager):
        decision = decide(ask(plan, worker), manager)
        with pytest.raises(Refused, match="already decided"):
            decision_withdraw(decision=decision, actor=worker)
        assert fresh_decision(decision).status == Status.APPROVED

    def test_it_refuses_the_person(self, plan, worker, person_user):
        decision = ask(plan, worker)
        with pytest.raises(Refused):
            decision_withdraw(decision=decision, actor=person_user)
        assert fresh_decision(decision).status == Status.WAITING


def fresh_decision(decision: BudgetDecision) -> BudgetDecision:
    return BudgetDecision.objects.get(pk=decision.pk)

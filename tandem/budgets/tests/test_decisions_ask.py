"""The worker's side: asking a team manager to decide on a plan's cost, seeing where it stands on
the plan's costs section, and withdrawing a request still waiting."""

import re
import uuid

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.budgets.tests.decision_builders import (
    add_paid_support,
    ask,
    build_over_budget_plan,
    decide,
    fresh,
)
from tandem.plans.tests.helpers import build_agreed_plan, build_ready_plan

Status = BudgetDecision.Status


@pytest.fixture
def plan(person, worker):
    return build_over_budget_plan(person=person, actor=worker)


def ask_url(plan):
    return reverse("budgets:ask", args=[plan.pk])


def costs_url(plan):
    return reverse("plans:section", args=[plan.pk, "costs"])


def withdraw_url(decision):
    return reverse("budgets:withdraw", args=[decision.plan_id, decision.pk])


def submission_key(html: str) -> str:
    return re.search(r'name="submission_key" value="([0-9a-f-]{36})"', html).group(1)


class TestTheAskPage:
    def test_it_shows_the_figures_the_manager_will_decide_on(self, client_for, worker, plan):
        response = client_for(worker).get(ask_url(plan))
        assert response.status_code == 200
        html = response.text
        assert "£200.00 a week" in html  # indicative
        assert "£250.00 a week (£13,000.00 a year)" in html  # from the personal budget
        assert "£50.00 a week more than the indicative budget" in html
        assert "Why does the plan need this?" in html
        assert submission_key(html)

    def test_it_lists_the_social_work_resources_used(self, client_for, person, worker, plan):
        add_paid_support(
            plan, worker, hours="1", funded_by="social_work", payer="own_money",
            description="Visits from a social worker",
        )  # fmt: skip
        html = client_for(worker).get(ask_url(plan)).text
        assert "<li>Visits from a social worker</li>" in html

    def test_it_asks_and_shows_the_request_waiting_on_the_plan(self, client_for, worker, plan):
        client = client_for(worker)
        key = submission_key(client.get(ask_url(plan)).text)
        response = client.post(ask_url(plan), {"reason": "Two carers", "submission_key": key})
        assert response.status_code == 302
        assert response["Location"] == costs_url(plan)

        decision = BudgetDecision.objects.get()
        assert (decision.plan, decision.reason, decision.status) == (plan, "Two carers", "waiting")
        assert AuditEvent.objects.filter(action=AuditAction.DECISION_ASK, plan=plan).count() == 1
        page = client.get(costs_url(plan)).text
        assert "A team manager has been asked to decide" in page
        assert "Waiting for a decision" in page
        assert "Withdraw the request" in page
        assert "A team manager has not decided yet" in page

    def test_the_same_form_sent_twice_asks_once(self, client_for, worker, plan):
        client = client_for(worker)
        data = {"reason": "Two carers", "submission_key": str(uuid.uuid4())}
        first = client.post(ask_url(plan), data)
        second = client.post(ask_url(plan), data)
        assert (first.status_code, second.status_code) == (302, 302)
        assert BudgetDecision.objects.count() == 1

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_it_asks_for_the_reason(self, client_for, worker, plan, reason):
        response = client_for(worker).post(ask_url(plan), {"reason": reason})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.text
        assert "Enter why the plan needs this" in response.text
        assert response.text.startswith("<!DOCTYPE") and "<title>Error:" in response.text
        assert not BudgetDecision.objects.exists()

    def test_it_refuses_a_reason_too_long_and_keeps_it(self, client_for, worker, plan):
        typed = "Two carers needed. " * 300
        response = client_for(worker).post(ask_url(plan), {"reason": typed})
        assert response.status_code == 200
        assert "The reason must be 5,000 characters or fewer" in response.text
        assert typed.strip() in response.text
        assert not BudgetDecision.objects.exists()

    def test_it_says_when_a_plan_needs_no_decision(self, client_for, person, worker):
        plan = build_ready_plan(person=person, actor=worker)
        client = client_for(worker)
        response = client.get(ask_url(plan))
        assert response["Location"] == costs_url(plan)
        assert "does not need a manager’s decision" in client.get(costs_url(plan)).text

    def test_it_says_when_a_request_is_already_waiting(self, client_for, worker, plan):
        ask(plan, worker)
        client = client_for(worker)
        assert client.get(ask_url(plan))["Location"] == costs_url(plan)
        assert "already been asked" in client.get(costs_url(plan)).text

    def test_a_refused_post_says_why_on_the_form(self, client_for, worker, plan):
        ask(plan, worker)
        response = client_for(worker).post(ask_url(plan), {"reason": "Again"})
        assert response.status_code == 200
        assert "already been asked" in response.text
        assert BudgetDecision.objects.count() == 1

    def test_it_says_an_agreed_plan_can_no_longer_ask(self, client_for, person, worker):
        agreed, _issue = build_agreed_plan(person=person, actor=worker)
        response = client_for(worker).get(ask_url(agreed))
        assert response["Location"] == reverse("plans:detail", args=[agreed.pk])

    @pytest.mark.parametrize("who", ["person", "carer"])
    def test_it_forbids_the_person_and_their_carer(
        self, client_for, plan, person_user, carer_user, who
    ):
        user = {"person": person_user, "carer": carer_user}[who]
        client = client_for(user)
        assert client.get(ask_url(plan)).status_code == 403
        assert client.post(ask_url(plan), {"reason": "Please"}).status_code == 403
        assert not BudgetDecision.objects.exists()

    def test_it_hides_the_plan_from_another_team_and_organisation(
        self, client_for, plan, other_team_worker, other_org_worker
    ):
        for user in (other_team_worker, other_org_worker):
            assert client_for(user).post(ask_url(plan), {"reason": "x"}).status_code == 404
        assert not BudgetDecision.objects.exists()

    @pytest.mark.parametrize("path", ["/budgets/plans/abc/decision/", "/budgets/plans/0/decision/"])
    def test_it_answers_404_for_ids_that_are_not_plans(self, client_for, worker, path):
        assert client_for(worker).get(path).status_code == 404

    def test_it_answers_404_for_an_id_no_database_holds(self, client_for, worker):
        assert client_for(worker).get(f"/budgets/plans/{2**70}/decision/").status_code == 404


class TestTheCostsSection:
    def test_it_offers_the_coordinator_the_request(self, client_for, worker, plan):
        html = client_for(worker).get(costs_url(plan)).text
        assert ask_url(plan) in html
        assert "Ask a team manager to decide" in html

    def test_it_shows_the_person_the_state_without_the_buttons(
        self, client_for, worker, person_user, plan
    ):
        ask(plan, worker)
        html = client_for(person_user).get(costs_url(plan)).text
        assert "Waiting for a decision" in html
        assert "Withdraw the request" not in html
        assert ask_url(plan) not in html

    def test_it_shows_the_managers_reason_and_asks_again_after_a_refusal(
        self, client_for, worker, manager, plan
    ):
        decide(ask(plan, worker), manager, "declined", "Try a day centre first")
        html = client_for(worker).get(costs_url(plan)).text
        assert "Declined" in html
        assert "Try a day centre first" in html
        assert "Ask a team manager to decide again" in html

    def test_it_shows_an_approval_that_has_lapsed(self, client_for, worker, manager, plan):
        decide(ask(plan, worker), manager)
        add_paid_support(fresh(plan), worker, hours="1")
        html = client_for(worker).get(costs_url(plan)).text
        assert "Lapsed" in html
        assert "The approval was for £250.00 a week" in html
        assert "Ask a team manager to decide again" in html


class TestWithdrawing:
    def test_it_withdraws_the_request(self, client_for, worker, plan):
        decision = ask(plan, worker)
        client = client_for(worker)
        response = client.post(withdraw_url(decision))
        assert response["Location"] == costs_url(plan)
        assert BudgetDecision.objects.get().status == Status.WITHDRAWN
        assert AuditEvent.objects.filter(action=AuditAction.DECISION_WITHDRAW).count() == 1
        html = client.get(costs_url(plan)).text
        assert "The request for a decision has been withdrawn" in html
        assert "Ask a team manager to decide again" in html

    def test_it_says_when_the_manager_decided_first(self, client_for, worker, manager, plan):
        decision = decide(ask(plan, worker), manager)
        client = client_for(worker)
        client.post(withdraw_url(decision))
        assert "Morgan Manager has already decided" in client.get(costs_url(plan)).text
        assert BudgetDecision.objects.get().status == Status.APPROVED

    def test_it_forbids_the_person(self, client_for, worker, person_user, plan):
        decision = ask(plan, worker)
        assert client_for(person_user).post(withdraw_url(decision)).status_code == 403
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_answers_404_for_another_plans_request(self, client_for, org, team, worker, plan):
        other = testing.make_person(org, team)
        other_plan = build_over_budget_plan(person=other, actor=worker)
        decision = ask(other_plan, worker)
        path = reverse("budgets:withdraw", args=[plan.pk, decision.pk])
        assert client_for(worker).post(path).status_code == 404
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_hides_the_plan_from_a_manager_of_another_team(self, client_for, org, worker, plan):
        decision = ask(plan, worker)
        elsewhere = testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        assert client_for(elsewhere).post(withdraw_url(decision)).status_code == 404

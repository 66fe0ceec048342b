"""The team manager's side: the queue of decisions waiting in their teams, and deciding one."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

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
from tandem.people.models import CircleMember
from tandem.plans.models import Plan
from tandem.plans.services import plan_send_for_agreement

Status = BudgetDecision.Status
QUEUE = reverse("budgets:queue")


@pytest.fixture
def plan(person, worker):
    return build_over_budget_plan(person=person, actor=worker)


@pytest.fixture
def decision(plan, worker):
    return ask(plan, worker, "Two carers are needed for every visit")


def decide_url(decision):
    return reverse("budgets:decide", args=[decision.pk])


def provider_user(person):
    user = testing.make_user(person.organisation, role=Role.PROVIDER)
    testing.make_circle_member(person, kind=CircleMember.Kind.PROVIDER, user=user)
    return user


def other_team_manager(org):
    return testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)


def waiting_decision(person, worker, **figures) -> BudgetDecision:
    """A request made straight in the database, for lists: the queue reads only its row."""
    plan = testing.make_plan(person, worker)
    values = {
        "over_budget": True,
        "indicative_weekly": Decimal("200.00"),
        "budget_weekly": Decimal("250.00"),
        "total_weekly": Decimal("250.00"),
        "one_off_total": Decimal("0.00"),
        **figures,
    }
    return BudgetDecision.objects.create(
        organisation=plan.organisation, plan=plan, reason="Needed", requested_by=worker, **values
    )


class TestTheQueue:
    def test_it_lists_the_decisions_waiting_in_the_managers_teams(
        self, client_for, manager, decision, person
    ):
        response = client_for(manager).get(QUEUE)
        assert response.status_code == 200
        html = response.text
        assert "Waiting for a decision (1)" in html
        assert person.full_name in html
        assert "Plan version 1, RC0001" in html
        assert "Wendy Worker" in html
        assert "£200.00" in html and "£250.00" in html
        assert "by £50.00 a week" in html
        assert decide_url(decision) in html

    def test_it_lists_the_oldest_first(self, client_for, org, team, worker, manager):
        older = waiting_decision(testing.make_person(org, team, given_name="Olive"), worker)
        newer = waiting_decision(testing.make_person(org, team, given_name="Nina"), worker)
        BudgetDecision.objects.filter(pk=older.pk).update(
            requested_at=timezone.now() - datetime.timedelta(days=3)
        )
        html = client_for(manager).get(QUEUE).text
        assert html.index(decide_url(older)) < html.index(decide_url(newer))

    def test_it_shows_social_work_resources(self, client_for, org, team, worker, manager):
        waiting_decision(
            testing.make_person(org, team),
            worker,
            over_budget=False,
            social_work=True,
            budget_weekly=Decimal("40.00"),
        )
        html = client_for(manager).get(QUEUE).text
        assert "Social-work resources" in html
        assert "Over budget" not in html.split("Decided recently")[0].split("<tbody")[1]

    def test_it_leaves_out_other_teams_and_organisations(
        self, client_for, org, worker, manager, other_org_worker
    ):
        south = testing.make_team(org)
        waiting_decision(testing.make_person(org, south, given_name="Southie"), worker)
        other_org = other_org_worker.organisation
        elsewhere = testing.make_person(other_org, other_org_worker.teams.get(), given_name="Hilly")
        waiting_decision(elsewhere, other_org_worker)
        html = client_for(manager).get(QUEUE).text
        assert "Nothing is waiting for your decision" in html
        assert "Southie" not in html and "Hilly" not in html

    def test_it_lists_the_decided_recently_apart(self, client_for, manager, decision):
        decide(decision, manager, "changes", "Try a day centre")
        html = client_for(manager).get(QUEUE).text
        assert "Nothing is waiting for your decision" in html
        recent = html.split("Decided recently")[-1]
        assert "Changes asked for" in recent and "Morgan Manager" in recent

    def test_it_pages_a_long_queue(self, client_for, org, team, worker, manager):
        made = [
            waiting_decision(testing.make_person(org, team, given_name=f"P{n:02d}"), worker)
            for n in range(26)
        ]
        client = client_for(manager)
        first = client.get(QUEUE).text
        assert 'class="govuk-pagination"' in first
        assert "Waiting for a decision (26)" in first
        assert decide_url(made[0]) in first and decide_url(made[-1]) not in first
        second = client.get(QUEUE, {"page": "2"}).text
        assert decide_url(made[-1]) in second and decide_url(made[0]) not in second
        assert client.get(QUEUE, {"page": "lots"}).status_code == 200

    def test_it_audits_which_requests_it_showed(self, client_for, manager, decision):
        client_for(manager).get(QUEUE)
        event = AuditEvent.objects.get(action=AuditAction.DECISION_QUEUE_VIEW)
        assert (event.actor, event.detail) == (manager, {"decisions": [decision.pk]})

    @pytest.mark.parametrize(
        "role", [Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.ADMINISTRATOR]
    )
    def test_it_forbids_everyone_but_a_team_manager(self, client_for, org, team, role):
        user = testing.make_user(org, role=role, teams=(team,))
        assert client_for(user).get(QUEUE).status_code == 403
        assert not AuditEvent.objects.filter(action=AuditAction.DECISION_QUEUE_VIEW).exists()

    def test_it_forbids_the_person_and_their_carer(self, client_for, person_user, carer_user):
        for user in (person_user, carer_user):
            assert client_for(user).get(QUEUE).status_code == 403

    @pytest.mark.parametrize("size", [1, 50])
    def test_its_query_count_does_not_grow(
        self, client_for, org, team, worker, manager, django_assert_num_queries, size
    ):
        second_manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        workers = [worker, testing.make_worker(org, team)]
        for n in range(size):
            person = testing.make_person(org, team)
            waiting_decision(person, workers[n % 2], social_work=bool(n % 3))
            decided = waiting_decision(testing.make_person(org, team), workers[n % 2])
            decide_directly(decided, [manager, second_manager][n % 2], n)
        client = client_for(manager)
        client.get(QUEUE)  # the session and the user, loaded once
        # session, user, navigation count, paginator count, page, decided recently, audit row
        with django_assert_num_queries(QUEUE_QUERIES):
            response = client.get(QUEUE)
        shown = min(size, 25) + min(size, 20) + 2  # a page, the last 20, two header rows
        assert response.text.count("govuk-table__row") == shown


QUEUE_QUERIES = 7


def decide_directly(decision: BudgetDecision, manager, n: int) -> None:
    status = [Status.APPROVED, Status.DECLINED, Status.CHANGES, Status.WITHDRAWN][n % 4]
    BudgetDecision.objects.filter(pk=decision.pk).update(
        status=status,
        decided_by=None if status == Status.WITHDRAWN else manager,
        decided_at=timezone.now(),
        decision_reason="Because",
    )


class TestTheNavigation:
    def test_it_shows_a_manager_the_decisions_waiting(self, client_for, manager, decision):
        html = client_for(manager).get(reverse("people:list")).text
        assert f'href="{QUEUE}"' in html
        assert "Decisions (1)" in html

    def test_it_shows_no_count_when_nothing_waits(self, client_for, manager):
        html = client_for(manager).get(reverse("people:list")).text
        assert f'href="{QUEUE}"' in html and "Decisions (" not in html

    def test_it_has_no_link_for_a_worker(self, client_for, worker):
        assert QUEUE not in client_for(worker).get(reverse("people:list")).text


class TestDeciding:
    def test_it_shows_what_was_asked_the_figures_and_the_costs(
        self, client_for, manager, plan, decision
    ):
        response = client_for(manager).get(decide_url(decision))
        assert response.status_code == 200
        html = response.text
        assert "Two carers are needed for every visit" in html
        assert "Home care visits" in html  # the cost line
        assert "£25.00 per hour" in html
        assert "£50.00" in html  # over by
        assert reverse("plans:detail", args=[plan.pk]) in html
        assert reverse("documents:plan", args=[plan.pk]) in html
        assert "What is your decision?" in html
        assert 'data-testid="cost-risen"' not in html

    def test_it_audits_reading_the_request_with_the_plan(self, client_for, manager, plan, decision):
        client_for(manager).get(decide_url(decision))
        event = AuditEvent.objects.get(action=AuditAction.DECISION_VIEW)
        assert (event.actor, event.plan, event.detail) == (manager, plan, {"page": "decide"})

    def test_it_records_an_approval_and_the_plan_can_be_sent(
        self, client_for, worker, manager, plan, decision
    ):
        response = client_for(manager).post(
            decide_url(decision), {"status": "approved", "decision_reason": "Agreed at panel"}
        )
        assert response["Location"] == QUEUE
        decision.refresh_from_db()
        assert (decision.status, decision.decided_by) == (Status.APPROVED, manager)
        assert decision.decision_reason == "Agreed at panel"
        event = AuditEvent.objects.get(action=AuditAction.DECISION_DECIDE)
        assert event.detail["status"] == "approved" and event.plan == plan
        assert plan_send_for_agreement(plan=fresh(plan), actor=worker).status == "ready"

    def test_it_asks_for_a_decision_and_a_reason(self, client_for, manager, decision):
        response = client_for(manager).post(decide_url(decision), {})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.text
        assert "Select your decision" in response.text
        assert "Enter the reason for your decision" in response.text
        assert BudgetDecision.objects.get().status == Status.WAITING

    @pytest.mark.parametrize("status", ["maybe", "waiting", "withdrawn"])
    def test_it_refuses_an_unknown_decision_and_keeps_the_reason(
        self, client_for, manager, decision, status
    ):
        response = client_for(manager).post(
            decide_url(decision), {"status": status, "decision_reason": "Typed with care"}
        )
        assert response.status_code == 200
        assert "Select approve, ask for changes or decline" in response.text
        assert "Typed with care" in response.text
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_refuses_a_reason_too_long_and_keeps_it(self, client_for, manager, decision):
        typed = "A long reason. " * 400
        response = client_for(manager).post(
            decide_url(decision), {"status": "declined", "decision_reason": typed}
        )
        assert "The reason for your decision must be 5,000 characters or fewer" in response.text
        assert typed.strip() in response.text

    def test_a_second_manager_is_told_it_was_decided(
        self, client_for, org, team, manager, decision
    ):
        second = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        page_opened = client_for(second).get(decide_url(decision))
        assert "What is your decision?" in page_opened.text

        decide(decision, manager, "approved", "Fine")
        response = client_for(second).post(
            decide_url(decision), {"status": "declined", "decision_reason": "No"}
        )
        assert response.status_code == 200
        assert "Morgan Manager has already decided on this request: approved." in response.text
        assert "What is your decision?" not in response.text
        decision.refresh_from_db()
        assert (decision.status, decision.decided_by) == (Status.APPROVED, manager)

    def test_it_warns_when_the_cost_rose_since_it_was_asked(
        self, client_for, worker, manager, plan, decision
    ):
        add_paid_support(fresh(plan), worker, hours="2", description="A weekly swim")
        html = client_for(manager).get(decide_url(decision)).text
        assert 'data-testid="cost-risen"' in html
        assert "It now costs £300.00 a week from the personal budget; it was £250.00." in html
        assert "A weekly swim" in html

    def test_it_shows_a_decided_request_without_the_form(self, client_for, manager, decision):
        decide(decision, manager, "declined", "Too much")
        html = client_for(manager).get(decide_url(decision)).text
        assert "Declined" in html and "Too much" in html
        assert "What is your decision?" not in html

    def test_it_forbids_a_worker(self, client_for, worker, decision):
        client = client_for(worker)
        assert client.get(decide_url(decision)).status_code == 403
        assert (
            client.post(decide_url(decision), {"status": "approved", "decision_reason": "Me"})
        ).status_code == 403
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_forbids_the_person_their_carer_and_provider(
        self, client_for, person, person_user, carer_user, decision
    ):
        for user in (person_user, carer_user, provider_user(person)):
            response = client_for(user).post(
                decide_url(decision), {"status": "approved", "decision_reason": "Me"}
            )
            assert response.status_code == 403
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_hides_the_request_from_a_manager_of_another_team(self, client_for, org, decision):
        client = client_for(other_team_manager(org))
        assert client.get(decide_url(decision)).status_code == 404
        assert (
            client.post(decide_url(decision), {"status": "approved", "decision_reason": "Me"})
        ).status_code == 404
        assert BudgetDecision.objects.get().status == Status.WAITING

    def test_it_hides_the_request_from_another_organisation(self, client_for, decision):
        other = testing.make_organisation()
        manager = testing.make_worker(other, testing.make_team(other), role=Role.TEAM_MANAGER)
        assert client_for(manager).get(decide_url(decision)).status_code == 404

    @pytest.mark.parametrize("pk", ["0", "999999", str(2**70)])
    def test_it_answers_404_for_ids_that_are_not_requests(self, client_for, manager, pk):
        assert client_for(manager).get(f"/budgets/decisions/{pk}/").status_code == 404

    def test_it_refuses_a_request_on_a_plan_no_longer_written(
        self, client_for, worker, manager, decision
    ):
        Plan.objects.filter(pk=decision.plan_id).update(status=Plan.Status.ENDED)
        html = client_for(manager).get(decide_url(decision)).text
        assert "no longer being written" in html
        assert "What is your decision?" not in html
        assert "Nothing is waiting" in client_for(manager).get(QUEUE).text

"""Acceptance (P8): asking for a manager's decision five times at once asks once, and two team
managers deciding the same request at the same moment record one decision – never an error page.
A real web server serves the test database, as in test_simultaneous_submits.py."""

import threading

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.budgets.tests.decision_builders import ask, build_over_budget_plan
from tests import processes
from tests.test_simultaneous_submits import TIMES, Browser

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def server(django_db_setup):
    with processes.web_server(processes.environment()) as address:
        yield address


@pytest.fixture
def cast():
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    managers = [testing.make_worker(org, team, role=Role.TEAM_MANAGER) for _ in range(2)]
    person = testing.make_person(org, team, allocated_worker=worker)
    return worker, managers, build_over_budget_plan(person=person, actor=worker)


def test_asking_at_once_asks_once(server, cast):
    worker, _managers, plan = cast
    browser = Browser(server, worker)
    path = reverse("budgets:ask", args=[plan.pk])
    form = browser.open_form(path)
    assert form["submission_key"]

    responses = browser.submit_at_once(path, {**form, "reason": "Two carers for every visit"})

    costs = reverse("plans:section", args=[plan.pk, "costs"])
    assert [(r.status, r.location) for r in responses] == [(302, costs)] * TIMES
    assert BudgetDecision.objects.get().reason == "Two carers for every visit"
    assert AuditEvent.objects.filter(action="budgets.decision.ask").count() == 1


def test_two_managers_deciding_at_once_record_one_decision(server, cast):
    worker, managers, plan = cast
    decision = ask(plan, worker)
    path = reverse("budgets:decide", args=[decision.pk])
    browsers = [Browser(server, manager) for manager in managers]
    forms = [browser.open_form(path) for browser in browsers]

    start = threading.Barrier(2)
    responses = []

    def send(browser, form, status):
        start.wait()
        responses.append(
            browser.request("POST", path, {**form, "status": status, "decision_reason": status})
        )

    threads = [
        threading.Thread(target=send, args=(browser, form, status))
        for browser, form, status in zip(browsers, forms, ["approved", "declined"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status == 200)
    assert "has already decided on this request" in refused.text
    decision.refresh_from_db()
    assert decision.status in {"approved", "declined"}
    assert decision.decision_reason == decision.status
    assert AuditEvent.objects.filter(action="budgets.decision.decide").count() == 1

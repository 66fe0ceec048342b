"""The plan's money where the worker and the person read it: the costs section, check your
answers and the document – the same figures, in a fixed number of queries however many lines."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem import testing
from tandem.budgets.models import BudgetDecision, IndicativeBudget, Service
from tandem.plans.services import plan_item_create
from tandem.plans.tests.helpers import add_item


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def costed_plan(person, worker, lines: int):
    plan = testing.make_plan(person, worker)
    service = Service.objects.create(organisation=plan.organisation, name="Home care", unit="hour")
    IndicativeBudget.objects.create(
        organisation=plan.organisation,
        person=person,
        source="outside",
        weekly_amount=Decimal("100.00"),
        source_details="Funding panel",
        set_on=datetime.date(2026, 1, 5),
        completed_by=worker,
    )
    for n in range(lines):
        outcome = add_item(plan, "outcome", worker, words=f"Outcome {n}")
        action = add_item(
            plan,
            "action",
            worker,
            outcome=outcome,
            description=f"Visit {n}",
            funded_by="personal_budget",
        )
        plan_item_create(
            plan=plan,
            kind="cost",
            data={
                "description": f"Visit {n}",
                "for_kind": "action",
                "for_uid": action.uid,
                "service": service,
                "service_name": "Home care",
                "unit": "hour",
                "unit_cost": Decimal("10.00"),
                "quantity": Decimal("10.00"),
                "times": 1,
                "period": "week",
                "payer": "council_managed",
            },
            actor=worker,
        )
    BudgetDecision.objects.create(
        organisation=plan.organisation,
        plan=plan,
        over_budget=True,
        reason="Needs two carers",
        budget_weekly=Decimal("100.00") * lines,
        total_weekly=Decimal("100.00") * lines,
        one_off_total=Decimal("0"),
        requested_by=worker,
    )
    return plan


@pytest.mark.parametrize("lines", [1, 50])
def test_the_costs_section_keeps_its_queries_however_many_lines(
    client_for, person, worker, django_assert_num_queries, lines
):
    plan = costed_plan(person, worker, lines)
    client = client_for(worker)
    url = reverse("plans:section", args=[plan.pk, "costs"])
    client.get(url)
    with django_assert_num_queries(COSTS_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert f"Visit {lines - 1}" in response.content.decode()


# +2 from reviews: its GAS levels (one query per kind) and its snapshot key "review".
COSTS_PAGE_QUERIES = 21


def test_it_shows_a_whole_quantity_as_a_number_people_read(client_for, person, worker):
    plan = costed_plan(person, worker, 1)
    text = text_of(client_for(worker).get(reverse("plans:section", args=[plan.pk, "costs"])))
    assert "10 × £10.00 per hour, once a week" in text
    assert "1E+1" not in text


def test_check_your_answers_shows_whether_the_plan_is_within_budget(client_for, person, worker):
    plan = costed_plan(person, worker, 2)
    text = text_of(client_for(worker).get(reverse("plans:check", args=[plan.pk])))

    assert "Within budget?" in text
    assert "£200.00 a week (£10,400.00 a year)" in text  # 2 × 10 hours × £10
    assert "£100.00 a week more than the indicative budget" in text
    assert "Waiting for a decision" in text


def test_the_document_shows_the_person_the_breakdown_and_the_decision(
    client_for, person, person_user, worker
):
    plan = costed_plan(person, worker, 2)
    response = client_for(person_user).get(reverse("documents:plan", args=[plan.pk]))
    text = text_of(response)

    assert "What the support costs, and who pays" in text
    assert "Visit 0" in text and "Visit 1" in text
    assert "Total £200.00 £10,400.00 £0.00" in text
    assert "Indicative personal budget £100.00 a week (£5,200.00 a year)" in text
    assert "Over budget" in text and "Needs two carers" in text


def test_a_copy_sent_before_plans_were_costed_shows_no_budget_it_never_had(
    client_for, person, worker
):
    from tandem.documents.tests.builders import build_agreed_plan
    from tandem.plans.models import PlanIssue

    plan, issue = build_agreed_plan(person=person, actor=worker)
    old = dict(issue.snapshot, schema=3)
    for key in ("costs", "resources", "tradeoffs", "costing"):
        old.pop(key)
    PlanIssue.objects.filter(pk=issue.pk).update(snapshot=old)

    response = client_for(worker).get(reverse("documents:issue", args=[plan.pk, issue.number]))
    text = text_of(response)
    assert response.status_code == 200
    assert "No costs have been recorded." in text
    assert "Within budget?" not in text
    assert "No indicative personal budget" not in text

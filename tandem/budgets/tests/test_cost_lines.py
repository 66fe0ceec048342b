"""Costing an action on the plan (P5, P8): from the catalogue or at its own price with a reason,
who pays, and what the plan then shows – with bad input refused clearly and kept."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem import testing
from tandem.budgets.models import CostLine, IndicativeBudget, Service, ServiceRate
from tandem.documents.tests.builders import agree, build_plan
from tandem.plans.models import PlanIssue
from tandem.plans.services import plan_item_create
from tandem.plans.tests.helpers import add_item

TODAY = datetime.date.today()


@pytest.fixture
def plan(person, worker):
    plan = testing.make_plan(person, worker)
    outcome = add_item(plan, "outcome", worker)
    add_item(plan, "indicator", worker, outcome=outcome)
    plan.action = add_item(
        plan,
        "action",
        worker,
        outcome=outcome,
        description="Morning visits",
        funded_by="personal_budget",
    )
    return plan


@pytest.fixture
def home_care(org):
    service = Service.objects.create(organisation=org, name="Home care", unit="hour")
    ServiceRate.objects.create(
        service=service, unit_cost=Decimal("22.00"), effective_from=TODAY.replace(year=2020)
    )
    ServiceRate.objects.create(service=service, unit_cost=Decimal("24.50"), effective_from=TODAY)
    ServiceRate.objects.create(
        service=service,
        unit_cost=Decimal("26.00"),
        effective_from=TODAY + datetime.timedelta(days=30),
    )
    return service


def add_url(plan):
    return reverse("plans:item_add", args=[plan.pk, "cost"])


def cost_post(plan, **overrides):
    return {
        "description": "Help to wash and dress",
        "pays_for": f"action:{plan.action.uid}",
        "service": "",
        "unit_cost": "",
        "unit": "",
        "own_price_reason": "",
        "quantity": "1.5",
        "times": "7",
        "period": "week",
        "payer": "council_managed",
        "funding_stream": "",
        "managed_by": "",
        "revision": "0",
        **overrides,
    }


def test_it_costs_an_action_at_todays_catalogue_price(client_for, worker, plan, home_care):
    response = client_for(worker).post(add_url(plan), cost_post(plan, service=home_care.pk))

    assert response.status_code == 302
    line = CostLine.objects.get(plan=plan)
    assert (line.service_name, line.unit, line.unit_cost) == ("Home care", "hour", Decimal("24.50"))
    assert (line.for_kind, line.for_uid) == ("action", plan.action.uid)
    assert line.own_price_reason == ""
    section = client_for(worker).get(reverse("plans:section", args=[plan.pk, "costs"]))
    text = re.sub(r"\s+", " ", section.content.decode())
    assert "1.5 × £24.50 per hour, 7 times a week" in text
    assert "£257.25" in text  # 1.5 × £24.50 × 7 a week
    assert "£13,377.00" in text  # × 52


def test_it_asks_why_a_price_differs_from_the_catalogue(client_for, worker, plan, home_care):
    response = client_for(worker).post(
        add_url(plan), cost_post(plan, service=home_care.pk, unit_cost="30.00")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Say why this price is different from the list’s (£24.50)" in html
    assert 'value="30.00"' in html and 'value="Help to wash and dress"' in html
    assert not CostLine.objects.exists()


def test_it_takes_its_own_price_with_a_reason(client_for, worker, plan):
    response = client_for(worker).post(
        add_url(plan),
        cost_post(
            plan,
            unit_cost="16.75",
            unit="hour",
            own_price_reason="Employs her own assistant",
            payer="direct_payment",
        ),
    )

    assert response.status_code == 302
    line = CostLine.objects.get(plan=plan)
    assert (line.unit_cost, line.service_id, line.payer) == (
        Decimal("16.75"),
        None,
        "direct_payment",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"unit_cost": "-5", "unit": "hour", "own_price_reason": "x"},
            "The unit cost must be more than £0",
        ),
        (
            {"unit_cost": "15000", "unit": "hour", "own_price_reason": "x"},
            "The unit cost must be £10,000.00 or less",
        ),
        (
            {"unit_cost": "ten", "unit": "hour", "own_price_reason": "x"},
            "The unit cost must be an amount in pounds, like 125.50",
        ),
        (
            {"unit_cost": "12.345", "unit": "hour", "own_price_reason": "x"},
            "The unit cost must be in pounds and pence, like 125.50",
        ),
        (
            {"unit_cost": "", "unit": "hour", "own_price_reason": "x"},
            "Enter the unit cost, or choose a service from the list",
        ),
        ({"unit_cost": "12", "unit": "hour"}, "Say why it is not a service from the list"),
        ({"unit_cost": "12", "own_price_reason": "x"}, "Select how it is charged"),
        ({"times": "0"}, "How many times must be 1 or more"),
        ({"times": "1000"}, "How many times must be 100 or less"),
        ({"times": "often"}, "How many times must be a whole number, like 7"),
        ({"quantity": "0"}, "How many units each time must be more than 0"),
        ({"quantity": "500"}, "How many units each time must be 168 or less"),
        ({"period": "fortnight"}, "Select a valid choice"),
        ({"payer": ""}, "Select who pays"),
        ({"payer": "other_funding"}, "Enter which funding stream pays"),
        (
            {"pays_for": "action:00000000-0000-0000-0000-000000000000"},
            "Select an action or support arrangement of this plan",
        ),
        ({"service": "999999"}, "Select a service from your organisation’s list"),
    ],
)
def test_it_refuses_bad_input_clearly_and_keeps_what_was_typed(
    client_for, worker, plan, home_care, overrides, message
):
    data = cost_post(plan, **{"service": home_care.pk, **overrides})
    if "unit" in overrides or "own_price_reason" in overrides:
        data["service"] = ""
    response = client_for(worker).post(add_url(plan), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert 'value="Help to wash and dress"' in html
    assert not CostLine.objects.exists()


def test_it_refuses_another_organisations_service(client_for, worker, plan, other_org_worker):
    theirs = Service.objects.create(
        organisation=other_org_worker.organisation, name="Their care", unit="hour"
    )
    response = client_for(worker).post(add_url(plan), cost_post(plan, service=theirs.pk))

    assert response.status_code == 200
    assert "Select a service from your organisation’s list" in response.content.decode()
    assert not CostLine.objects.exists()


def test_it_shows_a_one_off_cost_apart_from_the_weekly_cost(client_for, worker, plan):
    client = client_for(worker)
    client.post(
        add_url(plan),
        cost_post(
            plan,
            unit_cost="349.99",
            unit="one_off",
            own_price_reason="Quote",
            period="once",
            quantity="1",
            times="1",
        ),
    )
    text = re.sub(
        r"\s+",
        " ",
        client.get(reverse("plans:section", args=[plan.pk, "costs"])).content.decode(),
    )
    assert "1 × £349.99 one-off, once" in text
    assert re.search(r"One-off cost\s*</dt>\s*<dd[^>]*>\s*£349.99", text)
    assert "Cost a week" not in text  # nothing spread over weeks


def test_it_says_a_one_off_happens_once(client_for, worker, plan):
    response = client_for(worker).post(
        add_url(plan),
        cost_post(plan, unit_cost="350", unit="one_off", own_price_reason="Quote", period="week"),
    )
    assert "A one-off cost happens once: select ‘once only’" in response.content.decode()


@pytest.fixture
def costed_agreed(person, worker, home_care):
    """An agreed plan with a line costed from the catalogue at £24.50 an hour, and its copy."""
    plan = build_plan(person=person, actor=worker)
    plan_item_create(
        plan=plan,
        kind="cost",
        data={
            "description": "Evening visits",
            "service": home_care,
            "service_name": home_care.name,
            "unit": "hour",
            "unit_cost": Decimal("24.50"),
            "quantity": Decimal("0.5"),
            "times": 2,
            "period": "week",
            "payer": "own_money",
        },
        actor=worker,
    )
    issue = agree(plan, person=person, actor=worker)
    return plan, issue


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(new_price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2))
def test_changing_the_catalogue_never_changes_a_plan_or_a_copy_sent(
    client_for, worker, home_care, costed_agreed, new_price
):
    plan, issue = costed_agreed
    snapshot_before = PlanIssue.objects.get(pk=issue.pk).snapshot

    ServiceRate.objects.filter(service=home_care).update(unit_cost=new_price)
    home_care.name = f"Home care at {new_price}"
    home_care.save()

    line = CostLine.objects.get(plan=plan, description="Evening visits")
    assert (line.unit_cost, line.service_name) == (Decimal("24.50"), "Home care")
    assert PlanIssue.objects.get(pk=issue.pk).snapshot == snapshot_before
    document = client_for(worker).get(reverse("documents:issue", args=[plan.pk, issue.number]))
    text = document.content.decode()
    assert "£24.50 per hour" in text and "Evening visits" in text


def test_the_plan_shows_what_is_paid_from_the_budget_against_the_indicative_budget(
    client_for, worker, plan
):
    IndicativeBudget.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        source="outside",
        weekly_amount=Decimal("200.00"),
        source_details="Funding panel",
        set_on=TODAY,
        completed_by=worker,
    )
    client = client_for(worker)
    client.post(
        add_url(plan),
        cost_post(plan, unit_cost="30.00", unit="hour", own_price_reason="Specialist care"),
    )

    html = client.get(reverse("plans:section", args=[plan.pk, "costs"])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "£200.00 a week (£10,400.00 a year)" in text  # indicative
    assert "£315.00 a week (£16,380.00 a year)" in text  # 1.5 × £30 × 7
    assert "Over budget" in text and "£115.00 a week more than the indicative budget" in text
    assert "a team manager must approve it" in text

"""Recording an indicative budget the council set outside Tandem (P8)."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import IndicativeBudget
from tandem.budgets.tests.person_data import (
    errors_of,
    input_value,
    new_key,
    outside_post,
    url,
)


def test_it_records_the_amount_its_source_and_date(client_for, worker, person):
    response = client_for(worker).post(url("set_outside", person), outside_post(), follow=True)
    budget = IndicativeBudget.objects.get()
    assert (budget.source, budget.weekly_amount, budget.source_details, budget.set_on) == (
        IndicativeBudget.Source.OUTSIDE,
        Decimal("245.50"),
        "Panel decision letter",
        datetime.date(2025, 3, 3),
    )
    assert (budget.person, budget.completed_by, budget.scheme) == (person, worker, None)
    assert "The indicative budget of £245.50 a week has been recorded" in response.text
    event = AuditEvent.objects.get(action=AuditAction.INDICATIVE_BUDGET)
    assert (event.actor, event.person) == (worker, person)


@pytest.mark.parametrize(
    ("typed", "stored"), [("£1,234.50", "1234.50"), (" 80 ", "80.00"), ("0.01", "0.01")]
)
def test_it_reads_amounts_as_people_type_them(client_for, worker, person, typed, stored):
    client_for(worker).post(url("set_outside", person), outside_post(weekly_amount=typed))
    assert IndicativeBudget.objects.get().weekly_amount == Decimal(stored)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the indicative budget a week"),
        ("lots", "The indicative budget must be an amount in pounds, like 125.50"),
        ("NaN", "The indicative budget must be an amount in pounds, like 125.50"),
        ("-20", "The indicative budget must be more than £0"),
        ("0", "The indicative budget must be more than £0"),
        ("50000.01", "The indicative budget must be £50,000.00 or less"),
        ("99999999999999", "The indicative budget must be £50,000.00 or less"),
        ("12.345", "The indicative budget must be in pounds and pence, like 125.50"),
    ],
)
def test_it_refuses_an_amount_with_a_clear_message_and_keeps_it(
    client_for, worker, person, typed, message
):
    response = client_for(worker).post(
        url("set_outside", person), outside_post(weekly_amount=typed)
    )
    assert response.status_code == 200
    assert errors_of(response.text) == [message]
    assert (input_value(response.text, "weekly_amount") or "") == typed
    assert input_value(response.text, "source_details") == "Panel decision letter"
    assert not IndicativeBudget.objects.exists()


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
def test_it_refuses_a_date_in_the_future(client_for, worker, person):
    data = outside_post(set_on_day="2", set_on_month="6", set_on_year="2025")
    response = client_for(worker).post(url("set_outside", person), data)
    assert errors_of(response.text) == ["The date the budget was set must be today or in the past"]
    assert input_value(response.text, "set_on_day") == "2"
    assert not IndicativeBudget.objects.exists()


def test_it_asks_where_the_figure_comes_from_and_when(client_for, worker, person):
    data = outside_post(source_details="  ", set_on_day="", set_on_month="", set_on_year="")
    response = client_for(worker).post(url("set_outside", person), data)
    assert errors_of(response.text) == [
        "Enter where the figure comes from",
        "Enter the date the budget was set",
    ]


def test_it_refuses_an_impossible_date_and_overlong_source(client_for, worker, person):
    data = outside_post(source_details="x" * 501, set_on_day="31", set_on_month="2")
    response = client_for(worker).post(url("set_outside", person), data)
    assert errors_of(response.text) == [
        "Where the figure comes from must be 500 characters or less",
        "The date the budget was set must be a real date",
    ]


def test_the_same_form_sent_twice_records_one_budget(client_for, worker, person):
    client, data = client_for(worker), outside_post(submission_key=new_key())
    assert client.post(url("set_outside", person), data).status_code == 302
    assert client.post(url("set_outside", person), data).status_code == 302
    assert IndicativeBudget.objects.count() == 1

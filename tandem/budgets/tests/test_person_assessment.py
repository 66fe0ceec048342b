"""Recording a person's financial assessment (P7): a new record each time, the earlier ones
kept."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import FinancialAssessment
from tandem.budgets.tests.person_data import (
    assessment_post,
    errors_of,
    input_value,
    make_assessment,
    url,
)


def test_it_records_a_done_assessment(client_for, worker, person):
    data = assessment_post(notes="Pension and savings")
    response = client_for(worker).post(url("assessment", person), data, follow=True)
    assessment = FinancialAssessment.objects.get()
    assert (
        assessment.status,
        assessment.assessed_on,
        assessment.weekly_contribution,
        assessment.notes,
        assessment.recorded_by,
    ) == ("done", datetime.date(2025, 2, 10), Decimal("35.00"), "Pension and savings", worker)
    assert "The financial assessment has been recorded" in response.text
    event = AuditEvent.objects.get(action=AuditAction.FINANCIAL_ASSESSMENT)
    assert (event.actor, event.person) == (worker, person)


def test_it_keeps_the_earlier_records(client_for, worker, person):
    earlier = make_assessment(person, worker, status="in_progress", weekly_contribution=None)
    client_for(worker).post(url("assessment", person), assessment_post())
    assert FinancialAssessment.objects.count() == 2
    assert FinancialAssessment.objects.get(pk=earlier.pk).status == "in_progress"


@pytest.mark.parametrize("status", ["not_done", "in_progress", "declined"])
def test_an_assessment_not_done_needs_no_date_and_has_no_contribution(
    client_for, worker, person, status
):
    data = assessment_post(
        status=status, assessed_on_day="", assessed_on_month="", assessed_on_year=""
    )
    assert client_for(worker).post(url("assessment", person), data).status_code == 302
    assessment = FinancialAssessment.objects.get()
    assert (assessment.status, assessment.assessed_on, assessment.weekly_contribution) == (
        status,
        None,
        None,
    )


def test_a_done_assessment_needs_its_date_and_contribution(client_for, worker, person):
    data = assessment_post(
        assessed_on_day="", assessed_on_month="", assessed_on_year="", weekly_contribution=""
    )
    response = client_for(worker).post(url("assessment", person), data)
    assert errors_of(response.text) == [
        "Enter the date of the assessment",
        "Enter the assessed weekly contribution, or 0 if they pay nothing",
    ]
    assert not FinancialAssessment.objects.exists()


def test_a_contribution_of_nothing_is_an_answer(client_for, worker, person):
    client_for(worker).post(url("assessment", person), assessment_post(weekly_contribution="0"))
    assert FinancialAssessment.objects.get().weekly_contribution == Decimal("0.00")


def test_it_asks_whether_it_was_done(client_for, worker, person):
    for status in ("", "maybe"):
        response = client_for(worker).post(
            url("assessment", person), assessment_post(status=status)
        )
        assert errors_of(response.text) == ["Select whether the financial assessment has been done"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "The weekly contribution must be an amount in pounds, like 125.50"),
        ("-5", "The weekly contribution must be £0 or more"),
        ("60000", "The weekly contribution must be £50,000.00 or less"),
        ("1e400", "The weekly contribution must be £50,000.00 or less"),
    ],
)
def test_it_refuses_a_contribution_with_a_clear_message_and_keeps_it(
    client_for, worker, person, typed, message
):
    data = assessment_post(weekly_contribution=typed, notes="Keep me")
    response = client_for(worker).post(url("assessment", person), data)
    assert response.status_code == 200
    assert errors_of(response.text) == [message]
    assert input_value(response.text, "weekly_contribution") == typed
    assert input_value(response.text, "notes") == "Keep me"
    assert not FinancialAssessment.objects.exists()


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
def test_it_refuses_a_date_in_the_future(client_for, worker, person):
    data = assessment_post(assessed_on_day="1", assessed_on_month="7", assessed_on_year="2025")
    response = client_for(worker).post(url("assessment", person), data)
    assert errors_of(response.text) == ["The date of the assessment must be today or in the past"]
    assert not FinancialAssessment.objects.exists()


def test_it_records_the_same_form_sent_twice_once(client_for, worker, person):
    key = "3f2b8e0e-5a51-4a43-9c55-1d5f0f6c2b71"
    client = client_for(worker)
    first = client.post(url("assessment", person), assessment_post(submission_key=key))
    second = client.post(url("assessment", person), assessment_post(submission_key=key))

    assert (first.status_code, second.status_code) == (302, 302)
    assert FinancialAssessment.objects.count() == 1
    client.post(
        url("assessment", person),
        assessment_post(submission_key="9a1f6a52-0a4e-4c43-8d0e-0b7f6c1c2d33"),
    )
    assert FinancialAssessment.objects.count() == 2  # a new form is a new record

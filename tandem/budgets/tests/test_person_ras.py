"""Working out a person's indicative budget with the organisation's scheme in use (P8)."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import IndicativeBudget, RasScheme
from tandem.budgets.tests.person_data import (
    adjustment,
    answer,
    checked_values,
    errors_of,
    make_scheme,
    new_key,
    ras_post,
    url,
)

ANSWERS = {1: "Every day", 2: "Some help"}  # 25 + 8 = 33 points


@pytest.fixture
def scheme(org, manager):
    return make_scheme(org, manager)


class TestTheForm:
    def test_it_asks_each_question_with_its_answers_points_and_hint(
        self, client_for, worker, person, scheme
    ):
        html = client_for(worker).get(url("ras", person)).text
        assert "Riverside RAS (version 1)" in html
        assert "How much help do you need with washing and dressing?" in html
        assert "Think about a usual week." in html
        assert "25 points" in html
        assert "A carer gives regular support" in html
        assert "Takes £40.00 a week off" in html
        assert "Adds £15.00 a week" in html
        assert "Did you complete this with the person?" in html
        assert html.count('type="radio"') == 3 + 3 + 2

    def test_it_says_when_no_scheme_is_in_use_and_offers_the_council_figure(
        self, client_for, worker, person, org, manager
    ):
        make_scheme(org, manager, status=RasScheme.Status.DRAFT)
        client = client_for(worker)
        for response in (client.get(url("ras", person)), client.post(url("ras", person), {})):
            assert response.status_code == 200
            assert "has not set up a resource allocation scheme" in response.text
            assert url("set_outside", person) in response.text
        assert not IndicativeBudget.objects.exists()

    def test_it_says_when_the_scheme_in_use_has_no_questions(
        self, client_for, worker, person, org, manager
    ):
        make_scheme(org, manager, questions=())
        response = client_for(worker).get(url("ras", person))
        assert "has no questions yet" in response.text

    def test_it_uses_the_latest_published_version_not_a_draft_or_another_organisations(
        self, client_for, worker, person, org, manager, other_org_worker
    ):
        make_scheme(org, manager, version=1, status=RasScheme.Status.RETIRED, name="Old")
        make_scheme(org, manager, version=2, name="Current")
        make_scheme(org, manager, version=3, status=RasScheme.Status.DRAFT, name="Next")
        make_scheme(other_org_worker.organisation, other_org_worker, name="Hillside")
        html = client_for(worker).get(url("ras", person)).text
        assert "Current (version 2)" in html
        assert "Old" not in html and "Next" not in html and "Hillside" not in html


class TestWorkingItOut:
    def test_it_stores_the_result_with_what_the_scheme_said(
        self, client_for, worker, person, scheme
    ):
        carer = adjustment(scheme, "A carer gives regular support")
        data = ras_post(scheme, ANSWERS, adjustments=[str(carer.pk)], with_person="yes")
        response = client_for(worker).post(url("ras", person), data, follow=True)

        budget = IndicativeBudget.objects.get()
        assert (budget.person, budget.source, budget.completed_by) == (
            person,
            IndicativeBudget.Source.RAS,
            worker,
        )
        assert (budget.scheme, budget.scheme_name, budget.scheme_version) == (
            scheme,
            "Riverside RAS",
            1,
        )
        assert budget.answers == [
            {
                "question": "How much help do you need with washing and dressing?",
                "answer": "Every day",
                "points": 25,
            },
            {
                "question": "How much help do you need to get out and about?",
                "answer": "Some help",
                "points": 8,
            },
        ]
        assert budget.adjustments == [
            {"label": "A carer gives regular support", "weekly_amount": "-40.00"}
        ]
        assert budget.points == 33
        assert budget.price_per_point == Decimal("10.00")
        assert budget.calculated_amount == Decimal("290.00")
        assert budget.weekly_amount == Decimal("290.00")
        assert budget.set_on == timezone.localdate()
        assert budget.completed_with_person is True
        assert "The indicative budget is £290.00 a week (£15,080.00 a year)" in response.text
        event = AuditEvent.objects.get(action=AuditAction.INDICATIVE_BUDGET)
        assert (event.actor, event.person) == (worker, person)

    @pytest.mark.parametrize(
        ("minimum", "maximum", "answers", "calculated", "weekly"),
        [
            ("100.00", None, {1: "None", 2: "None"}, "0.00", "100.00"),
            (None, "200.00", ANSWERS, "330.00", "200.00"),
            (None, None, {1: "None", 2: "None"}, "0.00", "0.00"),
        ],
    )
    def test_it_keeps_the_amount_within_the_schemes_minimum_and_maximum(
        self,
        client_for,
        worker,
        person,
        org,
        manager,
        minimum,
        maximum,
        answers,
        calculated,
        weekly,
    ):
        scheme = make_scheme(org, manager, minimum=minimum, maximum=maximum)
        client_for(worker).post(url("ras", person), ras_post(scheme, answers, with_person="no"))
        budget = IndicativeBudget.objects.get()
        assert (budget.calculated_amount, budget.weekly_amount) == (
            Decimal(calculated),
            Decimal(weekly),
        )
        assert budget.completed_with_person is False

    def test_it_never_gives_less_than_nothing(self, client_for, worker, person, scheme):
        carer = adjustment(scheme, "A carer gives regular support")
        data = ras_post(scheme, {1: "None", 2: "None"}, adjustments=[str(carer.pk)])
        client_for(worker).post(url("ras", person), data)
        budget = IndicativeBudget.objects.get()
        assert (budget.calculated_amount, budget.weekly_amount) == (
            Decimal("-40.00"),
            Decimal("0.00"),
        )

    def test_it_refuses_a_scheme_that_works_out_an_absurd_amount(
        self, client_for, worker, person, org, manager
    ):
        scheme = make_scheme(
            org, manager, price="100.00", questions=(("Needs?", "", (("All", 1000),)),)
        )
        response = client_for(worker).post(url("ras", person), ras_post(scheme, {1: "All"}))
        assert errors_of(response.text) == [
            "The scheme works out £100,000.00 a week, more than the £50,000.00 a budget can be: "
            "ask your administrator to check the scheme"
        ]
        assert not IndicativeBudget.objects.exists()

    def test_the_same_form_sent_twice_stores_one_result(self, client_for, worker, person, scheme):
        client = client_for(worker)
        data = ras_post(scheme, ANSWERS, submission_key=new_key())
        first, second = client.post(url("ras", person), data), client.post(url("ras", person), data)
        assert first.status_code == second.status_code == 302
        assert IndicativeBudget.objects.count() == 1
        assert AuditEvent.objects.filter(action=AuditAction.INDICATIVE_BUDGET).count() == 1

    def test_a_form_brought_back_and_changed_is_a_new_result(
        self, client_for, worker, person, scheme
    ):
        client, key = client_for(worker), new_key()
        client.post(url("ras", person), ras_post(scheme, ANSWERS, submission_key=key))
        changed = ras_post(scheme, {1: "None", 2: "None"}, submission_key=key)
        client.post(url("ras", person), changed)
        assert IndicativeBudget.objects.count() == 2

    def test_each_form_shown_carries_a_new_key(self, client_for, worker, person, scheme):
        client = client_for(worker)
        pattern = r'name="submission_key" value="([0-9a-f-]{36})"'
        first = re.findall(pattern, client.get(url("ras", person)).text)
        second = re.findall(pattern, client.get(url("ras", person)).text)
        assert len(first) == len(second) == 1 and first != second


class TestBadAnswers:
    def test_it_asks_for_every_answer_and_keeps_those_given(
        self, client_for, worker, person, scheme
    ):
        data = ras_post(scheme, {1: "Every day"})
        del data["with_person"]
        response = client_for(worker).post(url("ras", person), data)
        assert response.status_code == 200
        assert errors_of(response.text) == [
            "Select an answer to question 2",
            "Select yes if you completed this with the person",
        ]
        question, chosen = answer(scheme, 1, "Every day")
        assert checked_values(response.text, f"answer_{question.pk}") == [str(chosen.pk)]
        assert not IndicativeBudget.objects.exists()

    @pytest.mark.parametrize("value", ["999999", "abc", "-1", "9" * 30, ""])
    def test_it_refuses_an_unknown_answer_with_a_message(
        self, client_for, worker, person, scheme, value
    ):
        data = ras_post(scheme, ANSWERS)
        question, _chosen = answer(scheme, 1, "Every day")
        data[f"answer_{question.pk}"] = value
        response = client_for(worker).post(url("ras", person), data)
        assert response.status_code == 200
        expected = (
            "Select an answer to question 1"
            if value == ""
            else "Select one of the answers given for question 1"
        )
        assert errors_of(response.text) == [expected]
        assert not IndicativeBudget.objects.exists()

    def test_it_refuses_the_answer_of_another_question(self, client_for, worker, person, scheme):
        data = ras_post(scheme, ANSWERS)
        first, _chosen = answer(scheme, 1, "Every day")
        _second, of_question_two = answer(scheme, 2, "A lot of help")
        data[f"answer_{first.pk}"] = str(of_question_two.pk)
        response = client_for(worker).post(url("ras", person), data)
        assert errors_of(response.text) == ["Select one of the answers given for question 1"]
        assert not IndicativeBudget.objects.exists()

    def test_it_refuses_an_answer_of_another_organisations_scheme(
        self, client_for, worker, person, scheme, other_org_worker
    ):
        theirs = make_scheme(other_org_worker.organisation, other_org_worker)
        data = ras_post(scheme, ANSWERS)
        question, _chosen = answer(scheme, 2, "Some help")
        _theirs_question, their_answer = answer(theirs, 2, "Some help")
        data[f"answer_{question.pk}"] = str(their_answer.pk)
        response = client_for(worker).post(url("ras", person), data)
        assert errors_of(response.text) == ["Select one of the answers given for question 2"]

    def test_it_refuses_an_unknown_adjustment(self, client_for, worker, person, scheme):
        data = ras_post(scheme, ANSWERS, adjustments=["123456", "x"])
        response = client_for(worker).post(url("ras", person), data)
        assert errors_of(response.text) == ["Select only adjustments from the list"]
        assert not IndicativeBudget.objects.exists()


class TestTheSchemeChangedMeanwhile:
    def test_it_refuses_a_form_of_a_retired_version_and_shows_the_new_one(
        self, client_for, worker, person, org, manager, scheme
    ):
        data = ras_post(scheme, ANSWERS)
        RasScheme.objects.filter(pk=scheme.pk).update(status=RasScheme.Status.RETIRED)
        new = make_scheme(
            org,
            manager,
            version=2,
            name="Riverside RAS 2025",
            questions=(("Do you live alone?", "", (("Yes", 5), ("No", 0))),),
        )
        client = client_for(worker)
        response = client.post(url("ras", person), data)

        assert response.status_code == 200
        assert not IndicativeBudget.objects.exists()
        assert errors_of(response.text) == [
            "The administrator changed the resource allocation scheme while you were answering, "
            "so nothing was saved. Answer the questions of the scheme now in use"
        ]
        assert "Riverside RAS 2025 (version 2)" in response.text
        assert "Do you live alone?" in response.text
        assert f'name="scheme_key" value="{new.pk}-{new.revision}"' in response.text

        # Answering the new version goes through.
        client.post(url("ras", person), ras_post(new, {1: "Yes"}))
        assert IndicativeBudget.objects.get().scheme_version == 2

    def test_it_refuses_a_form_of_a_version_changed_since_it_was_shown(
        self, client_for, worker, person, scheme
    ):
        data = ras_post(scheme, ANSWERS)
        RasScheme.objects.filter(pk=scheme.pk).update(revision=scheme.revision + 1)
        response = client_for(worker).post(url("ras", person), data)
        assert "changed the resource allocation scheme" in response.text
        assert not IndicativeBudget.objects.exists()
        # The answers still offered are kept.
        question, chosen = answer(scheme, 1, "Every day")
        assert checked_values(response.text, f"answer_{question.pk}") == [str(chosen.pk)]

    def test_it_says_so_when_the_scheme_was_withdrawn_with_none_in_its_place(
        self, client_for, worker, person, scheme
    ):
        data = ras_post(scheme, ANSWERS)
        RasScheme.objects.filter(pk=scheme.pk).update(status=RasScheme.Status.RETIRED)
        response = client_for(worker).post(url("ras", person), data)
        assert response.status_code == 200
        assert "has not set up a resource allocation scheme" in response.text
        assert not IndicativeBudget.objects.exists()

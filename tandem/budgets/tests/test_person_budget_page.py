"""A person's budget page: the indicative budget, how it was worked out, its history, and the
financial assessment (P7, P8)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import FinancialAssessment
from tandem.budgets.services.person import indicative_budget_work_out
from tandem.budgets.tests.person_data import (
    adjustment,
    answer,
    make_assessment,
    make_outside_budget,
    make_scheme,
    url,
)
from tandem.people.models import CircleMember


def work_out(person, worker, scheme, answers, *, adjustments=(), with_person=True):
    chosen = dict(answer(scheme, number, text) for number, text in answers.items())
    return indicative_budget_work_out(
        person=person,
        scheme=scheme,
        answers={question.pk: a.pk for question, a in chosen.items()},
        adjustments=[adjustment(scheme, label).pk for label in adjustments],
        with_person=with_person,
        actor=worker,
    )


@pytest.fixture
def scheme(org, manager):
    return make_scheme(org, manager, name="Riverside RAS", minimum="100.00", maximum="300.00")


class TestWhatItShows:
    def test_it_says_plainly_when_nothing_is_recorded_yet(self, client_for, worker, person):
        html = client_for(worker).get(url("person", person)).text
        assert "Priya Patel’s budget" in html
        assert "No indicative personal budget has been worked out for Pri yet." in html
        assert "No financial assessment has been recorded for Pri yet." in html
        for button in (
            "Work out the indicative budget",
            "Record a budget set by the council",
            "Record the financial assessment",
        ):
            assert button in html

    def test_it_explains_a_result_of_the_scheme(self, client_for, worker, person, scheme):
        work_out(
            person,
            worker,
            scheme,
            {1: "Every day", 2: "A lot of help"},
            adjustments=["Lives in a rural area"],
        )
        html = client_for(worker).get(url("person", person)).text
        assert "£300.00 a week (£15,600.00 a year)" in html
        assert "Worked out with Riverside RAS (version 1)" in html
        assert "How much help do you need with washing and dressing?" in html
        assert "Every day" in html and "A lot of help" in html
        assert "Lives in a rural area: adds £15.00 a week" in html
        assert '<dd class="govuk-summary-list__value" data-testid="points">45</dd>' in html
        assert "£10.00 a week" in html  # the price per point
        assert "£465.00 a week" in html  # before the scheme's largest budget
        assert "Lowered to the scheme’s largest weekly budget." in html
        assert "Wendy Worker, on" in html
        assert "With the person" in html

    def test_it_explains_a_budget_set_outside_tandem(self, client_for, worker, person):
        make_outside_budget(
            person,
            worker,
            weekly="245.50",
            source_details="Panel decision letter",
            set_on=datetime.date(2025, 3, 3),
        )
        html = client_for(worker).get(url("person", person)).text
        assert "£245.50 a week (£12,766.00 a year)" in html
        assert "Set by the council outside Tandem" in html
        assert "Panel decision letter" in html
        assert "3 March 2025" in html

    def test_it_lists_earlier_results_newest_first(self, client_for, worker, person, scheme):
        make_outside_budget(person, worker, weekly="111.00")
        work_out(person, worker, scheme, {1: "None", 2: "None"})  # £0, so the minimum: £100
        make_outside_budget(person, worker, weekly="333.00")
        html = client_for(worker).get(url("person", person)).text
        current = html.split('data-testid="current-budget"', 1)[1].split("Earlier results", 1)[0]
        assert "£333.00 a week" in current
        earlier = html.split("Earlier results", 1)[1]
        assert earlier.index("£100.00 a week on") < earlier.index("£111.00 a week, set by")
        assert "Raised to the scheme’s smallest weekly budget." in earlier

    def test_it_shows_the_financial_assessment_and_its_history(self, client_for, worker, person):
        make_assessment(
            person,
            worker,
            status=FinancialAssessment.Status.IN_PROGRESS,
            assessed_on=None,
            weekly_contribution=None,
        )
        make_assessment(person, worker, weekly_contribution=Decimal("42.10"), notes="Pension only")
        html = client_for(worker).get(url("person", person)).text
        current = html.split('data-testid="current-assessment"', 1)[1].split("</dl>", 1)[0]
        assert "Done" in current
        assert "10 February 2025" in current
        assert "£42.10 a week" in current
        assert "Pension only" in current
        history = html.split('data-testid="earlier-assessments"', 1)[1]
        assert "Started, not finished" in history

    def test_it_audits_every_view_as_a_read_of_the_budget(self, client_for, worker, person):
        client_for(worker).get(url("person", person))
        event = AuditEvent.objects.get(actor=worker)
        assert (event.action, event.person, event.detail) == (
            AuditAction.BUDGET_VIEW,
            person,
            {"page": "person"},
        )
        assert event.summary == "Viewed the budget of Priya Patel"


class TestWhoMaySeeIt:
    def test_the_person_sees_their_own_budget_read_only(
        self, client_for, worker, person, person_user
    ):
        make_outside_budget(person, worker, weekly="245.50")
        response = client_for(person_user).get(url("person", person))
        assert response.status_code == 200
        assert "£245.50 a week" in response.text
        assert "Work out the indicative budget" not in response.text
        assert "Record the financial assessment" not in response.text
        assert AuditEvent.objects.filter(actor=person_user, action=AuditAction.BUDGET_VIEW).exists()

    def test_a_carer_with_consent_sees_it_read_only(self, client_for, worker, person, carer_user):
        response = client_for(carer_user).get(url("person", person))
        assert response.status_code == 200
        assert "Record a budget set by the council" not in response.text

    def test_the_person_and_their_carer_may_not_open_the_forms(
        self, client_for, person, person_user, carer_user
    ):
        for user in (person_user, carer_user):
            for name in ("ras", "set_outside", "assessment"):
                assert client_for(user).get(url(name, person)).status_code == 403, name

    def test_a_provider_who_sees_the_person_may_not_see_their_money(self, client_for, person):
        provider = testing.make_user(person.organisation, role=Role.PROVIDER)
        testing.make_circle_member(
            person, kind=CircleMember.Kind.PROVIDER, user=provider, consent_to_share=True
        )
        assert client_for(provider).get(url("person", person)).status_code == 403

    @pytest.mark.parametrize(
        "who", ["other_team_worker", "other_org_worker", "provider_without_consent"]
    )
    def test_anyone_without_a_relationship_gets_not_found(self, client_for, person, request, who):
        if who == "provider_without_consent":
            user = testing.make_user(person.organisation, role=Role.PROVIDER)
            testing.make_circle_member(
                person, kind=CircleMember.Kind.PROVIDER, user=user, consent_to_share=False
            )
        else:
            user = request.getfixturevalue(who)
        for name in ("person", "ras", "set_outside", "assessment"):
            assert client_for(user).get(url(name, person)).status_code == 404, name
        assert not AuditEvent.objects.filter(actor=user).exists()

    def test_an_id_that_is_not_a_person_gets_not_found(self, client_for, worker):
        assert client_for(worker).get("/budgets/people/99999999/").status_code == 404
        assert client_for(worker).get("/budgets/people/abc/").status_code == 404


class TestThePersonPage:
    def test_it_shows_the_budget_card_with_a_link(self, client_for, worker, person):
        make_outside_budget(person, worker, weekly="245.50")
        html = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
        card = html.split('data-testid="budget-card"', 1)[1].split("</dl>", 1)[0]
        assert "£245.50 a week (£12,766.00 a year)" in card
        assert url("person", person) in card

    def test_it_says_when_there_is_no_budget_yet(self, client_for, person_user, person):
        html = client_for(person_user).get(reverse("people:detail", args=[person.pk])).text
        assert "Not worked out yet" in html

    def test_a_provider_sees_no_budget_card(self, client_for, person):
        provider = testing.make_user(person.organisation, role=Role.PROVIDER)
        testing.make_circle_member(
            person, kind=CircleMember.Kind.PROVIDER, user=provider, consent_to_share=True
        )
        html = client_for(provider).get(reverse("people:detail", args=[person.pk])).text
        assert 'data-testid="budget-card"' not in html


def _grow(person, worker, scheme, size):
    for i in range(size):
        work_out(person, worker, scheme, {1: "Some days", 2: "Some help"})
        make_outside_budget(person, testing.make_worker(person.organisation), weekly=f"{i + 1}.00")
        make_assessment(person, testing.make_worker(person.organisation))


@pytest.mark.parametrize("size", [1, 50])
def test_it_uses_the_same_number_of_queries_however_long_the_history(
    client_for, worker, person, scheme, django_assert_num_queries, size
):
    _grow(person, worker, scheme, size)
    client = client_for(worker)
    client.get(url("person", person))  # warm the session
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(url("person", person))
    assert response.status_code == 200
    assert response.text.count('data-testid="earlier-budget"') == 2 * size - 1


EXPECTED_QUERIES = 6

from decimal import Decimal

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.budgets.models import Service
from tandem.plans.models import Plan
from tandem.plans.services import plan_item_create, plan_start_new_version
from tandem.plans.tests.helpers import add_item, build_agreed_plan


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


def url(plan):
    return reverse("plans:detail", args=[plan.pk])


def test_it_shows_the_task_list_to_the_worker(client_for, worker, plan):
    response = client_for(worker).get(url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-task-list" in html
    assert "What is important to me" in html
    assert "Not started" in html
    # Actions cannot start until an outcome exists.
    assert "Cannot start yet" in html


def test_it_marks_a_section_in_progress_once_it_has_content(client_for, worker, plan):
    add_item(plan, "outcome", worker)
    html = client_for(worker).get(url(plan)).content.decode()
    assert "In progress" in html
    assert "Cannot start yet" not in html


def test_it_audits_the_view(client_for, worker, plan):
    client_for(worker).get(url(plan))
    assert AuditEvent.objects.filter(plan=plan, actor=worker, action="plan.view").count() == 1


def test_it_lets_the_person_see_their_own_plan(client_for, person_user, plan):
    response = client_for(person_user).get(url(plan))
    assert response.status_code == 200
    assert "Write the plan" in response.content.decode()


def test_it_hides_the_plan_from_another_team(client_for, other_team_worker, plan):
    assert client_for(other_team_worker).get(url(plan)).status_code == 404


def test_it_hides_the_plan_from_another_organisation(client_for, other_org_worker, plan):
    assert client_for(other_org_worker).get(url(plan)).status_code == 404


def test_it_hides_another_persons_plan_from_the_person(client_for, org, team, worker, person_user):
    other = testing.make_person(org, team)
    other_plan = testing.make_plan(other, worker)
    assert client_for(person_user).get(url(other_plan)).status_code == 404


def test_it_answers_404_for_a_plan_that_does_not_exist(client_for, worker):
    assert client_for(worker).get("/plans/999999/").status_code == 404


def test_it_sends_anonymous_users_to_sign_in(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_offers_a_new_version_for_an_agreed_plan(client_for, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    html = client_for(worker).get(url(agreed)).content.decode()
    assert "start a new version" in html
    assert "Write the plan" not in html


def _grow(plan, worker, n):
    """n of every kind of part, the plan's own and those budgets registers: a cost line for each
    action (from a catalogue service), a resource, and options compared for each outcome."""
    service = Service.objects.create(organisation=plan.organisation, name="Home care", unit="hour")
    for i in range(n):
        outcome = add_item(plan, "outcome", worker, words=f"Outcome {i}")
        add_item(plan, "indicator", worker, outcome=outcome)
        action = add_item(plan, "action", worker, outcome=outcome, description=f"Action {i}")
        add_item(plan, "risk", worker, description=f"Risk {i}")
        add_part(
            plan,
            worker,
            "cost",
            description=f"Cost {i}",
            for_kind="action",
            for_uid=action.uid,
            service=service,
            service_name="Home care",
            unit="hour",
            unit_cost=Decimal("24.50"),
            quantity=Decimal("1.5"),
            times=7,
            period="week",
            payer="council_managed",
        )
        add_part(plan, worker, "resource", kind="family", description=f"Resource {i}")
        trade_off = add_part(plan, worker, "tradeoff", parent=outcome, question=f"Choice {i}")
        for option in ("A season ticket", "A support worker"):
            add_part(
                plan,
                worker,
                "option",
                parent=trade_off,
                description=option,
                provider="Someone",
                weekly_cost=Decimal("12.50"),
                gives="Football",
            )


def add_part(plan, worker, part_kind, *, parent=None, **data):
    return plan_item_create(plan=plan, kind=part_kind, data=data, actor=worker, parent=parent)


@pytest.mark.parametrize("size", [1, 50])
def test_it_uses_the_same_number_of_queries_however_big_the_plan(
    client_for, worker, person, django_assert_num_queries, size
):
    plan = testing.make_plan(person, worker)
    _grow(plan, worker, size)
    client = client_for(worker)
    client.get(url(plan))  # warm the session
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(url(plan))
    assert response.status_code == 200
    assert Plan.objects.get(pk=plan.pk).outcomes.count() == size


# +2 from reviews: its GAS levels (one query per kind) and its snapshot key "review".
EXPECTED_QUERIES = 23


def test_it_shows_a_new_plan_as_not_started_though_the_coordinator_is_filled_in(
    client_for, worker, plan
):
    assert plan.coordinator == worker
    html = client_for(worker).get(url(plan)).content.decode()
    assert "In progress" not in html


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("plans:check", []),
        ("plans:section", ["important"]),
        ("plans:item_add", ["outcome"]),
        ("plans:disagreement_add", []),
    ],
)
def test_it_audits_every_page_that_shows_the_plan(client_for, worker, plan, name, args):
    client_for(worker).get(reverse(name, args=[plan.pk, *args]))
    event = AuditEvent.objects.get(plan=plan, actor=worker, action="plan.view")
    assert event.detail["page"] == name.split(":")[1]


def test_it_links_an_agreed_version_to_the_version_being_written(client_for, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    draft = plan_start_new_version(plan=agreed, actor=worker)
    html = client_for(worker).get(url(agreed)).content.decode()
    assert reverse("plans:detail", args=[draft.pk]) in html
    assert "start a new version" not in html

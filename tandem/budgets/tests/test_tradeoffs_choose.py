"""Choosing one of a trade-off's options into the plan (P7): it becomes an action for the outcome,
with its cost when paid with money, and the comparison keeps the mark and the reason."""

import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import CostLine, TradeOff
from tandem.budgets.services.tradeoffs import option_choose
from tandem.budgets.tests.tradeoff_parts import (
    QUESTION,
    TICKET,
    WALK,
    WORKER,
    add_comparison,
)
from tandem.errors import Refused
from tandem.people.models import CircleMember
from tandem.plans.models import Action, Plan
from tandem.plans.tests.helpers import build_agreed_plan, snapshot_of


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


@pytest.fixture
def comparison(plan, worker):
    """(trade_off, [season ticket, support worker, walking with his brother])."""
    return add_comparison(plan, worker, TICKET, WORKER, WALK)


def url(plan, trade_off, option):
    return reverse("budgets:choose", args=[plan.pk, trade_off.pk, option.pk])


def posted(**values):
    return {
        "why_chosen": "He would rather go with Sam than with a paid worker",
        "funded_by": "personal_budget",
        "payer": "direct_payment",
        "submission_key": str(uuid.uuid4()),
        **values,
    }


def counts():
    return (
        Action.objects.count(),
        CostLine.objects.count(),
        list(TradeOff.objects.values_list("chosen_uid", "why_chosen", "revision")),
    )


# Choosing


def test_it_adds_a_paid_option_as_an_action_with_its_weekly_cost(
    client_for, worker, plan, comparison
):
    trade_off, (_ticket, support, _walk) = comparison
    response = client_for(worker).post(url(plan, trade_off, support), posted(), follow=True)

    action = Action.objects.get(plan=plan)
    assert response.redirect_chain == [
        (reverse("plans:item", args=[plan.pk, "action", action.pk]), 302)
    ]
    assert "Now say who is responsible for it and when" in response.text
    assert (action.description, action.kind, action.funded_by) == (
        WORKER["description"],
        Action.Kind.PAID,
        "personal_budget",
    )
    assert action.outcome_id == trade_off.outcome_id
    # P4 asks for these next: the choice never guesses them.
    assert not (action.responsible_is_person or action.responsible_member_id)
    assert action.responsible_staff_id is None and action.due_on is None

    line = CostLine.objects.get(plan=plan)
    assert (line.for_kind, line.for_uid) == ("action", action.uid)
    assert (line.unit, line.quantity, line.times, line.period) == (
        "week",
        Decimal("1.00"),
        1,
        "week",
    )
    assert line.unit_cost == Decimal("86.40")
    assert line.payer == "direct_payment"
    assert line.own_price_reason == f"From the options compared: {QUESTION}"
    (entry,) = snapshot_of(plan)["costs"]
    assert (entry["weekly"], entry["yearly"], entry["one_off"]) == ("86.40", "4492.80", "")

    trade_off.refresh_from_db()
    assert trade_off.chosen_uid == support.uid
    assert trade_off.why_chosen == "He would rather go with Sam than with a paid worker"
    event = AuditEvent.objects.get(action=AuditAction.OPTION_CHOOSE)
    assert (event.plan, event.actor) == (plan, worker)
    assert event.detail["action_id"] == action.pk
    assert event.detail["cost_ids"] == [line.pk]


def test_it_adds_a_one_off_cost_paid_from_the_persons_own_money(
    client_for, worker, plan, comparison
):
    trade_off, (ticket, _support, _walk) = comparison
    client_for(worker).post(
        url(plan, trade_off, ticket), posted(funded_by="own", payer="own_money")
    )
    action = Action.objects.get(plan=plan)
    assert (action.kind, action.funded_by) == (Action.Kind.PAID, "own")
    line = CostLine.objects.get(plan=plan)
    assert (line.unit, line.period, line.unit_cost, line.payer) == (
        "one_off",
        "once",
        Decimal("420.00"),
        "own_money",
    )
    (entry,) = snapshot_of(plan)["costs"]
    assert (entry["weekly"], entry["one_off"]) == ("", "420.00")


def test_it_adds_both_costs_of_an_option_with_a_weekly_and_a_one_off_cost(plan, worker):
    trade_off, (option,) = add_comparison(
        plan, worker, {**WORKER, "weekly_cost": Decimal("12.35"), "one_off_cost": Decimal("99.99")}
    )
    action = option_choose(
        plan=plan,
        trade_off=trade_off,
        option=option,
        why="Both",
        funded_by="personal_budget",
        payer="council_managed",
        actor=worker,
    )
    lines = {line.period: line for line in CostLine.objects.filter(plan=plan, for_uid=action.uid)}
    assert {period: line.unit_cost for period, line in lines.items()} == {
        "week": Decimal("12.35"),
        "once": Decimal("99.99"),
    }
    assert snapshot_of(plan)["costing"]["figures"]["total_yearly"] == "642.20"


def test_it_adds_an_option_that_costs_nothing_as_community_help_without_a_cost(
    client_for, worker, plan, comparison
):
    trade_off, (_ticket, _support, walk) = comparison
    client = client_for(worker)
    page = client.get(url(plan, trade_off, walk))
    assert 'name="payer"' not in page.text  # nobody pays for it
    response = client.post(url(plan, trade_off, walk), posted(funded_by="natural", payer=""))
    assert response.status_code == 302
    action = Action.objects.get(plan=plan)
    assert (action.kind, action.funded_by) == (Action.Kind.COMMUNITY, "natural")
    assert not CostLine.objects.exists()


def test_it_asks_nobody_to_pay_for_an_option_another_organisation_resources(
    client_for, worker, plan, comparison
):
    trade_off, (_ticket, support, _walk) = comparison
    response = client_for(worker).post(
        url(plan, trade_off, support), posted(funded_by="other_organisation", payer="")
    )
    assert response.status_code == 302
    assert Action.objects.get(plan=plan).funded_by == "other_organisation"
    assert not CostLine.objects.exists()


def test_it_moves_the_mark_to_another_option_and_keeps_the_earlier_action(
    client_for, worker, plan, comparison
):
    trade_off, (ticket, support, _walk) = comparison
    client = client_for(worker)
    client.post(url(plan, trade_off, support), posted())
    page = client.get(url(plan, trade_off, ticket))
    assert f"“{WORKER['description']}” is chosen now" in page.text
    assert "stays in the plan" in page.text

    client.post(
        url(plan, trade_off, ticket),
        posted(funded_by="own", payer="own_money", why_chosen="Sam can go after all"),
    )
    trade_off.refresh_from_db()
    assert (trade_off.chosen_uid, trade_off.why_chosen) == (ticket.uid, "Sam can go after all")
    assert sorted(Action.objects.filter(plan=plan).values_list("description", flat=True)) == [
        TICKET["description"],
        WORKER["description"],
    ]
    assert CostLine.objects.filter(plan=plan).count() == 2


def test_it_makes_one_action_from_a_form_sent_twice(client_for, worker, plan, comparison):
    trade_off, (_ticket, support, _walk) = comparison
    client = client_for(worker)
    data = posted()
    first = client.post(url(plan, trade_off, support), data)
    second = client.post(url(plan, trade_off, support), data)
    action = Action.objects.get(plan=plan)
    assert first.url == second.url == reverse("plans:item", args=[plan.pk, "action", action.pk])
    assert CostLine.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.OPTION_CHOOSE).count() == 1


def test_it_does_not_choose_the_chosen_option_again(client_for, worker, plan, comparison):
    trade_off, (_ticket, support, _walk) = comparison
    client = client_for(worker)
    client.post(url(plan, trade_off, support), posted())
    before = counts()
    page = client.get(url(plan, trade_off, support))
    assert "This option is chosen already" in page.text
    assert "<form" not in page.text.split("govuk-main-wrapper")[1]
    response = client.post(url(plan, trade_off, support), posted())
    assert response.status_code == 200
    assert "This option is chosen already" in response.text
    assert counts() == before


def test_it_lets_the_person_and_their_carer_choose(
    client_for, person_user, carer_user, plan, comparison
):
    trade_off, (ticket, support, _walk) = comparison
    assert client_for(person_user).get(url(plan, trade_off, ticket)).status_code == 200
    response = client_for(carer_user).post(
        url(plan, trade_off, support), posted(funded_by="social_work", payer="council_managed")
    )
    assert response.status_code == 302
    assert Action.objects.get(plan=plan).funded_by == "social_work"


def test_it_audits_the_page_as_a_read_of_the_plan(client_for, worker, plan, comparison):
    trade_off, (ticket, _support, _walk) = comparison
    client_for(worker).get(url(plan, trade_off, ticket))
    event = AuditEvent.objects.get(action=AuditAction.PLAN_VIEW, actor=worker)
    assert (event.plan, event.detail) == (plan, {"page": "choose"})


# Bad input: typed values kept, nothing changed


def test_it_asks_why_and_keeps_what_was_typed(client_for, worker, plan, comparison):
    trade_off, (_ticket, support, _walk) = comparison
    before = counts()
    response = client_for(worker).post(
        url(plan, trade_off, support), posted(why_chosen="   ", payer="individual_service_fund")
    )
    assert response.status_code == 200
    html = response.text
    assert "govuk-error-summary" in html
    assert "Enter why this option was chosen" in html
    assert re.search(r'value="personal_budget"[^>]* checked', html)
    assert re.search(r'value="individual_service_fund"[^>]* checked', html)
    assert counts() == before


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"funded_by": "the_lottery"}, "Select how it will be resourced from the list"),
        ({"funded_by": ""}, "Select how it will be resourced"),
        ({"payer": ""}, "Select who pays for it"),
        ({"payer": "nonsense"}, "Select who pays from the list"),
        ({"payer": "own_money"}, "Select how the personal budget pays for it"),
        ({"funded_by": "own", "payer": "direct_payment"}, "select “The person’s own money”"),
        ({"why_chosen": "x" * 2001}, "Why this option was chosen must be 2000 characters or less"),
    ],
)
def test_it_refuses_bad_answers_with_a_clear_message(
    client_for, worker, plan, comparison, values, message
):
    trade_off, (_ticket, support, _walk) = comparison
    before = counts()
    response = client_for(worker).post(url(plan, trade_off, support), posted(**values))
    assert response.status_code == 200
    assert message in response.text
    assert counts() == before


def test_it_refuses_a_cost_too_big_for_one_cost_line(plan, worker):
    trade_off, (option,) = add_comparison(plan, worker, {**WORKER, "weekly_cost": "12000.00"})
    with pytest.raises(Refused, match="cannot go into the plan’s costs in one line"):
        option_choose(
            plan=plan,
            trade_off=trade_off,
            option=option,
            why="Round the clock",
            funded_by="personal_budget",
            payer="council_managed",
            actor=worker,
        )
    assert counts() == (0, 0, [(None, "", 1)])


# Which option, of which plan


def test_it_answers_404_for_an_option_of_another_comparison(client_for, worker, plan, comparison):
    trade_off, _options = comparison
    _other, (elsewhere, _second) = add_comparison(plan, worker)
    client = client_for(worker)
    assert client.get(url(plan, trade_off, elsewhere)).status_code == 404
    assert client.post(url(plan, trade_off, elsewhere), posted()).status_code == 404
    assert counts()[0:2] == (0, 0)


def test_it_answers_404_for_a_comparison_of_another_plan(
    client_for, worker, org, team, plan, comparison
):
    trade_off, (ticket, _support, _walk) = comparison
    other_plan = testing.make_plan(testing.make_person(org, team), worker)
    other_trade_off, (other_option, _second) = add_comparison(other_plan, worker)
    client = client_for(worker)
    assert client.get(url(other_plan, trade_off, ticket)).status_code == 404
    assert client.get(url(plan, other_trade_off, other_option)).status_code == 404
    assert client.post(url(plan, trade_off, other_option), posted()).status_code == 404
    assert counts()[0:2] == (0, 0)


@pytest.mark.parametrize("pk", ["abc", "-1", "99999999999999999999999"])
def test_it_answers_404_for_ids_that_are_not_ids(client_for, worker, plan, comparison, pk):
    trade_off, (ticket, _support, _walk) = comparison
    base = f"/budgets/plans/{plan.pk}/tradeoffs/"
    client = client_for(worker)
    assert client.get(f"{base}{trade_off.pk}/choose/{pk}/").status_code == 404
    assert client.get(f"{base}{pk}/choose/{ticket.pk}/").status_code == 404


# Who may choose


def test_it_hides_the_page_from_another_team(client_for, other_team_worker, plan, comparison):
    trade_off, (ticket, _support, _walk) = comparison
    client = client_for(other_team_worker)
    assert client.get(url(plan, trade_off, ticket)).status_code == 404
    assert client.post(url(plan, trade_off, ticket), posted()).status_code == 404
    assert counts()[0:2] == (0, 0)


def test_it_hides_the_page_from_another_organisation(
    client_for, other_org_worker, plan, comparison
):
    trade_off, (ticket, _support, _walk) = comparison
    assert (
        client_for(other_org_worker).post(url(plan, trade_off, ticket), posted()).status_code == 404
    )
    assert counts()[0:2] == (0, 0)


def _provider(person, *, consent_to_share: bool):
    provider = testing.make_user(person.organisation, role=Role.PROVIDER, first_name="Riverside")
    testing.make_circle_member(
        person,
        name="Riverside Care Ltd",
        kind=CircleMember.Kind.PROVIDER,
        user=provider,
        consent_to_share=consent_to_share,
    )
    return provider


@pytest.mark.parametrize(("consent", "status"), [(True, 403), (False, 404)])
def test_it_refuses_a_provider(client_for, person, plan, comparison, consent, status):
    trade_off, (ticket, _support, _walk) = comparison
    client = client_for(_provider(person, consent_to_share=consent))
    assert client.get(url(plan, trade_off, ticket)).status_code == status
    assert client.post(url(plan, trade_off, ticket), posted()).status_code == status
    assert counts()[0:2] == (0, 0)


def test_it_refuses_a_choice_in_an_agreed_plan(client_for, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    Plan.objects.filter(pk=agreed.pk).update(status=Plan.Status.DRAFT)
    trade_off, (ticket, _second) = add_comparison(agreed, worker)
    Plan.objects.filter(pk=agreed.pk).update(status=Plan.Status.AGREED)
    actions = Action.objects.count()
    response = client_for(worker).post(
        url(agreed, trade_off, ticket), posted(funded_by="own", payer="own_money")
    )
    assert response.status_code == 403
    assert Action.objects.count() == actions
    trade_off.refresh_from_db()
    assert trade_off.chosen_uid is None

"""A trade-off's own page shows its options side by side – who provides each, what it costs a
week and a year, what it gives the person – with the chosen one marked and a way to choose one
(P7)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tandem import testing
from tandem.budgets.services.tradeoffs import option_choose
from tandem.budgets.tests.tradeoff_parts import TICKET, WALK, WORKER, add_comparison


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


def page_url(plan, trade_off):
    return reverse("plans:item", args=[plan.pk, "tradeoff", trade_off.pk])


def choose_url(plan, trade_off, option):
    return reverse("budgets:choose", args=[plan.pk, trade_off.pk, option.pk])


def table_of(html: str) -> str:
    return html.split('data-testid="options"')[1].split("</table>")[0]


def test_it_shows_the_options_side_by_side(client_for, worker, plan):
    trade_off, (ticket, support, walk) = add_comparison(plan, worker, TICKET, WORKER, WALK)
    html = client_for(worker).get(page_url(plan, trade_off)).text
    table = table_of(html)
    for words in (TICKET["description"], "Sam, a friend from school", TICKET["gives"]):
        assert words in table
    assert "£86.40" in table and "£4,492.80" in table  # a week, and × 52 a year
    assert "£420.00" in table  # the ticket's one-off cost
    for option in (ticket, support, walk):
        assert choose_url(plan, trade_off, option) in table
        assert reverse("plans:item", args=[plan.pk, "option", option.pk]) in table
    assert "Chosen" not in table
    assert "No option chosen yet" in html
    assert "govuk-summary-list" not in html.split("govuk-main-wrapper")[1].split("</form>")[1]


def test_it_marks_the_chosen_option_and_why(client_for, worker, plan):
    trade_off, (ticket, support) = add_comparison(plan, worker)
    option_choose(
        plan=plan,
        trade_off=trade_off,
        option=ticket,
        why="He would rather go with Sam",
        funded_by="own",
        payer="own_money",
        actor=worker,
    )
    html = client_for(worker).get(page_url(plan, trade_off)).text
    rows = table_of(html).split("<tr")
    (chosen_row,) = [row for row in rows if TICKET["description"] in row]
    (other_row,) = [row for row in rows if WORKER["description"] in row]
    assert "Chosen" in chosen_row and choose_url(plan, trade_off, ticket) not in chosen_row
    assert "Chosen" not in other_row and choose_url(plan, trade_off, support) in other_row
    assert "He would rather go with Sam" in html
    assert "No option chosen yet" not in html


def test_it_says_when_the_chosen_option_has_been_removed(client_for, worker, plan):
    trade_off, (ticket, _support) = add_comparison(plan, worker)
    option_choose(
        plan=plan,
        trade_off=trade_off,
        option=ticket,
        why="Sam",
        funded_by="natural",
        payer="",
        actor=worker,
    )
    ticket.delete()
    html = client_for(worker).get(page_url(plan, trade_off)).text
    assert "No option chosen now" in html


def test_it_shows_the_choice_on_the_section_page(client_for, worker, plan):
    trade_off, (ticket, _support) = add_comparison(plan, worker)
    section = reverse("plans:section", args=[plan.pk, "tradeoffs"])
    client = client_for(worker)
    assert "Option chosen" not in client.get(section).text
    option_choose(
        plan=plan,
        trade_off=trade_off,
        option=ticket,
        why="He would rather go with Sam",
        funded_by="natural",
        payer="",
        actor=worker,
    )
    card = client.get(section).text.split("govuk-summary-card__content")[1]
    assert "Option chosen" in card and TICKET["description"] in card
    assert "He would rather go with Sam" in card


@pytest.mark.parametrize("size", [1, 50])
def test_it_uses_the_same_number_of_queries_however_many_options(
    client_for, worker, plan, django_assert_num_queries, size
):
    options = [
        {**WORKER, "description": f"Option {n}", "weekly_cost": Decimal(n), "one_off_cost": n}
        for n in range(1, size + 1)
    ]
    trade_off, made = add_comparison(plan, worker, *options)
    option_choose(
        plan=plan,
        trade_off=trade_off,
        option=made[-1],
        why="The last one",
        funded_by="personal_budget",
        payer="council_managed",
        actor=worker,
    )
    client = client_for(worker)
    client.get(page_url(plan, trade_off))  # warm the session
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(page_url(plan, trade_off))
    assert response.text.count("Choose this option") == size - 1
    assert "£52.00" in response.text  # option 1: £1 a week is £52 a year


EXPECTED_QUERIES = 8

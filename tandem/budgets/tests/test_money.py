"""Money is exact (P8): Decimal pounds, one rounding per line, totals that add up, and weekly,
four-weekly, monthly and yearly amounts that convert as docs/money.md says."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.budgets import costing, money
from tandem.budgets.money import Period

D = Decimal


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (D("1234.56"), "£1,234.56"),
        (D("0.5"), "£0.50"),
        ("1250.5", "£1,250.50"),
        (D("-12"), "−£12.00"),
        (D("1000000"), "£1,000,000.00"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_shows_amounts_in_pounds_and_pence(amount, shown):
    assert money.pounds(amount) == shown


def test_it_rounds_half_a_penny_up_once_per_line():
    # 1.5 hours × 7 × £24.33 = £255.465 a week: £255.47, never £255.46 (banker's rounding).
    amounts = costing.line_amounts(
        quantity=D("1.5"), times=7, unit_cost=D("24.33"), period=Period.WEEK
    )
    assert amounts == {"weekly": D("255.47"), "yearly": D("13284.44"), "one_off": D("0.00")}


@pytest.mark.parametrize(
    ("period", "weekly"),
    [
        (Period.WEEK, D("100.00")),
        (Period.FOUR_WEEKS, D("25.00")),  # 13 a year ÷ 52 weeks
        (Period.MONTH, D("23.08")),  # 12 a year ÷ 52 weeks = 23.0769…
        (Period.YEAR, D("1.92")),  # ÷ 52 = 1.923…
    ],
)
def test_it_turns_every_period_into_a_weekly_cost(period, weekly):
    assert money.weekly_from(D("100.00"), period) == weekly


def test_it_keeps_one_off_costs_apart_from_the_weekly_cost():
    amounts = costing.line_amounts(
        quantity=D("1"), times=1, unit_cost=D("349.99"), period=Period.ONCE
    )
    assert amounts == {"weekly": D("0.00"), "yearly": D("0.00"), "one_off": D("349.99")}


@pytest.mark.parametrize(
    ("frequency", "payment"),
    [("weekly", D("62.50")), ("four_weekly", D("250.00")), ("monthly", D("270.83"))],
)
def test_it_works_out_a_direct_payment_for_how_often_it_is_paid(frequency, payment):
    assert money.per_payment(D("62.50"), frequency) == payment


pennies = st.decimals(min_value=D("0.00"), max_value=D("50000.00"), places=2)
lines = st.lists(
    st.builds(
        lambda quantity, times, unit_cost, period, payer: {
            **costing.line_amounts(
                quantity=quantity, times=times, unit_cost=unit_cost, period=period
            ),
            "payer": payer,
        },
        quantity=st.decimals(min_value=D("0.01"), max_value=D("168"), places=2),
        times=st.integers(min_value=1, max_value=100),
        unit_cost=st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2),
        period=st.sampled_from(list(Period)),
        payer=st.sampled_from(
            ["council_managed", "direct_payment", "individual_service_fund", "own_money"]
        ),
    ),
    max_size=30,
)


@given(lines=lines)
def test_totals_always_equal_the_sum_of_the_lines(lines):
    figures = costing.totals(lines, indicative_weekly=None, contribution_weekly=None)

    assert figures["total_weekly"] == sum((line["weekly"] for line in lines), D("0"))
    assert figures["total_yearly"] == sum((line["yearly"] for line in lines), D("0"))
    assert figures["one_off_total"] == sum((line["one_off"] for line in lines), D("0"))
    assert figures["total_yearly"] == figures["total_weekly"] * 52
    paid_by_budget = [line for line in lines if line["payer"] in costing.PERSONAL_BUDGET]
    assert figures["budget_weekly"] == sum((line["weekly"] for line in paid_by_budget), D("0"))
    for value in (figures["total_weekly"], figures["total_yearly"], figures["one_off_total"]):
        assert isinstance(value, Decimal) and value == value.quantize(D("0.01"))


@given(weekly=pennies)
def test_weekly_to_yearly_and_back_gives_the_same_pennies(weekly):
    assert money.weekly(money.yearly(weekly)) == weekly


@given(yearly=pennies)
def test_yearly_to_weekly_and_back_is_within_half_a_penny_a_week(yearly):
    back = money.yearly(money.weekly(yearly))
    assert abs(back - yearly) <= D("0.005") * 52
    assert abs(money.weekly(back) - money.weekly(yearly)) < D("0.01")


@given(lines=lines, indicative=pennies, contribution=pennies)
def test_the_council_pays_the_budget_less_the_persons_contribution(lines, indicative, contribution):
    figures = costing.totals(lines, indicative_weekly=indicative, contribution_weekly=contribution)

    assert figures["council_weekly"] + figures["contribution_weekly"] == figures["budget_weekly"]
    assert figures["council_weekly"] >= 0
    assert figures["difference_weekly"] == indicative - figures["budget_weekly"]
    assert figures["over_budget"] == (figures["budget_weekly"] > indicative)

"""The Resource Allocation System's sum: points × price, adjustments, then the limits."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tandem.budgets.ras import calculate, least_points, most_points, publish_problems


def result(points=10, price="12.50", adjustments=(), minimum=None, maximum=None):
    return calculate(
        points=points,
        price_per_point=Decimal(price),
        adjustments=[Decimal(a) for a in adjustments],
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
    )


def test_it_multiplies_points_by_the_price_per_point():
    figures = result(points=37, price="4.15")
    assert figures["points_amount"] == Decimal("153.55")
    assert figures["calculated_amount"] == Decimal("153.55")
    assert figures["weekly_amount"] == Decimal("153.55")
    assert figures["yearly_amount"] == Decimal("7984.60")
    assert figures["limited_by"] == ""


def test_it_adds_and_takes_away_adjustments():
    figures = result(points=20, price="10.00", adjustments=["-40.00", "15.25"])
    assert figures["adjustments_total"] == Decimal("-24.75")
    assert figures["calculated_amount"] == Decimal("175.25")
    assert figures["weekly_amount"] == Decimal("175.25")


def test_it_raises_a_small_result_to_the_minimum_and_keeps_the_calculated_amount():
    figures = result(points=2, price="10.00", minimum="50.00")
    assert figures["calculated_amount"] == Decimal("20.00")
    assert figures["weekly_amount"] == Decimal("50.00")
    assert figures["limited_by"] == "minimum"


def test_it_lowers_a_large_result_to_the_maximum():
    figures = result(points=100, price="10.00", maximum="750.00")
    assert figures["calculated_amount"] == Decimal("1000.00")
    assert figures["weekly_amount"] == Decimal("750.00")
    assert figures["limited_by"] == "maximum"


def test_it_never_gives_less_than_nothing():
    figures = result(points=1, price="10.00", adjustments=["-40.00"])
    assert figures["calculated_amount"] == Decimal("-30.00")
    assert figures["weekly_amount"] == Decimal("0.00")
    assert figures["yearly_amount"] == Decimal("0.00")
    assert figures["limited_by"] == "zero"


def test_it_gives_nothing_for_no_points_without_a_minimum():
    assert result(points=0)["weekly_amount"] == Decimal("0.00")


def test_it_works_to_the_penny():
    figures = result(points=3, price="0.01", adjustments=["0.005"])
    # Adjustments are rounded half a penny up, once, before they are added.
    assert figures["adjustments_total"] == Decimal("0.01")
    assert figures["weekly_amount"] == Decimal("0.04")
    assert figures["weekly_amount"].as_tuple().exponent == -2


pennies = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000.00"), places=2)
amounts = st.decimals(min_value=Decimal("-500.00"), max_value=Decimal("500.00"), places=2)
limits = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("50000.00"), places=2)
points = st.integers(min_value=0, max_value=20000)


@st.composite
def schemes(draw):
    low, high = sorted([draw(limits), draw(limits)])
    return {
        "price_per_point": draw(pennies),
        "adjustments": draw(st.lists(amounts, max_size=5)),
        "minimum": draw(st.one_of(st.none(), st.just(low))),
        "maximum": draw(st.one_of(st.none(), st.just(high))),
    }


@given(points, schemes())
def test_it_is_never_negative(score, scheme):
    assert calculate(points=score, **scheme)["weekly_amount"] >= 0


@given(points, schemes())
def test_it_stays_within_the_minimum_and_maximum_when_given(score, scheme):
    weekly = calculate(points=score, **scheme)["weekly_amount"]
    if scheme["minimum"] is not None:
        assert weekly >= scheme["minimum"]
    if scheme["maximum"] is not None:
        assert weekly <= scheme["maximum"]


@given(points, points, schemes())
def test_it_never_gives_less_for_more_points(one, other, scheme):
    fewer, more = sorted([one, other])
    assert (
        calculate(points=fewer, **scheme)["weekly_amount"]
        <= calculate(points=more, **scheme)["weekly_amount"]
    )


@given(points, schemes())
def test_it_keeps_the_unlimited_sum_and_rounds_to_the_penny(score, scheme):
    figures = calculate(points=score, **scheme)
    assert figures["calculated_amount"] == score * scheme["price_per_point"] + sum(
        scheme["adjustments"], Decimal("0")
    )
    assert figures["weekly_amount"].as_tuple().exponent == -2
    assert figures["yearly_amount"] == figures["weekly_amount"] * 52


CEILING = Decimal("50000.00")


def problems(questions, price="4.15", minimum=None, maximum=None):
    return publish_problems(
        questions=questions,
        price_per_point=None if price is None else Decimal(price),
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        ceiling=CEILING,
    )


def test_it_scores_the_most_and_the_least_on_every_question():
    assert most_points([[0, 5, 10], [3, 1], []]) == 13
    assert least_points([[0, 5, 10], [3, 1], []]) == 1


def test_it_finds_nothing_stopping_a_finished_scheme():
    assert problems([("Washing?", [0, 10]), ("Meals?", [0, 5, 8])]) == []


def test_it_says_a_scheme_needs_questions_with_two_answers_each_and_a_price():
    assert problems([], price=None) == [
        "Add at least one question about the person’s needs",
        "Give the price of a point",
    ]
    assert problems([("Washing?", [10]), ("Meals?", [])]) == [
        "Give the question “Washing?” at least 2 answers to choose from",
        "Give the question “Meals?” at least 2 answers to choose from",
    ]


def test_it_refuses_limits_the_wrong_way_round():
    assert problems([("Q", [0, 1])], minimum="300", maximum="200") == [
        "The smallest weekly budget must not be more than the largest"
    ]


def test_it_refuses_a_best_score_worth_more_than_tandem_records_unless_limited():
    questions = [("Q", [0, 1000])]
    assert "more than the £50,000.00 Tandem can record" in problems(questions, price="60.00")[0]
    assert problems(questions, price="60.00", maximum="2000") == []
    assert problems(questions, price="50.00") == []

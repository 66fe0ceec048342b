"""The Goal Attainment Scaling T-score (R6, issue 7): worked examples, properties and bad input.

About the worked examples: the published sources we could read (Turner-Stokes 2009 and its erratum,
which fixes the formula so that the whole denominator is under the square root) give the formula
but no example with its stated T-score, so each example below is worked out by hand in its
comment, from T = 50 + 10·Σwx / √((1 − ρ)·Σw² + ρ·(Σw)²). The weighted one takes its levels and
weights from the example in the documentation of `calc_tscore` in the gasr R package
(taylordunn/gasr), which states no result; its numbers happen to make the square root exact.
"""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.reviews.gas import LEVELS, Level, t_score

D = Decimal

levels_strategy = st.lists(st.integers(min_value=-2, max_value=2), min_size=1, max_size=12)
weight_strategy = st.one_of(
    st.integers(min_value=1, max_value=9),  # Turner-Stokes: importance × difficulty, 1 to 9
    st.decimals(min_value=D("0.1"), max_value=D("100"), places=2),
    st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False),
)


@st.composite
def levels_and_weights(draw: st.DrawFn) -> tuple[list[int], list[int | Decimal | float]]:
    levels = draw(levels_strategy)
    weights = draw(st.lists(weight_strategy, min_size=len(levels), max_size=len(levels)))
    return levels, weights


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        # One outcome: Σw² = (Σw)² = 1, so T = 50 + 10x.
        ([1], D("60.0")),
        ([-2], D("30.0")),
        ([2], D("70.0")),
        # Three outcomes, all +1: 50 + 10·3 / √(0.7·3 + 0.3·9) = 50 + 30 / √4.8
        # = 50 + 30 / 2.19089… = 63.693… → 63.7.
        ([1, 1, 1], D("63.7")),
        # And all −1, the mirror image: 50 − 13.693… = 36.306… → 36.3.
        ([-1, -1, -1], D("36.3")),
        # Two outcomes, +1 and 0: 50 + 10 / √(0.7·2 + 0.3·4) = 50 + 10 / √2.6
        # = 50 + 6.2017… → 56.2.
        ([1, 0], D("56.2")),
        # Four outcomes, −1, 0, +1, +2: Σx = 2; 50 + 20 / √(0.7·4 + 0.3·16) = 50 + 20 / √7.6
        # = 50 + 7.2548… → 57.3.
        ([-1, 0, 1, 2], D("57.3")),
        # Three outcomes all much less than expected: 50 − 60 / √4.8 = 50 − 27.386… → 22.6.
        ([-2, -2, -2], D("22.6")),
    ],
)
def test_it_scores_worked_examples_without_weights(levels, expected):
    assert t_score(levels) == expected


def test_it_scores_a_worked_example_with_weights():
    # Levels −2, 0, −1, +2, 0, +1 with weights 3, 5, 1, 4, 2, 6:
    # Σwx = −6 + 0 − 1 + 8 + 0 + 6 = 7; Σw = 21, so (Σw)² = 441; Σw² = 9+25+1+16+4+36 = 91.
    # 0.7·91 + 0.3·441 = 63.7 + 132.3 = 196, √196 = 14; T = 50 + 70 / 14 = 55.0 exactly.
    assert t_score([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6]) == D("55.0")


def test_it_lets_a_heavier_outcome_count_for_more():
    # +1 on an outcome weighted 3 and −1 on one weighted 1: Σwx = 2; Σw² = 10, (Σw)² = 16;
    # 50 + 20 / √(7 + 4.8) = 50 + 20 / √11.8 = 50 + 5.8222… → 55.8. Unweighted it would be 50.
    assert t_score([1, -1], [3, 1]) == D("55.8")
    assert t_score([1, -1]) == D("50.0")


def test_it_takes_weights_as_integers_decimals_or_floats():
    # Only the proportions of the weights matter: 3:1 three ways.
    assert t_score([1, -1], [D("1.5"), D("0.5")]) == D("55.8")
    assert t_score([1, -1], [0.3, 0.1]) == D("55.8")


def test_it_uses_the_correlation_given():
    # ρ = 0: the outcomes are independent and T = 50 + 10·Σx / √n; three at +1 → 50 + 30/√3
    # = 50 + 17.3205… → 67.3. ρ = 0.5: 50 + 30 / √(1.5 + 4.5) = 50 + 12.247… → 62.2.
    assert t_score([1, 1, 1], correlation=0) == D("67.3")
    assert t_score([1, 1, 1], correlation=0.5) == D("62.2")


def test_it_rounds_to_one_place_half_up():
    # With ρ = 0 and 64 outcomes the root is exactly 8, so one outcome at +1 and the rest at 0
    # gives 50 + 10/8 = 51.25 exactly: half up makes 51.3 (banker's rounding would give 51.2),
    # and at −1, 48.75 → 48.8 (half away from zero).
    assert t_score([1] + [0] * 63, correlation=0) == D("51.3")
    assert t_score([-1] + [0] * 63, correlation=0) == D("48.8")
    assert t_score([1]).as_tuple().exponent == -1  # 60.0, always one decimal place


@given(n=st.integers(min_value=1, max_value=30), data=st.data())
def test_it_scores_50_when_every_outcome_is_at_the_expected_level(n, data):
    weights = data.draw(st.none() | st.lists(weight_strategy, min_size=n, max_size=n))
    assert t_score([0] * n, weights) == D("50.0")


@given(case=levels_and_weights(), data=st.data())
def test_more_attainment_never_lowers_the_score(case, data):
    levels, weights = case
    raisable = [i for i, level in enumerate(levels) if level < 2]
    if not raisable:
        return
    i = data.draw(st.sampled_from(raisable))
    raised = list(levels)
    raised[i] = data.draw(st.integers(min_value=levels[i] + 1, max_value=2))
    assert t_score(raised, weights) >= t_score(levels, weights)
    assert t_score(raised) >= t_score(levels)


@given(case=levels_and_weights())
def test_the_score_is_symmetric_about_50(case):
    levels, weights = case
    mirrored = [-level for level in levels]
    # Exactly symmetric before rounding; each score is rounded half up on its own, so the two
    # can differ from a mirror image by at most one step of 0.1 (51.25 → 51.3, 48.75 → 48.8).
    assert abs(t_score(mirrored, weights) - (100 - t_score(levels, weights))) <= D("0.1")


@given(levels=levels_strategy, weight=weight_strategy)
def test_equal_weights_score_the_same_as_no_weights(levels, weight):
    assert t_score(levels, [weight] * len(levels)) == t_score(levels)


@pytest.mark.parametrize(
    ("levels", "weights", "message"),
    [
        ([3], None, "between −2 and +2, not +3"),
        ([0, -3], None, "between −2 and +2, not −3"),
        ([1.0], None, "whole number from −2 to +2, not 1.0"),
        (["1"], None, "whole number from −2 to +2, not '1'"),
        ([True], None, "whole number from −2 to +2, not True"),
        ([None], None, "whole number from −2 to +2, not None"),
        ([], None, "needs the level of at least one outcome"),
        ([1, 0], [1, 0], "weight is a number above 0, not 0"),
        ([1, 0], [1, -2], "weight is a number above 0, not -2"),
        ([1], [D("NaN")], "weight is a number above 0, not NaN"),
        ([1], [float("inf")], "weight is a number above 0, not inf"),
        ([1], ["2"], "weight is a number above 0, not '2'"),
        ([1, 0], [1], "there are 2 levels but 1 weight"),
        ([1], [1, 1], "there are 1 level but 2 weights"),
    ],
)
def test_it_refuses_bad_input_in_plain_english(levels, weights, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        t_score(levels, weights)


@pytest.mark.parametrize("correlation", [-0.1, 1, 1.5, float("nan")])
def test_it_refuses_a_correlation_outside_0_to_1(correlation):
    with pytest.raises(ValueError, match="correlation between outcomes"):
        t_score([1], correlation=correlation)


def test_it_names_the_five_levels_in_the_standard_words():
    assert [(level, str(words)) for level, words in LEVELS] == [
        (-2, "much less than expected"),
        (-1, "somewhat less than expected"),
        (0, "the expected level"),
        (1, "somewhat more than expected"),
        (2, "much more than expected"),
    ]
    assert t_score([Level.SOMEWHAT_MORE, Level.EXPECTED]) == t_score([1, 0])

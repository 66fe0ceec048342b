"""Goal Attainment Scaling (GAS): how far a person got with their outcomes, as one number (R6).

At the review each outcome that uses GAS is given a level from −2 to +2 against descriptions that
were written, in the person's words, when the outcome was set: 0 is what was expected, +1 and +2
are better than expected, −1 and −2 worse. The levels of one review are combined into the
Kiresuk–Sherman T-score:

    T = 50 + 10·Σ(wᵢ·xᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)

where xᵢ is the level of outcome i, wᵢ its weight (1 unless the person and worker weight their
outcomes, e.g. importance × difficulty) and ρ the expected correlation between the outcomes'
scales, 0.3 by convention. The score is built to be 50 when every outcome is met exactly as
expected, with a standard deviation of about 10: above 50 is better than expected, below worse.

Sources: T. J. Kiresuk and R. E. Sherman (1968), "Goal attainment scaling: a general method for
evaluating comprehensive community mental health programs", Community Mental Health Journal 4,
443–453; L. Turner-Stokes (2009), "Goal attainment scaling (GAS) in rehabilitation: a practical
guide", Clinical Rehabilitation 23, 362–370 (use the formula as corrected in its erratum, where
the whole denominator is under the square root).
"""

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

LOWEST_LEVEL = -2
HIGHEST_LEVEL = 2
DEFAULT_CORRELATION = 0.3

# One decimal place is how T-scores are reported (Turner-Stokes 2009); more would suggest a
# precision the levels do not have.
ONE_PLACE = Decimal("0.1")

# Enough digits that the only rounding that matters is the final one to one decimal place.
_EXACT = Context(prec=40)


class Level(models.IntegerChoices):
    """The five GAS levels, in the standard words (Kiresuk & Sherman 1968)."""

    MUCH_LESS = -2, _("much less than expected")
    SOMEWHAT_LESS = -1, _("somewhat less than expected")
    EXPECTED = 0, _("the expected level")
    SOMEWHAT_MORE = 1, _("somewhat more than expected")
    MUCH_MORE = 2, _("much more than expected")


# For forms: (level, words) from −2 to +2.
LEVELS = Level.choices


def t_score(
    levels: Sequence[int],
    weights: Sequence[float | Decimal | int] | None = None,
    *,
    correlation: float = DEFAULT_CORRELATION,
) -> Decimal:
    """The Kiresuk–Sherman T-score of one review's GAS levels (see the module docstring).

    ``weights`` default to 1 for every outcome; only their proportions matter, so weights of
    2, 2, 2 give the same score as no weights. ``correlation`` is ρ, from 0 up to (not including) 1.

    The score is worked out in decimal arithmetic to 40 significant digits and then rounded once
    to one decimal place, half up (``ROUND_HALF_UP``: 51.25 → 51.3), as a spreadsheet's ROUND
    does. So negating every level gives 100 − T to within 0.1, not always exactly (48.75 → 48.8).

    Raises ``ValueError``, with a message a person can read, for no levels, a level that is not a
    whole number from −2 to +2, a weight that is not a number above 0, a different number of
    weights and levels, or a correlation outside 0 to 1.
    """
    xs = _checked_levels(levels)
    ws = _checked_weights(weights, count=len(xs))
    rho = _checked_correlation(correlation)

    c = _EXACT
    weighted_sum = sum((c.multiply(w, x) for w, x in zip(ws, xs, strict=True)), Decimal(0))
    sum_of_squares = sum((c.multiply(w, w) for w in ws), Decimal(0))
    total = sum(ws, Decimal(0))
    variance = c.add(
        c.multiply(c.subtract(Decimal(1), rho), sum_of_squares),
        c.multiply(rho, c.multiply(total, total)),
    )
    score = c.add(Decimal(50), c.divide(c.multiply(Decimal(10), weighted_sum), variance.sqrt(c)))
    return score.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _checked_levels(levels: Sequence[int]) -> list[Decimal]:
    if len(levels) == 0:
        raise ValueError("A T-score needs the level of at least one outcome.")
    checked = []
    for level in levels:
        # bool is an int in Python, but True is not a level anyone meant.
        if not isinstance(level, int) or isinstance(level, bool):
            raise ValueError(
                f"A Goal Attainment Scaling level is a whole number from −2 to +2, not {level!r}."
            )
        if not LOWEST_LEVEL <= level <= HIGHEST_LEVEL:
            raise ValueError(
                f"A Goal Attainment Scaling level is between −2 and +2, not {_signed(level)}."
            )
        checked.append(Decimal(int(level)))
    return checked


def _checked_weights(
    weights: Sequence[float | Decimal | int] | None, *, count: int
) -> list[Decimal]:
    if weights is None:
        return [Decimal(1)] * count
    if len(weights) != count:
        raise ValueError(
            "Each outcome needs exactly one weight: there are "
            f"{_how_many(count, 'level')} but {_how_many(len(weights), 'weight')}."
        )
    return [_checked_weight(weight) for weight in weights]


def _checked_weight(weight: float | Decimal | int) -> Decimal:
    if isinstance(weight, bool) or not isinstance(weight, int | float | Decimal):
        raise ValueError(f"An outcome's weight is a number above 0, not {weight!r}.")
    # A float goes through its shortest text form, so a weight of 0.1 is one tenth exactly.
    value = Decimal(str(weight)) if isinstance(weight, float) else Decimal(weight)
    if not value.is_finite() or value <= 0:
        raise ValueError(f"An outcome's weight is a number above 0, not {weight}.")
    return value


def _checked_correlation(correlation: float) -> Decimal:
    if (
        isinstance(correlation, bool)
        or not isinstance(correlation, int | float)
        or not math.isfinite(correlation)
        or not 0 <= correlation < 1
    ):
        raise ValueError(
            "The correlation between outcomes is a number from 0 up to (not including) 1, "
            f"not {correlation!r}."
        )
    return Decimal(str(correlation))


def _signed(level: int) -> str:
    """A level as people write it: +3, −3 (with a real minus sign)."""
    return f"{level:+d}".replace("-", "−")


def _how_many(count: int, thing: str) -> str:
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"

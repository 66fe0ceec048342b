"""The preparation (reviews.preparation) beside the review form: ``prep|indicators_due:outcome``
gives the indicators of one outcome that are due at this review, so the form's section for the
outcome can show what its evidence is recorded against (R6)."""

from django import template

from tandem.plans.models import Indicator, Outcome
from tandem.reviews.preparation import Preparation

register = template.Library()


@register.filter
def indicators_due(prep: Preparation | None, outcome: Outcome) -> list[Indicator]:
    """The outcome's indicators due at this review; none when there is no preparation."""
    if not isinstance(prep, Preparation):
        return []
    return next((row.indicators_due for row in prep.outcomes if row.outcome.pk == outcome.pk), [])

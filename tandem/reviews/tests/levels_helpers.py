"""Shared by the GAS levels tests: levels described for an outcome, straight into the database
(an agreed plan can no longer be edited through its pages)."""

from tandem.plans.models import Outcome
from tandem.reviews.models import AttainmentLevel

WORDS = {
    -2: "I stay in all week",
    -1: "I go out once a month",
    0: "I go to the club every week",
    1: "I go to the club and the cinema",
    2: "I help run the club",
}


def describe_levels(outcome: Outcome, levels=WORDS) -> list[AttainmentLevel]:
    return AttainmentLevel.objects.bulk_create(
        AttainmentLevel(
            organisation_id=outcome.organisation_id,
            plan_id=outcome.plan_id,
            outcome=outcome,
            level=level,
            words=f"{words} ({outcome.pk})",
            position=n,
        )
        for n, (level, words) in enumerate(levels.items())
    )

"""Shared by the progress-over-time tests: final reviews built directly with the ORM."""

import datetime
import uuid

from tandem.plans.models import Plan
from tandem.reviews.models import OutcomeEvaluation, Review

START = datetime.date(2023, 1, 10)


def plan_version(person, worker, number: int = 1) -> Plan:
    return Plan.objects.create(
        organisation=person.organisation,
        person=person,
        version_number=number,
        status=Plan.Status.AGREED if number == 1 else Plan.Status.SUPERSEDED,
        created_by=worker,
    )


def final_review(person, plan, worker, held_on, levels, *, uids=None) -> Review:
    """A final review rating one outcome per level (None: rated without a GAS level)."""
    review = Review.objects.create(
        organisation=person.organisation,
        person=person,
        plan=plan,
        status=Review.Status.FINAL,
        held_on=held_on,
        created_by=worker,
        finalised_by=worker,
    )
    uids = uids or [uuid.uuid4() for _level in levels]
    OutcomeEvaluation.objects.bulk_create(
        OutcomeEvaluation(
            review=review,
            outcome_uid=uid,
            outcome_words=f"Outcome {n} at {held_on}",
            rating=OutcomeEvaluation.Rating.PARTLY,
            evidence=f"Evidence {n} at {held_on}",
            gas_level=level,
        )
        for n, (uid, level) in enumerate(zip(uids, levels, strict=True))
    )
    return review

"""A final review record as plain data (R6, R8): what its page shows and what every copy of it is
rendered from.

The review record page and each copy sent (documents/render.py) go through `review_record` and
the one template include `reviews/_review_record.html`, so the page and the copy say the same
thing. The data is JSON (dates as ISO strings, choices with the words they were shown with), as
it is saved with each copy and rendered again, byte for byte, years later.
"""

from typing import Any

from tandem.reviews.gas import Level
from tandem.reviews.models import OutcomeEvaluation, Review, ReviewOutcome

# 1: the first shape of a review record copy.
SCHEMA = 1


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def _evaluation(evaluation: OutcomeEvaluation) -> dict[str, Any]:
    level = evaluation.gas_level
    return {
        "outcome_uid": str(evaluation.outcome_uid),
        "outcome_words": evaluation.outcome_words,
        "rating": evaluation.rating,
        "rating_label": str(evaluation.get_rating_display()),
        "evidence": evaluation.evidence,
        "gas_level": level,
        "gas_words": str(Level(level).label) if level is not None else "",
    }


def _new_outcome(row: ReviewOutcome, words: dict[str, str]) -> dict[str, Any]:
    changes = str(row.changes_uid) if row.changes_uid else ""
    return {
        "words": row.words,
        "changes_uid": changes,
        # The words of the outcome it says differently, as they were at the review.
        "changes_words": words.get(changes, "") if changes else "",
        "kind": row.kind,
        "kind_label": str(row.get_kind_display()),
        "achieve_by": _iso(row.achieve_by),
    }


def review_record(review: Review) -> dict[str, Any]:
    """Everything the review record shows, from a final review whose `plan.person` is loaded:
    two queries (its evaluations and the outcomes agreed at it), however many outcomes."""
    plan = review.plan
    person = plan.person
    evaluations = [_evaluation(e) for e in review.evaluations.all()]
    words = {e["outcome_uid"]: e["outcome_words"] for e in evaluations}
    return {
        "schema": SCHEMA,
        "person": {
            "name": person.full_name,
            "known_as": person.known_as,
            "local_identifier": person.local_identifier,
        },
        "plan": {"id": plan.pk, "version_number": plan.version_number},
        "review": {
            "id": review.pk,
            "held_on": _iso(review.held_on),
            "how_held": review.how_held,
            "how_held_label": str(review.get_how_held_display()),
            "why_proportionate": review.why_proportionate,
            "who_took_part": review.who_took_part,
            "advocate_present": review.advocate_present,
            "best_interest_decisions": review.best_interest_decisions,
            "needs_changed": review.needs_changed,
            "new_assessment_needed": review.new_assessment_needed,
            "services_meet_outcomes": review.services_meet_outcomes,
            "services_meet_outcomes_label": str(review.get_services_meet_outcomes_display()),
            "what_must_change": review.what_must_change,
            "new_plan_needed": review.new_plan_needed,
            "next_review_on": _iso(review.next_review_on),
            "finalised_at": _iso(review.finalised_at),
        },
        "evaluations": evaluations,
        "new_outcomes": [
            _new_outcome(row, words) for row in ReviewOutcome.objects.filter(review=review)
        ],
    }

"""What the person's own home page shows of their reviews and actions, in words for them.

The page belongs to tandem.people (people:home); it shows these through the ``reviews_home``
template tags, so people does not import reviews (reviews builds on plans and people). Nothing
here works out a date again: the next review comes from `selectors.next_review_for`, the
consultation from `services.consultation`, and each action's latest progress from
`progress.action_rows`.
"""

import re
from dataclasses import dataclass
from datetime import date

from tandem.plans.models import Plan
from tandem.reviews import rules
from tandem.reviews.models import Review
from tandem.reviews.progress import ActionRow, action_rows
from tandem.reviews.schedule import NextReview, is_overdue
from tandem.reviews.selectors import next_review_for
from tandem.reviews.services.consultation import (
    ConsultationState,
    consultation_state,
    current_consultation,
)

# "(R1)", "(R7, R1)": the guidance's rule codes, which mean nothing to the person.
_RULE_CODES = re.compile(r"\s*\([A-Z]\d+(?:,\s*[A-Z]\d+)*\)")
_THE_PERSON = re.compile(r"^The person\b")


def for_the_person(text: str, *, name: str = "") -> str:
    """A reason from the review schedule, said to the person: without its rule codes, and with
    "you" (or, for a carer reading it, the person's name) where it says "the person"."""
    text = _RULE_CODES.sub("", text)
    return _THE_PERSON.sub(name or "You", text)


@dataclass(frozen=True)
class HomeReview:
    next_review: NextReview
    reasons: list[str]  # in words for the person (for_the_person)
    overdue: bool
    consultation: ConsultationState | None


def home_review(plan: Plan | None, *, today: date, name: str = "") -> HomeReview | None:
    """The next review of the agreed plan in force, why, and whether the person is asked to get
    ready for it (R3); None without an agreed plan or a review date. Two queries and the
    schedule's."""
    if plan is None:
        return None
    review = next_review_for(plan, today=today)
    if review is None:
        return None
    state = consultation_state(
        plan,
        today=today,
        next_review=review,
        consultation=current_consultation(plan.person_id, with_providers=False),
    )
    return HomeReview(
        next_review=review,
        reasons=[for_the_person(reason.text, name=name) for reason in review.reasons],
        overdue=is_overdue(review.due_on, today),
        consultation=state,
    )


@dataclass(frozen=True)
class HomeAction:
    row: ActionRow
    overdue: bool  # its date has passed and it is neither done nor stopped


def own_actions(plan: Plan | None, *, member_id: int | None, today: date) -> list[HomeAction]:
    """The actions of the agreed plan that the reader is responsible for: the person's own, or,
    for a carer (`member_id`, their place in the circle), the ones naming them. A fixed number
    of queries however many actions there are."""
    if plan is None:
        return []
    mine = [
        row
        for row in action_rows(plan, today)
        if (
            row.action.responsible_member_id == member_id
            if member_id is not None
            else row.action.responsible_is_person
        )
    ]
    return [HomeAction(row, _overdue(row, today)) for row in mine]


def _overdue(row: ActionRow, today: date) -> bool:
    due = row.action.due_on
    finished = row.latest is not None and row.latest.status in rules.FINISHED
    return due is not None and due < today and not finished


def last_final_review(person_id: int) -> Review | None:
    """The person's latest final review, for its record and the progress over time: one query."""
    return (
        Review.objects.filter(person_id=person_id, status=Review.Status.FINAL)
        .order_by("-held_on", "-id")
        .first()
    )

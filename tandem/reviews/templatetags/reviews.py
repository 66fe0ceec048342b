"""The next review on other apps' pages: ``{% next_review plan %}`` on the plan page and
``{% person_next_review page.plans %}`` on the person page (the agreed plan in force, from the
plan versions the page has loaded already), and ``{% consultation_link person user page.plans %}``
on the person's own page, when it is time to get ready for the review (R3).

Template tags, so the plans and people apps show the next review without importing reviews
(reviews builds on plans and people, not the other way round)."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.plans.models import Plan
from tandem.plans.provider_part import sees_whole_plan
from tandem.reviews.schedule import NextReview, is_overdue
from tandem.reviews.selectors import next_review_for
from tandem.reviews.services.consultation import (
    ConsultationState,
    consultation_state,
    current_consultation,
    may_consult_on,
)

register = template.Library()

# A page may show the card and the link for the same plan: each is worked out once per plan.
_CACHE = "_reviews_next_review"


def _next_review(plan: Plan) -> NextReview | None:
    if _CACHE not in plan.__dict__:
        plan.__dict__[_CACHE] = next_review_for(plan)
    return plan.__dict__[_CACHE]


def _state(plan: Plan, review: NextReview) -> ConsultationState | None:
    """The consultation for the plan's next review: one query."""
    key = f"{_CACHE}_consultation"
    if key not in plan.__dict__:
        today = timezone.localdate()
        plan.__dict__[key] = consultation_state(
            plan,
            today=today,
            next_review=review,
            consultation=current_consultation(plan.person_id, with_providers=False),
        )
    return plan.__dict__[key]


def _agreed(plans: Iterable[Plan]) -> Plan | None:
    return next((p for p in plans if p.status == Plan.Status.AGREED), None)


def _context(context: template.Context, plan: Plan | None) -> dict[str, Any]:
    review = _next_review(plan) if plan is not None else None
    if plan is None or review is None:
        return {"review": None}
    today = timezone.localdate()
    user = context.get("user")
    may_consult = bool(
        user is not None and user.is_authenticated and may_consult_on(user, plan.person_id)
    )
    return {
        "review": review,
        "plan": plan,
        "overdue": is_overdue(review.due_on, today),
        "consultation": _state(plan, review),
        "may_consult": may_consult,
        "for_self": getattr(user, "role", None) == Role.PERSON,
        # The reasons quote outcomes, triggers and the direct payment: the whole plan.
        "shows_reasons": user is not None and sees_whole_plan(user),
    }


@register.inclusion_tag("reviews/_next_review.html", takes_context=True)
def next_review(context: template.Context, plan: Plan | None) -> dict[str, Any]:
    """The "Next review" card of an agreed plan; nothing for any other."""
    return {**_context(context, plan), "came_from": "plan"}


@register.inclusion_tag("reviews/_next_review.html", takes_context=True)
def person_next_review(context: template.Context, plans: Iterable[Plan]) -> dict[str, Any]:
    """The "Next review" card of the person's agreed plan in force, if they have one."""
    return {**_context(context, _agreed(plans)), "came_from": ""}


@register.inclusion_tag("reviews/consultation/_link.html")
def consultation_link(person, user, plans: Iterable[Plan]) -> dict[str, Any]:
    """On the person's own page: "Get ready for your review" when the consultation for their
    next review is due, or recorded and still open to change."""
    plan = _agreed(plans)
    if plan is None or getattr(user, "role", None) != Role.PERSON:
        return {"show": False}
    review = _next_review(plan)
    state = _state(plan, review) if review is not None else None
    return {"show": bool(state and state.is_open), "state": state, "person": person}

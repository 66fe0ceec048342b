"""The next review on other apps' pages: ``{% next_review plan %}`` on the plan page and
``{% person_next_review page.plans %}`` on the person page (the agreed plan in force, from the
plan versions the page has loaded already).

Template tags, so the plans and people apps show the next review without importing reviews
(reviews builds on plans and people, not the other way round)."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils import timezone

from tandem.plans.models import Plan
from tandem.reviews.schedule import is_overdue
from tandem.reviews.selectors import next_review_for

register = template.Library()


def _context(plan: Plan | None) -> dict[str, Any]:
    review = next_review_for(plan) if plan is not None else None
    if review is None:
        return {"review": None}
    today = timezone.localdate()
    return {"review": review, "plan": plan, "overdue": is_overdue(review.due_on, today)}


@register.inclusion_tag("reviews/_next_review.html")
def next_review(plan: Plan | None) -> dict[str, Any]:
    """The "Next review" card of an agreed plan; nothing for any other."""
    return _context(plan)


@register.inclusion_tag("reviews/_next_review.html")
def person_next_review(plans: Iterable[Plan]) -> dict[str, Any]:
    """The "Next review" card of the person's agreed plan in force, if they have one."""
    agreed = next((p for p in plans if p.status == Plan.Status.AGREED), None)
    return _context(agreed)

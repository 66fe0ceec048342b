"""Links into carrying out the plan from other apps' pages, so plans and people show them without
importing reviews (reviews builds on plans and people, not the other way round):
``{% carrying_out_link plan %}`` on the plan page, ``{% ask_for_review_link person user %}`` and
``{% history_link person user %}`` on the person page."""

from django import template

from tandem.accounts.models import Role
from tandem.plans.provider_part import sees_whole_plan
from tandem.reviews.history import has_final_review

register = template.Library()


@register.inclusion_tag("reviews/_carrying_out_link.html")
def carrying_out_link(plan) -> dict:
    """Only the agreed plan in force is carried out."""
    return {"show": plan.status == "agreed", "plan": plan}


@register.inclusion_tag("reviews/_ask_for_review_link.html")
def ask_for_review_link(person, user) -> dict:
    """R1: the person may ask for a review at any time from their own login."""
    return {"show": getattr(user, "role", None) == Role.PERSON, "person": person}


@register.inclusion_tag("reviews/_history_link.html")
def history_link(person, user) -> dict:
    """The person's progress over time, once they have a final review (one query); not for a
    provider, who sees only their part of the plan (plans/provider_part.py)."""
    if not sees_whole_plan(user):
        return {"show": False}
    return {"show": has_final_review(person), "person": person}

"""The reviews' parts of the person's own home page (people:home): ``{% home_next_review person
plan %}``, ``{% home_actions person plan %}`` and ``{% home_last_review person %}``, for the
agreed plan in force (or None). Template tags, so tandem.people shows them without importing
reviews (reviews builds on plans and people, not the other way round)."""

from typing import Any

from django import template
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.reviews import person_home
from tandem.reviews.services import may_record_trigger, progress_membership, progress_refusal
from tandem.reviews.services.consultation import may_consult_on

register = template.Library()


def _for_self(context: template.Context) -> bool:
    return getattr(context.get("user"), "role", None) == Role.PERSON


@register.inclusion_tag("reviews/home/_next_review.html", takes_context=True)
def home_next_review(context: template.Context, person, plan) -> dict[str, Any]:
    """When the next review is, why, whether the person is asked to get ready for it (R3), and
    asking for one (R1)."""
    user = context["user"]
    for_self = _for_self(context)
    review = person_home.home_review(
        plan, today=timezone.localdate(), name="" if for_self else person.known_as
    )
    return {
        "person": person,
        "plan": plan,
        "review": review,
        "for_self": for_self,
        "may_consult": review is not None and may_consult_on(user, person.pk),
        "may_ask": may_record_trigger(user),
    }


@register.inclusion_tag("reviews/home/_actions.html", takes_context=True)
def home_actions(context: template.Context, person, plan) -> dict[str, Any]:
    """The actions the reader is responsible for, how each is going, and recording progress."""
    user = context["user"]
    membership = progress_membership(user, plan) if plan is not None else None
    if plan is not None and user.role == Role.CARER and membership is None:
        actions = []  # a carer with no place of their own in the circle answers for none
    else:
        actions = person_home.own_actions(
            plan, member_id=membership.pk if membership else None, today=timezone.localdate()
        )
    recordable = {
        a.row.action.pk
        for a in actions
        if not progress_refusal(user, plan, a.row.action, membership)
    }
    return {
        "person": person,
        "plan": plan,
        "actions": actions,
        "recordable": recordable,
        "for_self": _for_self(context),
    }


@register.inclusion_tag("reviews/home/_last_review.html", takes_context=True)
def home_last_review(context: template.Context, person) -> dict[str, Any]:
    """The record of the person's last review and their progress over time, once there is one."""
    return {
        "person": person,
        "review": person_home.last_final_review(person.pk),
        "for_self": _for_self(context),
    }

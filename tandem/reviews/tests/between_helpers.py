"""Shared by the between-reviews tests: an agreed plan with any number of actions, and the
form data that records progress on one."""

import datetime
from typing import Any

from tandem import testing
from tandem.accounts.models import Role
from tandem.documents.tests.builders import AGREED_ON, build_agreed_plan
from tandem.people.models import CircleMember
from tandem.plans.models import Action, Plan

__all__ = ["AGREED_ON", "agreed_plan", "date_data", "first_action", "provider_for"]


def agreed_plan(person, worker, actions: int = 1) -> Plan:
    plan, _issue = build_agreed_plan(person=person, actor=worker, outcomes=actions)
    return plan


def first_action(plan: Plan) -> Action:
    return plan.actions.order_by("outcome__position", "outcome_id", "position").first()


def date_data(name: str, value: datetime.date) -> dict[str, Any]:
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def progress_data(happened_on: datetime.date, **extra: Any) -> dict[str, Any]:
    return {
        "status": "under_way",
        "note": "Rang the club",
        **date_data("happened_on", happened_on),
        **extra,
    }


def provider_for(person, *, consent: bool = True):
    user = testing.make_user(person.organisation, role=Role.PROVIDER)
    testing.make_circle_member(
        person,
        name=user.display_name,
        user=user,
        kind=CircleMember.Kind.PROVIDER,
        consent_to_share=consent,
    )
    return user

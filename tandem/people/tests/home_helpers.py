"""Shared by the person's home page tests: an agreed plan with any number of the person's own
actions, on the consultation tests' timeline (agreed 5 March 2026, support from 16 March, the
first review due 27 April 2026, getting ready for it from 30 March; each action due 30 April)."""

import datetime

import time_machine
from django.urls import reverse

from tandem.documents.tests.builders import SECTIONS, agree, build_plan, fresh
from tandem.plans.models import Plan
from tandem.plans.tests.helpers import update_section
from tandem.reviews.tests.consultation_helpers import (
    AGREED,
    CONSULT_FROM,
    DUE,
    NOT_YET_DUE,
    REVIEW_DUE,
    SUPPORT_STARTS,
)

__all__ = ["CONSULT_FROM", "DUE", "NOT_YET_DUE", "REVIEW_DUE", "agreed_plan", "home_url"]

# After the action's date (30 April 2026) and the review's (27 April 2026).
LATE = datetime.datetime(2026, 5, 12, 12, tzinfo=datetime.UTC)
HOME = reverse("people:home")


def home_url(person=None) -> str:
    return reverse("people:home_person", args=[person.pk]) if person else HOME


def agreed_plan(person, worker, *, actions: int = 1) -> Plan:
    """Agreed on 5 March 2026 with `actions` outcomes, each with one action the person does."""
    with time_machine.travel(AGREED, tick=False):
        plan = build_plan(person=person, actor=worker, outcomes=actions)
        update_section(plan, "about", worker, **SECTIONS["about"], support_starts_on=SUPPORT_STARTS)
        agree(plan, person=person, actor=worker)
    return fresh(plan)

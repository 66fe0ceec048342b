"""The person's home page keeps its number of queries however many actions and reviews they
have, for the person and for a carer who may represent them."""

import datetime

import pytest
import time_machine

from tandem.people.models import CircleMember
from tandem.people.tests.home_helpers import DUE, agreed_plan, home_url
from tandem.reviews.models import ActionProgress
from tandem.reviews.tests.history_helpers import final_review

pytestmark = pytest.mark.django_db

# Fixed whatever the number of actions and reviews: the session and user, the people the user has
# a home page for, the person and the audit record, the plans, then the next review (triggers,
# last review, outcomes, indicators, timescales, consultation), the actions with their progress
# and agreement dates, the last review, and the copies sent to them (copies_home).
QUERIES = 17
CARER_QUERIES = QUERIES + 2  # may they answer the consultation; their place in the circle


def _scene(person, worker, user, *, actions: int, reviews: int, carer: bool):
    plan = agreed_plan(person, worker, actions=actions)
    if carer:
        member = CircleMember.objects.get(person=person, user=user)
        plan.actions.update(responsible_is_person=False, responsible_member=member)
    for n, action in enumerate(plan.actions.all()):
        ActionProgress.objects.create(
            organisation=person.organisation,
            plan=plan,
            action_uid=action.uid,
            status=ActionProgress.Status.UNDER_WAY,
            happened_on=datetime.date(2026, 3, 10 + n % 15),
            recorded_by=user,
        )
    for n in range(reviews):
        final_review(person, plan, worker, datetime.date(2016 + n, 2, 1), [n % 5 - 2])
    return plan


@pytest.mark.parametrize("carer", [False, True], ids=["person", "carer"])
@pytest.mark.parametrize("actions,reviews", [(1, 1), (20, 1), (1, 10), (20, 10)])
def test_its_query_count_does_not_grow(
    client_for,
    worker,
    person,
    person_user,
    carer_user,
    actions,
    reviews,
    carer,
    django_assert_num_queries,
):
    user = carer_user if carer else person_user
    _scene(person, worker, user, actions=actions, reviews=reviews, carer=carer)
    client = client_for(user)
    with time_machine.travel(DUE, tick=False):
        client.get(home_url())  # warm any per-process caches
        with django_assert_num_queries(CARER_QUERIES if carer else QUERIES):
            response = client.get(home_url())
    assert response.text.count("Record progress<span") == actions

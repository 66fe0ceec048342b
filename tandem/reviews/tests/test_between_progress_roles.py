"""Who may record progress on which action: workers on any, the person on any action of their own
plan, a carer or a provider only on the actions they are responsible for."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem import testing
from tandem.errors import Refused
from tandem.people.models import CircleMember
from tandem.reviews.models import ActionProgress
from tandem.reviews.services import progress_record
from tandem.reviews.tests.between_helpers import (
    AGREED_ON,
    agreed_plan,
    progress_data,
    provider_for,
)

DAY = AGREED_ON + timedelta(days=10)


built = testing.built_once(
    plan=lambda s: agreed_plan(s.person, s.worker, actions=2),
)


org, team, worker, person, plan = testing.from_scene("org", "team", "worker", "person", "plan")


def actions(plan):
    return list(plan.actions.order_by("outcome__position", "outcome_id", "position"))


def responsible(action, user):
    """Make the user's own place in the person's circle responsible for the action."""
    action.responsible_is_person = False
    action.responsible_member = CircleMember.objects.get(user=user)
    action.save()


def url(plan, action):
    return reverse("reviews:progress", args=[plan.pk, action.pk])


def carrying_out(plan):
    return reverse("reviews:carrying_out", args=[plan.pk])


def test_it_lets_a_worker_record_progress_on_any_action(client_for, worker, plan, carer_user):
    mine, other = actions(plan)
    responsible(other, carer_user)
    for action in (mine, other):
        assert client_for(worker).post(url(plan, action), progress_data(DAY)).status_code == 302
    assert ActionProgress.objects.count() == 2


def test_it_lets_the_person_record_progress_on_any_action_of_their_plan(
    client_for, plan, person_user, carer_user
):
    mine, carers = actions(plan)
    responsible(carers, carer_user)
    for action in (mine, carers):
        response = client_for(person_user).post(url(plan, action), progress_data(DAY))
        assert response.status_code == 302
    assert ActionProgress.objects.filter(recorded_by=person_user).count() == 2


@pytest.mark.parametrize("role", ["carer", "provider"])
def test_it_lets_a_carer_or_provider_record_progress_on_their_own_action(
    client_for, plan, person, role
):
    user = testing.make_carer_user(person) if role == "carer" else provider_for(person)
    theirs = actions(plan)[1]
    responsible(theirs, user)
    response = client_for(user).post(url(plan, theirs), progress_data(DAY))
    assert response.status_code == 302
    progress = ActionProgress.objects.get()
    assert (progress.recorded_by, progress.action_uid) == (user, theirs.uid)


@pytest.mark.parametrize("role", ["carer", "provider"])
def test_it_refuses_a_carer_or_provider_an_action_they_are_not_responsible_for(
    client_for, plan, person, role
):
    user = testing.make_carer_user(person) if role == "carer" else provider_for(person)
    not_theirs, theirs = actions(plan)
    responsible(theirs, user)
    client = client_for(user)
    for response in (
        client.get(url(plan, not_theirs)),
        client.post(url(plan, not_theirs), progress_data(DAY)),
    ):
        assert response.status_code == 403
        assert "only on the actions you are responsible for" in response.content.decode()
    assert not ActionProgress.objects.exists()


def test_it_refuses_an_action_of_another_carer(client_for, plan, person):
    """Responsible means this carer's own place in the circle, not any carer's."""
    carer, other_carer = testing.make_carer_user(person), testing.make_carer_user(person)
    action = actions(plan)[0]
    responsible(action, other_carer)
    response = client_for(carer).post(url(plan, action), progress_data(DAY))
    assert response.status_code == 403
    assert not ActionProgress.objects.exists()


def test_it_refuses_in_the_service_too(plan, person):
    """The rule holds whatever calls the service, not only the page."""
    provider = provider_for(person)
    not_theirs, theirs = actions(plan)
    responsible(theirs, provider)
    with pytest.raises(Refused, match="only on the actions you are responsible for"):
        progress_record(
            plan=plan, action=not_theirs, status="done", happened_on=DAY, actor=provider
        )
    progress_record(plan=plan, action=theirs, status="done", happened_on=DAY, actor=provider)
    assert ActionProgress.objects.get().action_uid == theirs.uid


def test_it_hides_the_plan_from_a_provider_without_consent(client_for, plan, person):
    provider = provider_for(person, consent=False)
    action = actions(plan)[0]
    action.responsible_is_person = False
    action.responsible_member = CircleMember.objects.get(user=provider)
    action.save()
    assert client_for(provider).post(url(plan, action), progress_data(DAY)).status_code == 404
    assert client_for(provider).get(carrying_out(plan)).status_code == 404
    assert not ActionProgress.objects.exists()


def test_it_hides_another_persons_plan_from_the_person(client_for, org, team, worker, plan):
    other = testing.make_person(org, team)
    other_user = testing.make_user_for_person(other)
    response = client_for(other_user).post(url(plan, actions(plan)[0]), progress_data(DAY))
    assert response.status_code == 404
    assert not ActionProgress.objects.exists()


@pytest.mark.parametrize("role", ["carer", "provider"])
def test_it_offers_record_progress_only_on_their_own_actions(client_for, plan, person, role):
    user = testing.make_carer_user(person) if role == "carer" else provider_for(person)
    not_theirs, theirs = actions(plan)
    responsible(theirs, user)
    response = client_for(user).get(carrying_out(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Record progress") == 1
    assert url(plan, theirs) in html and url(plan, not_theirs) not in html


@pytest.mark.parametrize("who", ["worker", "person_user"])
def test_it_offers_record_progress_on_every_action_to_the_worker_and_person(
    client_for, plan, who, request
):
    html = client_for(request.getfixturevalue(who)).get(carrying_out(plan)).content.decode()
    assert all(url(plan, action) in html for action in actions(plan))


def test_a_provider_reaches_their_action_from_the_plan_page(client_for, plan, person):
    """The plan page links to carrying it out, which links to the provider's own action."""
    provider = provider_for(person)
    theirs = actions(plan)[1]
    responsible(theirs, provider)
    client = client_for(provider)
    plan_page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert plan_page.status_code == 200
    assert carrying_out(plan) in plan_page.content.decode()
    assert url(plan, theirs) in client.get(carrying_out(plan)).content.decode()
    assert client.get(url(plan, theirs)).status_code == 200

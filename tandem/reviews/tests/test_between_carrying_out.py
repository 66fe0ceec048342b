from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import CircleMember
from tandem.plans.services import plan_start_new_version
from tandem.reviews.models import ReviewTrigger
from tandem.reviews.services import progress_record, trigger_record
from tandem.reviews.services.contacts import contact_record
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan, first_action, provider_for

DAY = AGREED_ON + timedelta(days=10)


@pytest.fixture
def plan(person, worker):
    return agreed_plan(person, worker)


def url(plan):
    return reverse("reviews:carrying_out", args=[plan.pk])


def test_it_lists_every_action_with_its_latest_progress(client_for, worker, plan):
    action = first_action(plan)
    progress_record(plan=plan, action=action, status="under_way", happened_on=DAY, actor=worker)
    progress_record(
        plan=plan, action=action, status="done", happened_on=DAY + timedelta(days=1), actor=worker
    )
    response = client_for(worker).get(url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Carrying out the plan" in html
    assert action.description in html
    assert "Done" in html and "Under way" not in html
    assert "16 March 2026" in html
    assert reverse("reviews:progress", args=[plan.pk, action.pk]) in html
    assert AuditEvent.objects.filter(plan=plan, action=AuditAction.CARRYING_OUT_VIEW).count() == 1


@time_machine.travel("2026-05-01 12:00", tick=False)
def test_it_tags_an_action_slipping_when_its_date_has_passed(client_for, worker, person):
    plan = agreed_plan(person, worker)  # the action is due by 30 April 2026
    html = client_for(worker).get(url(plan)).content.decode()
    assert "Slipping" in html
    assert "It was due by 30 April 2026" in html


@time_machine.travel("2026-04-01 12:00", tick=False)
def test_it_does_not_tag_an_action_on_time(client_for, worker, person):
    plan = agreed_plan(person, worker)
    html = client_for(worker).get(url(plan)).content.decode()
    assert "Slipping" not in html


def test_it_lists_the_triggers_and_offers_to_record_one(client_for, worker, plan):
    trigger_record(
        person=plan.person,
        plan=plan,
        kind="contingency",
        details="Fell in the garden",
        happened_on=DAY,
        actor=worker,
    )
    html = client_for(worker).get(url(plan)).content.decode()
    assert "Fell in the garden" in html
    assert "Urgent review" in html
    assert reverse("reviews:trigger", args=[plan.pk]) in html


def test_it_is_only_for_an_agreed_plan(client_for, worker, plan):
    draft = plan_start_new_version(plan=plan, actor=worker)
    response = client_for(worker).get(url(draft))
    assert response.status_code == 403
    assert "once it has been agreed" in response.content.decode()


def test_it_is_linked_from_the_agreed_plan_only(client_for, worker, plan):
    html = client_for(worker).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert url(plan) in html
    draft = plan_start_new_version(plan=plan, actor=worker)
    html = client_for(worker).get(reverse("plans:detail", args=[draft.pk])).content.decode()
    assert url(draft) not in html


def test_it_shows_the_person_their_plan_without_the_trigger_button(client_for, person_user, plan):
    html = client_for(person_user).get(url(plan)).content.decode()
    assert reverse("reviews:trigger", args=[plan.pk]) not in html
    assert reverse("reviews:request", args=[plan.person.pk]) in html


def test_it_offers_a_provider_no_link_to_a_page_they_may_not_use(client_for, person, plan):
    """A provider with consent sees the plan being carried out, but may not ask for a review."""
    response = client_for(provider_for(person, consent=True)).get(url(plan))
    assert response.status_code == 200
    assert reverse("reviews:request", args=[plan.person.pk]) not in response.content.decode()


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker"])
def test_it_hides_the_plan_from_other_teams_and_organisations(client_for, plan, who, request):
    assert client_for(request.getfixturevalue(who)).get(url(plan)).status_code == 404


def test_it_hides_the_plan_from_a_provider_without_consent(client_for, person, plan):
    assert client_for(provider_for(person, consent=False)).get(url(plan)).status_code == 404


@pytest.mark.parametrize("size", [1, 30])
def test_it_keeps_a_constant_number_of_queries(
    client_for, worker, person, org, team, size, django_assert_num_queries
):
    plan = agreed_plan(person, worker, actions=size)
    member = testing.make_circle_member(person)
    staff = testing.make_worker(org, team)
    for n, action in enumerate(plan.actions.all()):
        # Every kind of responsible person, and progress on most actions.
        if n % 3 == 1:
            action.responsible_is_person, action.responsible_member = False, member
        elif n % 3 == 2:
            action.responsible_is_person, action.responsible_staff = False, staff
        action.save()
        if n % 2 == 0:
            progress_record(
                plan=plan, action=action, status="under_way", happened_on=DAY, actor=worker
            )
    for kind in ReviewTrigger.Kind.values:
        trigger_record(
            person=person, plan=plan, kind=kind, details="x", happened_on=DAY, actor=worker
        )
    for n in range(size):
        contact_record(
            person=person,
            plan=plan,
            with_whom=f"Someone {n}",
            how="visit",
            happened_on=timezone.localdate(),
            note=f"Contact {n}",
            actor=worker,
        )
    client = client_for(worker)
    client.get(url(plan))  # sessions and the like settle on the first request
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(url(plan))
    html = response.content.decode()
    assert html.count("Record progress") == size
    assert f"See all contacts ({size})" in html
    assert html.count("Contact ") == min(size, 3)


# …one for the plan's final reviews and their copies (R8), and two for the latest contacts and
# how many there are.
EXPECTED_QUERIES = 11


@pytest.mark.parametrize("size", [1, 30])
def test_it_keeps_a_constant_number_of_queries_for_a_provider(
    client_for, worker, person, size, django_assert_num_queries
):
    """A provider's page finds their own place in the circle once, not once an action."""
    plan = agreed_plan(person, worker, actions=size)
    provider = provider_for(person)
    member = CircleMember.objects.get(user=provider)
    plan.actions.update(responsible_is_person=False, responsible_member=member)
    client = client_for(provider)
    client.get(url(plan))
    with django_assert_num_queries(PROVIDER_QUERIES):
        response = client.get(url(plan))
    assert response.content.decode().count("Record progress") == size


# No contacts, triggers or reviews for a provider (plans/provider_part.py); one for their
# place in the circle to say which actions are theirs, one to say which they may record.
PROVIDER_QUERIES = 9

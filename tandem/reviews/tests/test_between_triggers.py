import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditAction, AuditEvent
from tandem.errors import Refused
from tandem.reviews.models import ReviewTrigger
from tandem.reviews.services import trigger_record
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan, date_data, provider_for

DAY = AGREED_ON + timedelta(days=10)


@pytest.fixture
def plan(person, worker):
    return agreed_plan(person, worker)


def trigger_url(plan):
    return reverse("reviews:trigger", args=[plan.pk])


def request_url(person):
    return reverse("reviews:request", args=[person.pk])


def trigger_data(**extra):
    return {
        "kind": "contingency",
        "details": "Her sister went into hospital",
        **date_data("happened_on", DAY),
        **extra,
    }


def test_it_records_a_contingency_trigger_making_an_urgent_review_due(client_for, worker, plan):
    response = client_for(worker).post(trigger_url(plan), trigger_data())
    assert response.status_code == 302
    trigger = ReviewTrigger.objects.get()
    assert (trigger.person, trigger.plan, trigger.kind, trigger.happened_on) == (
        plan.person,
        plan,
        "contingency",
        DAY,
    )
    assert trigger.is_urgent
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_TRIGGER)
    assert (event.plan, event.person, event.detail["urgent"]) == (plan, plan.person, True)


def test_it_refuses_a_future_date_keeping_what_was_typed(client_for, worker, plan):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(worker).post(
        trigger_url(plan), trigger_data(**date_data("happened_on", tomorrow))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The date it happened must be today or in the past" in html
    assert "Her sister went into hospital" in html
    assert not ReviewTrigger.objects.exists()


def test_it_asks_for_every_answer(client_for, worker, plan):
    html = client_for(worker).post(trigger_url(plan), {}).content.decode()
    for message in ("Select what happened", "Enter the details", "Enter the date it happened"):
        assert message in html


def test_it_records_the_same_form_sent_twice_once(client_for, worker, plan):
    data = trigger_data(submission_key=str(uuid.uuid4()))
    client_for(worker).post(trigger_url(plan), data)
    client_for(worker).post(trigger_url(plan), data)
    assert ReviewTrigger.objects.count() == 1


@pytest.mark.parametrize("role", ["person_user", "carer_user"])
def test_it_does_not_let_the_person_or_a_carer_record_a_contingency(
    client_for, plan, role, request
):
    user = request.getfixturevalue(role)
    assert client_for(user).post(trigger_url(plan), trigger_data()).status_code == 403
    with pytest.raises(Refused):
        trigger_record(
            person=plan.person, kind="contingency", details="x", happened_on=DAY, actor=user
        )
    assert not ReviewTrigger.objects.exists()


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker"])
def test_it_hides_the_plan_from_other_teams_and_organisations(client_for, plan, who, request):
    user = request.getfixturevalue(who)
    assert client_for(user).post(trigger_url(plan), trigger_data()).status_code == 404
    assert client_for(user).post(request_url(plan.person), {"details": "x"}).status_code == 404
    assert not ReviewTrigger.objects.exists()


def test_the_person_asks_for_a_review_from_their_own_login(client_for, person_user, plan):
    person = plan.person
    page = client_for(person_user).get(reverse("people:detail", args=[person.pk]))
    assert request_url(person) in page.content.decode()
    form = client_for(person_user).get(request_url(person)).content.decode()
    assert "Why would you like a review?" in form
    response = client_for(person_user).post(
        request_url(person), {"details": "My support is not working"}
    )
    assert response.status_code == 302
    trigger = ReviewTrigger.objects.get()
    assert (trigger.kind, trigger.person, trigger.plan, trigger.recorded_by) == (
        "asked",
        person,
        plan,
        person_user,
    )
    assert trigger.happened_on == timezone.localdate()
    assert not trigger.is_urgent


def test_a_worker_records_that_the_person_asked(client_for, worker, person):
    html = client_for(worker).get(request_url(person)).content.decode()
    assert "Why would the person like a review?" in html
    assert (
        client_for(worker).post(request_url(person), {"details": "Asked on the phone"}).status_code
        == 302
    )
    assert ReviewTrigger.objects.get().plan is None  # no agreed plan yet


def test_it_asks_why_keeping_the_page(client_for, person_user, person):
    response = client_for(person_user).post(request_url(person), {"details": ""})
    assert response.status_code == 200
    assert "Enter why you would like a review" in response.content.decode()
    assert not ReviewTrigger.objects.exists()


def test_it_does_not_let_a_provider_ask_for_a_review(client_for, person):
    assert (
        client_for(provider_for(person)).post(request_url(person), {"details": "x"}).status_code
        == 403
    )
    assert (
        client_for(provider_for(person, consent=False)).get(request_url(person)).status_code == 404
    )
    assert not ReviewTrigger.objects.exists()


def test_it_does_not_let_one_person_ask_for_another(client_for, person_user, org, team):
    from tandem import testing

    other = testing.make_person(org, team)
    assert client_for(person_user).post(request_url(other), {"details": "x"}).status_code == 404

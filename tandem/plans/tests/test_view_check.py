import pytest
from django.urls import reverse

from tandem import testing
from tandem.plans.models import Plan
from tandem.plans.tests.helpers import add_item, build_ready_plan


def url(plan):
    return reverse("plans:check", args=[plan.pk])


def test_it_refuses_to_send_and_lists_each_gap_as_a_link(client_for, worker, person):
    plan = testing.make_plan(person, worker)
    outcome = add_item(plan, "outcome", worker, words="Get back to the allotment")
    response = client_for(worker).post(url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The plan cannot be sent for agreement yet" in html
    assert html.startswith("<!DOCTYPE html>") and "<title>Error:" in html
    # P3: the outcome without an indicator, linked to the outcome itself.
    assert "Add how you will know the outcome “Get back to the allotment” is achieved" in html
    assert reverse("plans:item", args=[plan.pk, "outcome", outcome.pk]) in html
    # P1 and P6 gaps, linked to where they are fixed.
    assert "Say who prepared the plan and how" in html
    assert reverse("plans:section", args=[plan.pk, "about"]) in html
    assert "Risk – how the person stays safe and well is missing" in html
    assert reverse("plans:element", args=[plan.pk, "risk"]) in html
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_it_sends_a_complete_plan_for_agreement(client_for, worker, person):
    plan = build_ready_plan(person=person, actor=worker)
    response = client_for(worker).post(url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:agree", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.READY


def test_it_shows_the_answers_to_check(client_for, worker, person):
    plan = build_ready_plan(person=person, actor=worker)
    html = client_for(worker).get(url(plan)).content.decode()
    assert "My garden and my cat" in html
    assert "I want to go to the gardening club every Tuesday" in html
    assert "Send for agreement" in html


def test_it_does_not_let_the_person_send_for_agreement(client_for, worker, person, person_user):
    plan = build_ready_plan(person=person, actor=worker)
    assert client_for(person_user).post(url(plan)).status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_it_hides_the_page_from_another_organisation(client_for, other_org_worker, worker, person):
    plan = testing.make_plan(person, worker)
    assert client_for(other_org_worker).get(url(plan)).status_code == 404


@pytest.mark.parametrize("reason", ["The person has no risks we know of after a full assessment"])
def test_it_accepts_an_element_marked_not_applicable_with_a_reason(
    client_for, worker, person, reason
):
    plan = build_ready_plan(person=person, actor=worker)
    plan.risks.all().delete()
    client = client_for(worker)
    element_url = reverse("plans:element", args=[plan.pk, "risk"])
    response = client.post(element_url, {"reason": reason})
    assert response.status_code == 302
    assert response["Location"] == url(plan)
    assert Plan.objects.get(pk=plan.pk).elements_not_applicable == {"risk": reason}
    response = client.post(url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:agree", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.READY


def test_it_answers_404_for_an_unknown_element(client_for, worker, person):
    plan = testing.make_plan(person, worker)
    assert (
        client_for(worker).get(reverse("plans:element", args=[plan.pk, "magic"])).status_code == 404
    )


def test_it_refuses_a_stale_not_applicable_reason_and_keeps_it(
    client_for, worker, person_user, person
):
    plan = build_ready_plan(person=person, actor=worker)
    element_url = reverse("plans:element", args=[plan.pk, "risk"])
    client_for(worker).post(element_url, {"reason": "Assessed: no risks", "revision": 0})
    response = client_for(person_user).post(element_url, {"reason": "My reason", "revision": 0})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this" in html and "My reason" in html
    assert Plan.objects.get(pk=plan.pk).elements_not_applicable == {"risk": "Assessed: no risks"}


@pytest.mark.parametrize("element", ["outcomes", "treatments"])
def test_it_does_not_offer_not_applicable_for_outcomes_or_actions(
    client_for, worker, person, element
):
    plan = testing.make_plan(person, worker)
    url_ = reverse("plans:element", args=[plan.pk, element])
    assert client_for(worker).post(url_, {"reason": "Not needed", "revision": 0}).status_code == 404
    assert Plan.objects.get(pk=plan.pk).elements_not_applicable == {}

import datetime

import pytest
from django.urls import reverse

from tandem import testing
from tandem.plans.models import Action, Indicator, Outcome
from tandem.plans.tests.helpers import add_item


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


OUTCOME = {
    "words": "I want to swim every week",
    "kind": "change",
    "achieve_by_day": "1",
    "achieve_by_month": "9",
    "achieve_by_year": "2027",
    "life_area": "ascot:occupation",
    "revision": 0,
}


def add_url(plan, kind):
    return reverse("plans:item_add", args=[plan.pk, kind])


def test_it_adds_an_outcome_and_goes_on_to_its_indicators(client_for, worker, plan):
    response = client_for(worker).post(add_url(plan, "outcome"), OUTCOME)
    outcome = Outcome.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])
    assert outcome.words == "I want to swim every week"
    assert outcome.life_area == "ascot:occupation"


def test_it_offers_the_childrens_wellbeing_areas_for_a_child(client_for, worker, org, team):
    child = testing.make_person(org, team, age_group="child")
    plan = testing.make_plan(child, worker)
    html = client_for(worker).get(add_url(plan, "outcome")).content.decode()
    assert "Nurtured" in html
    assert "Food and drink" not in html


def test_it_refuses_an_outcome_without_words_or_date(client_for, worker, plan):
    response = client_for(worker).post(add_url(plan, "outcome"), {"kind": "change", "revision": 0})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert not Outcome.objects.filter(plan=plan).exists()


def test_it_adds_an_indicator_to_an_outcome(client_for, worker, plan):
    outcome = add_item(plan, "outcome", worker)
    response = client_for(worker).post(
        add_url(plan, "indicator") + f"?outcome={outcome.pk}",
        {
            "description": "Swims 4 times a month",
            "due_on_day": "1",
            "due_on_month": "6",
            "due_on_year": "2027",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])
    assert Indicator.objects.get(outcome=outcome).description == "Swims 4 times a month"


def test_it_refuses_an_outcome_of_another_plan(client_for, worker, org, team, plan):
    other_plan = testing.make_plan(testing.make_person(org, team), worker)
    other_outcome = add_item(other_plan, "outcome", worker)
    response = client_for(worker).get(add_url(plan, "indicator") + f"?outcome={other_outcome.pk}")
    assert response.status_code == 404
    response = client_for(worker).get(
        reverse("plans:item", args=[plan.pk, "outcome", other_outcome.pk])
    )
    assert response.status_code == 404


def test_it_answers_404_for_a_badly_formed_outcome_id(client_for, worker, plan):
    response = client_for(worker).get(add_url(plan, "indicator") + "?outcome=abc")
    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_kind(client_for, worker, plan):
    assert client_for(worker).get(add_url(plan, "budget")).status_code == 404


def action_data(outcome, **overrides):
    return {
        "outcome": outcome.pk,
        "description": "Book swimming lessons",
        "kind": "community",
        "responsible": "person",
        "due_on_day": "1",
        "due_on_month": "3",
        "due_on_year": "2027",
        "funded_by": "own",
        "revision": 0,
        **overrides,
    }


def test_it_adds_an_action_with_a_named_circle_member(client_for, worker, person, plan):
    member = testing.make_circle_member(person, name="Dee Daughter")
    outcome = add_item(plan, "outcome", worker)
    response = client_for(worker).post(
        add_url(plan, "action"), action_data(outcome, responsible=f"member:{member.pk}")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:section", args=[plan.pk, "actions"])
    action = Action.objects.get(plan=plan)
    assert action.responsible_member == member
    assert not action.responsible_is_person


def test_it_accepts_a_start_date_and_frequency_as_the_when(client_for, worker, plan):
    outcome = add_item(plan, "outcome", worker)
    data = action_data(outcome, due_on_day="", due_on_month="", due_on_year="")
    data |= {
        "starts_on_day": "5",
        "starts_on_month": "1",
        "starts_on_year": "2027",
        "frequency": "Every Tuesday",
    }
    response = client_for(worker).post(add_url(plan, "action"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:section", args=[plan.pk, "actions"])
    action = Action.objects.get(plan=plan)
    assert action.frequency == "Every Tuesday"
    assert (action.starts_on, action.due_on) == (datetime.date(2027, 1, 5), None)


def test_it_refuses_an_action_without_a_when(client_for, worker, plan):
    outcome = add_item(plan, "outcome", worker)
    data = action_data(outcome, due_on_day="", due_on_month="", due_on_year="", frequency="Weekly")
    response = client_for(worker).post(add_url(plan, "action"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the date it will be done by, or a start date and how often it happens" in html
    assert "Book swimming lessons" in html
    assert not Action.objects.filter(plan=plan).exists()


def test_it_refuses_someone_from_another_persons_circle(client_for, worker, org, team, plan):
    stranger = testing.make_circle_member(testing.make_person(org, team))
    outcome = add_item(plan, "outcome", worker)
    response = client_for(worker).post(
        add_url(plan, "action"), action_data(outcome, responsible=f"member:{stranger.pk}")
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_it_changes_an_item_and_refuses_a_stale_change(client_for, worker, person_user, plan):
    outcome = add_item(plan, "outcome", worker)
    url = reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])
    data = OUTCOME | {"revision": 1, "words": "Swim twice a week"}
    response = client_for(worker).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:section", args=[plan.pk, "outcomes"])
    assert Outcome.objects.get(pk=outcome.pk).revision == 2
    stale = client_for(person_user).post(url, data | {"words": "Swim with my friend"})
    assert stale.status_code == 200
    assert "Someone else changed this" in stale.content.decode()
    assert "Swim with my friend" in stale.content.decode()
    assert Outcome.objects.get(pk=outcome.pk).words == "Swim twice a week"


def test_it_removes_an_item_after_confirmation(client_for, worker, plan):
    risk = add_item(plan, "risk", worker)
    url = reverse("plans:item_remove", args=[plan.pk, "risk", risk.pk])
    client = client_for(worker)
    assert "Are you sure" in client.get(url).content.decode()
    response = client.post(url, {"revision": risk.revision})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:section", args=[plan.pk, "risks"])
    assert not plan.risks.exists()


def test_it_refuses_to_remove_an_item_changed_since_it_was_shown(client_for, worker, plan):
    risk = add_item(plan, "risk", worker)
    url = reverse("plans:item_remove", args=[plan.pk, "risk", risk.pk])
    response = client_for(worker).post(url, {"revision": risk.revision + 5})
    assert response.status_code == 200
    assert plan.risks.exists()


def test_it_refuses_a_badly_formed_revision(client_for, worker, plan):
    risk = add_item(plan, "risk", worker)
    url = reverse("plans:item_remove", args=[plan.pk, "risk", risk.pk])
    response = client_for(worker).post(url, {"revision": "abc"})
    assert response.status_code == 200
    assert plan.risks.exists()


def test_it_hides_items_from_another_organisation(client_for, other_org_worker, worker, plan):
    outcome = add_item(plan, "outcome", worker)
    url = reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])
    assert client_for(other_org_worker).get(url).status_code == 404


def test_it_shows_what_is_saved_now_after_a_stale_change(client_for, worker, person_user, plan):
    outcome = add_item(plan, "outcome", worker)
    url = reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])
    client_for(worker).post(url, OUTCOME | {"revision": 1, "words": "Swim twice a week"})
    stale = client_for(person_user).post(url, OUTCOME | {"revision": 1, "words": "Swim with Jo"})
    html = stale.content.decode()
    assert "What is saved now" in html and "Swim twice a week" in html
    assert "Swim with Jo" in html


def test_it_keeps_what_was_typed_when_someone_else_removed_the_item(
    client_for, worker, person_user, plan
):
    risk = add_item(plan, "risk", worker)
    url = reverse("plans:item", args=[plan.pk, "risk", risk.pk])
    data = {"description": "Falls on the stairs", "how_managed": "A second rail", "revision": 1}
    client_for(worker).post(
        reverse("plans:item_remove", args=[plan.pk, "risk", risk.pk]), {"revision": 1}
    )
    response = client_for(person_user).post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else removed this" in html
    assert "A second rail" in html
    assert reverse("plans:item_add", args=[plan.pk, "risk"]) in html

"""documents:compare — two versions (or sent copies) of a person's plan, and what changed."""

import re

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.documents.tests.builders import (
    add_outcome,
    build_agreed_plan,
    build_plan,
    fresh,
    update_section,
)
from tandem.plans.models import Action, SupportArrangement
from tandem.plans.services import (
    disagreement_add,
    plan_item_delete,
    plan_item_update,
    plan_start_new_version,
)


def compare_url(person, **params) -> str:
    url = reverse("documents:compare", args=[person.pk])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def versions(person, worker):
    """Version 1 agreed; version 2 a draft with one change of each kind."""
    v1, _issue = build_agreed_plan(person=person, actor=worker)
    v2 = plan_start_new_version(plan=v1, actor=worker)
    update_section(v2, "important", worker, important_to_me="My garden and my grandchildren")
    add_outcome(v2, worker, "Stay in my own home")
    support = SupportArrangement.objects.get(plan=v2)
    plan_item_delete(item=support, revision=support.revision, actor=worker)
    action = Action.objects.get(plan=v2)
    plan_item_update(
        item=action, data={"frequency": "Every Tuesday"}, revision=action.revision, actor=worker
    )
    return fresh(v1), fresh(v2)


def test_it_compares_the_previous_version_with_the_latest_by_default(
    client_for, person, worker, versions
):
    response = client_for(worker).get(compare_url(person))

    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "Compare versions of Pri’s support plan" in text
    assert "From Version 1 as it is now (Agreed)" in text
    assert "To Version 2 as it is now (Draft)" in text
    # changed field, old → new, with words as well as strike-through and underline
    removed = '<span class="govuk-visually-hidden">removed: </span><del>My garden and my cat</del>'
    added = '<span class="govuk-visually-hidden">added: </span><ins>My garden and my grandchildren'
    assert removed in html
    assert added in html
    assert "Added Outcome: Stay in my own home" in text
    assert "Removed Support arrangement: Help with shopping" in text
    assert "Changed Action: Find a lift to the club" in text
    assert "Every Tuesday" in text


def test_it_offers_every_version_and_sent_copy(client_for, person, worker, versions):
    v1, v2 = versions

    html = client_for(worker).get(compare_url(person)).content.decode()

    assert re.search(rf'<option value="{v1.pk}" selected>Version 1 as it is now', html)
    assert re.search(rf'<option value="{v1.pk}:1">Version 1, copy 1 sent on', html)
    assert re.search(rf'<option value="{v2.pk}" selected>Version 2 as it is now', html)


def test_it_compares_a_sent_copy(client_for, person, worker, versions):
    v1, v2 = versions

    response = client_for(worker).get(compare_url(person, **{"from": f"{v1.pk}:1", "to": v2.pk}))

    assert response.status_code == 200
    assert "From Version 1, copy 1 sent on" in text_of(response)
    assert "Stay in my own home" in text_of(response)


def test_it_says_when_there_are_no_changes(client_for, person, worker, versions):
    v1, _v2 = versions

    response = client_for(worker).get(compare_url(person, **{"from": v1.pk, "to": f"{v1.pk}:1"}))

    assert "No changes" in text_of(response)


def test_it_records_that_versions_were_compared(client_for, person, worker, versions):
    v1, v2 = versions

    client_for(worker).get(compare_url(person))

    event = AuditEvent.objects.get(action="plan.compare.view")
    assert event.person == person and event.plan == v2
    assert event.detail == {"from": str(v1.pk), "to": str(v2.pk)}


def test_it_says_when_there_is_only_one_version(client_for, person, worker):
    build_plan(person=person, actor=worker)

    response = client_for(worker).get(compare_url(person))

    assert "There is only one version of this plan so far" in text_of(response)


def test_it_answers_404_when_the_person_has_no_plan(client_for, person, worker):
    assert client_for(worker).get(compare_url(person)).status_code == 404


def test_it_shows_the_person_their_versions(client_for, person, person_user, versions):
    assert client_for(person_user).get(compare_url(person)).status_code == 200


def test_it_refuses_another_persons_plan_id(client_for, org, team, person, worker, versions):
    v1, _v2 = versions
    other = testing.make_person(org, team)
    others_plan = build_plan(person=other, actor=worker)
    client = client_for(worker)

    assert client.get(compare_url(person, **{"from": others_plan.pk})).status_code == 404
    assert client.get(compare_url(person, to=others_plan.pk)).status_code == 404
    assert client.get(compare_url(person, to=f"{others_plan.pk}:1")).status_code == 404
    assert client.get(compare_url(person, to=f"{v1.pk}:99")).status_code == 404
    assert client.get(compare_url(person, to="nonsense")).status_code == 404


def test_it_hides_the_person_from_another_team(client_for, person, other_team_worker, versions):
    assert client_for(other_team_worker).get(compare_url(person)).status_code == 404


def test_it_hides_the_person_from_another_organisation(
    client_for, person, other_org_worker, versions
):
    assert client_for(other_org_worker).get(compare_url(person)).status_code == 404
    assert not AuditEvent.objects.filter(action="plan.compare.view").exists()


def test_it_shows_a_disagreement_added_in_a_later_copy_of_one_version(client_for, person, worker):
    """Comparing two copies of one version said "No changes" though the second added one."""
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    disagreement_add(plan=plan, section="support", details="Mornings are too early", actor=worker)

    response = client_for(worker).get(
        compare_url(person, **{"from": f"{plan.pk}:1", "to": f"{plan.pk}:2"})
    )

    text = text_of(response)
    assert "No changes" not in text
    assert "Areas of disagreement" in text
    assert "Mornings are too early" in text


def test_it_compares_the_last_copies_sent_of_the_only_version_by_default(
    client_for, person, worker
):
    """With one version, the page said "You chose the same version twice" before any choice."""
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    disagreement_add(plan=plan, section="risks", details="Falls are likelier", actor=worker)

    text = text_of(client_for(worker).get(compare_url(person)))

    assert "You chose the same version twice" not in text
    assert "From Version 1, copy 1 sent on" in text
    assert "Falls are likelier" in text

"""documents:plan — the printable plan document for a version as it is now."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.documents.headings import HEADINGS
from tandem.documents.tests.builders import add_action, add_outcome, build_plan
from tandem.plans.services import disagreement_add, plan_create, plan_mark_not_applicable


def document_url(plan) -> str:
    if not apps.is_installed("tandem.documents"):
        pytest.fail('Add "tandem.documents" to INSTALLED_APPS in tandem/settings.py')
    try:
        return reverse("documents:plan", args=[plan.pk])
    except NoReverseMatch:
        pytest.fail('Add path("documents/", include("tandem.documents.urls")) to tandem/urls.py')


def text_of(response) -> str:
    """The page's words, without tags, with whitespace collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def plan(person, worker):
    return build_plan(person=person, actor=worker)


def test_it_shows_the_seven_headings_in_order(client_for, worker, plan):
    response = client_for(worker).get(document_url(plan))

    assert response.status_code == 200
    text = text_of(response)
    positions = [text.index(str(title)) for title in HEADINGS.values()]
    assert positions == sorted(positions)
    assert "Pri’s support plan" in text


def test_it_shows_the_plan_content(client_for, worker, plan):
    text = text_of(client_for(worker).get(document_url(plan)))

    assert "My garden and my cat" in text
    assert "Go to the gardening club every Tuesday" in text
    assert "Evidence for: Go to the gardening club every Tuesday" in text
    assert "30 September 2026" in text  # outcome date, from the snapshot's ISO date
    assert "Social participation and involvement" in text  # area of life
    assert "Help with shopping" in text
    assert "£250.00" in text and "Every 4 weeks" in text  # direct payment (P12)
    assert "Call my sister, then the duty team" in text  # contingency (P9)
    assert "A fall, or not answering the phone for a day" in text  # its triggers
    assert "Find a lift to the club" in text
    assert "Help to prepare meals" in text and "Assessed as eligible" in text


def test_it_groups_everything_by_how_it_is_resourced(client_for, worker, plan):
    html = client_for(worker).get(document_url(plan)).content.decode()

    assert re.search(r"<caption[^>]*>\s*Personal budget\s*</caption>", html)
    assert re.search(r"<caption[^>]*>\s*Natural support from family, friends or carers", html)


def test_it_says_the_plan_is_not_a_contract(client_for, worker, plan):
    html = client_for(worker).get(document_url(plan)).content.decode()

    inset = re.search(r'<div class="govuk-inset-text">(.*?)</div>', html, re.S)
    assert inset, "the not-a-contract statement is in an inset"
    assert "This plan is not a contract." in inset[1]
    assert "You can ask to change your plan at any time" in inset[1]
    assert "Wendy Worker" in inset[1]  # and who to tell


def test_it_shows_a_missing_element_as_a_gap(client_for, person, worker):
    plan = plan_create(person=person, actor=worker)
    outcome = add_outcome(plan, worker)
    add_action(plan, worker, outcome)

    html = client_for(worker).get(document_url(plan)).content.decode()

    assert re.search(r'govuk-tag--red">\s*Gap\s*<', html)
    text = text_of_html(html)
    assert "This plan has 4 gaps." in text  # support, risk, cost and leadership
    assert "Nothing recorded yet" in text  # empty sections still show


def test_it_shows_a_not_applicable_element_with_its_reason(client_for, worker, plan):
    from tandem.plans.models import Risk

    Risk.objects.filter(plan=plan).delete()
    plan_mark_not_applicable(
        plan=plan, element="risk", reason="No risks were identified at the meeting", actor=worker
    )

    html = client_for(worker).get(document_url(plan)).content.decode()

    assert re.search(r'govuk-tag--grey">\s*Not applicable\s*<', html)
    assert "No risks were identified at the meeting" in html
    assert not re.search(r'govuk-tag--red">\s*Gap\s*<', html)


def test_it_shows_disagreements_with_their_section(client_for, worker, plan):
    disagreement_add(
        plan=plan,
        section="budget",
        raised_by="Sue Sister",
        details="The budget is too small for two hours",
        actor=worker,
    )

    text = text_of(client_for(worker).get(document_url(plan)))

    assert "About “How I will use my personal budget”" in text
    assert "Sue Sister" in text
    assert "The budget is too small for two hours" in text
    assert "The plan coordinator has not decided yet" in text


def test_it_shows_the_part_a_disagreement_is_about(client_for, worker, plan):
    action = plan.actions.first()
    disagreement_add(
        plan=plan,
        section="actions",
        part_kind="action",
        part_uid=action.uid,
        raised_by="Sue Sister",
        details="A taxi would be better",
        actor=worker,
    )

    text = text_of(client_for(worker).get(document_url(plan)))

    assert f"About the action “{action.description}”" in text
    assert "Part of the plan My action plan" in text


def test_it_records_that_the_document_was_viewed(client_for, worker, plan):
    client_for(worker).get(document_url(plan))

    event = AuditEvent.objects.get(action="plan.document.view")
    assert event.plan == plan and event.actor == worker and event.person == plan.person


def test_it_shows_the_person_their_own_plan(client_for, person_user, plan):
    assert client_for(person_user).get(document_url(plan)).status_code == 200


def test_it_shows_a_consenting_carer_the_plan(client_for, carer_user, plan):
    assert client_for(carer_user).get(document_url(plan)).status_code == 200


def test_it_hides_the_plan_from_another_team(client_for, other_team_worker, plan):
    assert client_for(other_team_worker).get(document_url(plan)).status_code == 404


def test_it_hides_the_plan_from_another_organisation(client_for, other_org_worker, plan):
    assert client_for(other_org_worker).get(document_url(plan)).status_code == 404
    assert not AuditEvent.objects.filter(action="plan.document.view").exists()


def test_it_hides_another_persons_plan_from_the_person(client_for, org, team, worker, plan):
    someone_else = testing.make_person(org, team)
    other_user = testing.make_user_for_person(someone_else)

    assert client_for(other_user).get(document_url(plan)).status_code == 404


def test_it_asks_anyone_signed_out_to_sign_in(client, plan):
    response = client.get(document_url(plan))

    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_it_uses_the_same_number_of_queries_however_big_the_plan(
    client_for, person, worker, org, team, django_assert_num_queries
):
    small = build_plan(person=person, actor=worker, outcomes=1)
    other = testing.make_person(org, team)
    big = build_plan(person=other, actor=worker, outcomes=30)
    client = client_for(worker)
    client.get(document_url(small))  # warm up the session and anything cached once

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(document_url(small)).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        response = client.get(document_url(big))
    assert "Outcome number 30" in text_of(response)


def text_of_html(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())

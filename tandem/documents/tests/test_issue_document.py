"""documents:issue — a copy of the plan exactly as it was sent (A2, A4)."""

import re

from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.documents.tests.builders import agree, build_agreed_plan, fresh, update_section
from tandem.plans.services import disagreement_add, plan_start_new_version


def issue_url(plan, number) -> str:
    return reverse("documents:issue", args=[plan.pk, number])


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# Version 1, agreed, with its first copy sent to the person, the carer and the worker.
built = testing.built_once(
    carer_user=lambda s: testing.make_carer_user(s.person, first_name="Carol", last_name="Carer"),
    agreed=lambda s: build_agreed_plan(person=s.person, actor=s.worker),
)


org, team, worker, person, carer_user, agreed = testing.from_scene(
    "org", "team", "worker", "person", "carer_user", "agreed"
)


def test_it_shows_the_copy_with_its_number_date_and_reason(client_for, worker, agreed):
    plan, issue = agreed

    response = client_for(worker).get(issue_url(plan, issue.number))

    assert response.status_code == 200
    text = text_of(response)
    assert "Pri’s support plan" in text
    assert "Copy 1, sent on" in text
    assert "Plan agreed" in text
    assert "This plan is not a contract." in text


def test_it_lists_who_the_copy_was_sent_to(client_for, worker, agreed):
    plan, issue = agreed

    text = text_of(client_for(worker).get(issue_url(plan, issue.number)))

    assert "Who this copy was sent to" in text
    assert "Priya Patel The person Standard print" in text
    assert "Carol Carer Carer Standard print" in text
    assert "Wendy Worker Plan coordinator Standard print" in text


def test_it_still_shows_the_old_words_after_the_plan_has_changed(client_for, worker, agreed):
    plan, issue = agreed
    draft = plan_start_new_version(plan=plan, actor=worker)
    update_section(draft, "important", worker, important_to_me="Seeing my grandchildren")
    client = client_for(worker)

    old_copy = text_of(client.get(issue_url(plan, issue.number)))
    live = text_of(client.get(reverse("documents:plan", args=[draft.pk])))

    assert "My garden and my cat" in old_copy
    assert "Seeing my grandchildren" not in old_copy
    assert "Seeing my grandchildren" in live


def test_it_links_to_a_later_copy(client_for, person, worker, agreed):
    plan, issue = agreed
    disagreement_add(
        plan=plan,
        section="support",
        raised_by="Riverside Care Ltd",
        details="Too few hours",
        actor=worker,
    )
    client = client_for(worker)

    first = client.get(issue_url(plan, 1)).content.decode()
    second = client.get(issue_url(plan, 2)).content.decode()

    assert "A later copy has been sent since." in first
    assert f'href="{issue_url(plan, 2)}"' in first
    assert "A later copy has been sent since." not in second
    assert "Too few hours" in second  # A2: the re-issued copy shows the disagreement
    assert "Too few hours" not in first


def test_it_links_to_a_copy_of_a_later_version(client_for, person, worker, agreed):
    plan, issue = agreed
    draft = plan_start_new_version(plan=plan, actor=worker)
    new_issue = agree(fresh(draft), person=person, actor=worker)

    html = client_for(worker).get(issue_url(plan, issue.number)).content.decode()

    assert f'href="{issue_url(draft, new_issue.number)}"' in html
    assert "version 2, copy 1" in html


def test_it_records_that_the_copy_was_viewed(client_for, worker, agreed):
    plan, issue = agreed

    client_for(worker).get(issue_url(plan, issue.number))

    event = AuditEvent.objects.get(action="plan.issue.view")
    assert event.plan == plan and event.detail == {"issue": 1}


def test_it_shows_the_person_their_copy(client_for, person_user, agreed):
    plan, issue = agreed

    assert client_for(person_user).get(issue_url(plan, issue.number)).status_code == 200


def test_it_answers_404_for_a_copy_that_does_not_exist(client_for, worker, agreed):
    plan, _issue = agreed

    assert client_for(worker).get(issue_url(plan, 99)).status_code == 404


def test_it_hides_the_copy_from_another_team(client_for, other_team_worker, agreed):
    plan, issue = agreed

    assert client_for(other_team_worker).get(issue_url(plan, issue.number)).status_code == 404


def test_it_hides_the_copy_from_another_organisation(client_for, other_org_worker, agreed):
    plan, issue = agreed

    assert client_for(other_org_worker).get(issue_url(plan, issue.number)).status_code == 404
    assert not AuditEvent.objects.filter(action="plan.issue.view").exists()


def test_it_says_the_coordinator_had_not_decided_when_the_copy_was_sent(client_for, worker, agreed):
    plan, _issue = agreed
    disagreement_add(
        plan=plan, section="support", raised_by="Riverside Care Ltd", details="Late", actor=worker
    )

    copy = text_of(client_for(worker).get(issue_url(plan, 2)))
    live = text_of(client_for(worker).get(reverse("documents:plan", args=[plan.pk])))

    assert "The plan coordinator had not decided when this copy was sent" in copy
    assert "The plan coordinator has not decided yet" in live

"""The person's own home page (people:home): what is coming up in their plan, in plain English,
in each state a plan can be in – being written, waiting for agreement, agreed with a review
coming up, getting ready for it, answers recorded, actions overdue, and reviews held."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from tandem import testing
from tandem.documents.tests.builders import build_plan
from tandem.people.tests.home_helpers import (
    CONSULT_FROM,
    DUE,
    LATE,
    NOT_YET_DUE,
    REVIEW_DUE,
    agreed_plan,
    home_url,
)
from tandem.plans.services import plan_send_for_agreement
from tandem.plans.services.versions import plan_start_new_version
from tandem.reviews.models import ActionProgress
from tandem.reviews.tests.consultation_helpers import form_data
from tandem.reviews.tests.history_helpers import final_review

pytestmark = pytest.mark.django_db


def page(client_for, user) -> str:
    response = client_for(user).get(home_url())
    assert response.status_code == 200
    return response.text


def test_the_site_home_sends_the_person_to_their_home_page(client_for, person_user):
    response = client_for(person_user).get(reverse("home"))
    assert response["Location"] == reverse("people:home")


def test_a_person_with_no_plan_is_told_so(client_for, person_user):
    html = page(client_for, person_user)
    assert '<h1 class="govuk-heading-l">Your plan</h1>' in html
    assert "There is no plan yet. Your worker can help you start one." in html
    assert "The first review is set once the plan has been agreed." in html
    assert "There has not been a review yet." in html


def test_a_person_writing_their_plan_can_carry_on_writing_it(
    client_for, worker, person, person_user
):
    draft = testing.make_plan(person, worker)
    html = page(client_for, person_user)
    assert "The plan is being written. It is a draft until it is agreed." in html
    assert f'href="{reverse("plans:detail", args=[draft.pk])}">Carry on writing the plan' in html
    # Nothing to do yet for a review or for actions: each part says why, not a blank.
    assert "The first review is set once the plan has been agreed." in html
    assert "Your actions will be shown here once the plan has been agreed." in html
    assert "There has not been a review yet." in html
    assert "Get ready for your review" not in html
    assert f'href="{reverse("reviews:request", args=[person.pk])}">Ask for a review' in html


def test_a_plan_waiting_for_agreement_says_so_with_a_link(client_for, worker, person, person_user):
    plan = build_plan(person=person, actor=worker)
    plan_send_for_agreement(plan=plan, actor=worker)
    html = page(client_for, person_user)
    assert "The plan is ready and waiting for agreement." in html
    link = reverse("plans:detail", args=[plan.pk])
    assert f'href="{link}">Read the plan waiting for agreement' in html
    assert "Carry on writing the plan" not in html


@time_machine.travel(NOT_YET_DUE, tick=False)
def test_an_agreed_plan_shows_the_next_review_and_why_in_plain_words(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker)
    html = page(client_for, person_user)
    assert "The plan in place now was agreed on 5 March 2026 (version 1)." in html
    assert f'href="{reverse("plans:detail", args=[plan.pk])}">Read the plan in place now' in html
    assert f"The next review of the plan is due by {REVIEW_DUE}." in html
    assert "<li>6 weeks after new support started on 16 March 2026</li>" in html
    assert f"From {CONSULT_FROM} you will be asked who you want at the review" in html
    assert "Get ready for your review" not in html
    assert "Overdue" not in html


def test_no_rule_codes_are_shown_to_the_person(client_for, worker, person, person_user):
    with time_machine.travel(DUE, tick=False):
        agreed_plan(person, worker)
        asked = testing.client_for(person_user).post(
            reverse("reviews:request", args=[person.pk]),
            {"details": "My support is not working", "submission_key": str(uuid.uuid4())},
        )
        assert asked.status_code == 302
    with time_machine.travel(LATE, tick=False):
        html = page(client_for, person_user)
    assert "You asked for a review on 1 April 2026" in html
    for code in ("(R1)", "(R2)", "(R3)", "(R7", "(R10)", "(R11)", "R1)"):
        assert code not in html


@time_machine.travel(DUE, tick=False)
def test_a_person_asked_to_get_ready_for_their_review_is_told_and_linked(
    client_for, worker, person, person_user
):
    agreed_plan(person, worker)
    html = page(client_for, person_user)
    assert "Please get ready for your review" in html
    link = reverse("reviews:consultation", args=[person.pk])
    assert f'href="{link}">Get ready for your review</a>' in html


@time_machine.travel(DUE, tick=False)
def test_once_the_answers_are_recorded_it_says_when_and_lets_them_change(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker)
    client = client_for(person_user)
    saved = client.post(reverse("reviews:consultation", args=[person.pk]), form_data(plan))
    assert saved.status_code == 302
    html = client.get(home_url()).text
    assert "Who to invite and how the review is held were recorded on 1 April 2026." in html
    assert "Please get ready for your review" not in html
    assert "Change the answers" in html


def test_the_persons_own_actions_show_their_progress_and_overdue_ones_are_tagged(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker, actions=3)
    first, second, third = plan.actions.order_by("outcome__position", "position")
    # Someone else's action is not theirs to do: not listed.
    member = testing.make_circle_member(person, name="Brightside Care", kind="provider")
    third.responsible_is_person, third.responsible_member = False, member
    third.save()
    ActionProgress.objects.create(
        organisation=person.organisation,
        plan=plan,
        action_uid=second.uid,
        status=ActionProgress.Status.DONE,
        happened_on=datetime.date(2026, 4, 20),
        recorded_by=person_user,
    )
    with time_machine.travel(LATE, tick=False):
        html = page(client_for, person_user)
    rows = html.split('data-testid="home-actions"')[1].split("</table>")[0].split("<tr")[2:]
    assert len(rows) == 2
    assert first.description in rows[0] and "Nothing recorded yet" in rows[0]
    assert "30 April 2026" in rows[0] and "Overdue" in rows[0]
    assert second.description in rows[1] and "Done" in rows[1] and "20 April 2026" in rows[1]
    assert "Overdue" not in rows[1]  # done, so not overdue though its date has passed
    assert third.description not in html
    for action in (first, second):
        link = reverse("reviews:progress", args=[plan.pk, action.pk])
        assert f'href="{link}">Record progress' in html
    # The review is overdue too, and says so.
    assert f"The review was due on {REVIEW_DUE}." in html


def test_a_plan_without_actions_for_the_person_says_so(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    plan.actions.update(responsible_is_person=False, responsible_staff=worker)
    html = page(client_for, person_user)
    assert "There are no actions in the plan for you to do." in html


def test_a_new_version_being_written_is_shown_beside_the_plan_in_place(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker)
    draft = plan_start_new_version(plan=plan, actor=worker)
    html = page(client_for, person_user)
    assert "A new version of the plan is being written." in html
    assert f'href="{reverse("plans:detail", args=[draft.pk])}">Carry on writing' in html
    assert f'href="{reverse("plans:detail", args=[plan.pk])}">Read the plan in place now' in html


def test_the_last_review_links_to_its_record_and_progress_over_time(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker)
    final_review(person, plan, worker, datetime.date(2025, 3, 1), [0])
    latest = final_review(person, plan, worker, datetime.date(2026, 3, 10), [1])
    html = page(client_for, person_user)
    assert "The last review was held on 10 March 2026." in html
    link = reverse("reviews:review_document", args=[latest.pk])
    assert f'href="{link}">Read the record of the last review' in html
    assert f'href="{reverse("reviews:history", args=[person.pk])}">See progress over time' in html

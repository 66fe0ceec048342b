"""The pages of carrying out and reviewing a plan (issue 7, being built), in Chromium and checked
with axe-core (WCAG 2.2 AA): as they first show, and with their errors after an empty answer."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.reviews.services import review_start
from tandem.reviews.tests.between_helpers import agreed_plan, first_action
from tandem.reviews.tests.history_helpers import final_review
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    person = testing.make_person(org, team, given_name="Priya", preferred_name="Pri")
    person_user = testing.make_user_for_person(person)
    plan = agreed_plan(person, worker, actions=2)
    done = final_review(person, plan, worker, datetime.date(2026, 3, 20), [1, 0])
    final_review(person, plan, worker, datetime.date(2026, 6, 20), [2, 1])
    return {
        "worker": worker,
        "person": person,
        "person_user": person_user,
        "plan": plan,
        "final": done,
    }


def visit(page: Page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, path
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def submit_and_check_errors(page: Page) -> None:
    page.locator("main form[method=post] button.govuk-button[type=submit]").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_review_pages_are_accessible(live_server, page: Page, cast):
    plan, person, worker = cast["plan"], cast["person"], cast["worker"]
    action = first_action(plan)
    sign_in(page, live_server, worker)

    visit(page, live_server, reverse("reviews:carrying_out", args=[plan.pk]))
    visit(page, live_server, reverse("reviews:progress", args=[plan.pk, action.pk]))
    submit_and_check_errors(page)
    visit(page, live_server, reverse("reviews:trigger", args=[plan.pk]))
    submit_and_check_errors(page)
    visit(page, live_server, reverse("reviews:history", args=[person.pk]))
    visit(page, live_server, reverse("reviews:review_document", args=[cast["final"].pk]))
    visit(page, live_server, reverse("reviews:review_send", args=[cast["final"].pk]))
    draft = review_start(plan=plan, actor=worker)
    visit(page, live_server, reverse("reviews:review", args=[draft.pk]))
    visit(page, live_server, reverse("reviews:review_finalise", args=[draft.pk]))
    visit(page, live_server, reverse("plans:detail", args=[plan.pk]))  # the Next review card
    visit(page, live_server, reverse("people:detail", args=[person.pk]))

    sign_in(page, live_server, cast["person_user"])
    visit(page, live_server, reverse("reviews:request", args=[person.pk]))
    submit_and_check_errors(page)
    visit(page, live_server, reverse("reviews:history", args=[person.pk]))

"""The pages of carrying out and reviewing a plan (issue 7, being built), in Chromium and checked
with axe-core (WCAG 2.2 AA): as they first show, and with their errors after an empty answer."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.plans.tests.helpers import add_item
from tandem.reviews.services import review_start
from tandem.reviews.tests.between_helpers import agreed_plan, first_action
from tandem.reviews.tests.history_helpers import final_review
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    client = testing.sign_in(Client(), user)
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


def test_the_consultation_contacts_outcome_and_timescales_pages_are_accessible(
    live_server, page: Page, cast
):
    from tandem.budgets.tests.setup_helpers import make_admin
    from tandem.reviews.services.outcomes import review_outcome_add

    plan, person, worker = cast["plan"], cast["person"], cast["worker"]
    sign_in(page, live_server, worker)
    visit(page, live_server, reverse("reviews:contacts", args=[plan.pk]))  # empty
    visit(page, live_server, reverse("reviews:contact_add", args=[plan.pk]))
    submit_and_check_errors(page)
    visit(page, live_server, reverse("reviews:consultation", args=[person.pk]))
    draft = review_start(plan=plan, actor=worker)
    visit(page, live_server, reverse("reviews:outcome_add", args=[draft.pk]))
    submit_and_check_errors(page)
    row = review_outcome_add(
        review=draft,
        words="Cook my own tea",
        kind="change",
        achieve_by=datetime.date.today() + datetime.timedelta(days=90),
        actor=worker,
    )
    visit(page, live_server, reverse("reviews:outcome_change", args=[draft.pk, row.pk]))
    visit(page, live_server, reverse("reviews:outcome_remove", args=[draft.pk, row.pk]))
    # GAS levels in the person's words, set on an outcome of a draft plan.
    other = testing.make_person(person.organisation, person.team, given_name="Olu")
    draft_plan = testing.make_plan(other, worker)
    outcome = add_item(draft_plan, "outcome", worker)
    visit(page, live_server, reverse("plans:item", args=[draft_plan.pk, "outcome", outcome.pk]))
    add_level = reverse("plans:item_add", args=[draft_plan.pk, "attainment_level"])
    visit(page, live_server, f"{add_level}?outcome={outcome.pk}")
    submit_and_check_errors(page)

    sign_in(page, live_server, cast["person_user"])
    visit(page, live_server, reverse("reviews:consultation", args=[person.pk]))
    page.get_by_label("What is working? (optional)").fill("x" * 4001)
    submit_and_check_errors(page)

    sign_in(page, live_server, make_admin(person.organisation))
    visit(page, live_server, reverse("reviews:timescales"))
    page.get_by_label("Time between reviews").fill("13")
    submit_and_check_errors(page)

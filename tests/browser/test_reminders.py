"""The reminders pages in Chromium, checked with axe-core (WCAG 2.2 AA): a worker choosing a daily
digest and seeing the reminders sent on a person's progress page, and a person without an e-mail
address told plainly that they cannot have reminders."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.reminders.models import Notification
from tests.browser.axe import assert_accessible
from tests.browser.test_review_pages import sign_in, visit


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    person = testing.make_person(org, team, given_name="Priya", allocated_worker=worker)
    Notification.objects.create(
        organisation=org,
        recipient=worker,
        recipient_as=Notification.As.WORKER,
        person=person,
        kind="review",
        item_key="review:1:2027-03-04",
        what="Review of the plan",
        due_on=datetime.date(2027, 3, 4),
    )
    return {
        "worker": worker,
        "person": person,
        "own": testing.make_user_for_person(person, email=""),
    }


def test_the_reminders_pages_are_accessible(live_server, page: Page, cast):
    sign_in(page, live_server, cast["worker"])
    visit(page, live_server, reverse("reminders:settings"))
    page.get_by_label("One e-mail each morning listing all my reminders").check()
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.get_by_text("Your reminder settings have been saved")).to_be_visible()
    expect(page.get_by_label("One e-mail each morning listing all my reminders")).to_be_checked()

    visit(page, live_server, reverse("reviews:history", args=[cast["person"].pk]))
    expect(page.get_by_role("heading", name="Between reviews")).to_be_visible()
    expect(page.get_by_text("Reminder sent to Wendy Worker, the allocated worker")).to_be_visible()

    sign_in(page, live_server, cast["own"])
    visit(page, live_server, reverse("reminders:settings"))
    expect(page.get_by_text("There is no e-mail address on your account")).to_be_visible()
    page.get_by_label("Yes, e-mail me reminders").check()
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title("Error: Reminders – Tandem")
    assert_accessible(page)

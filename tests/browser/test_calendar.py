"""The calendar settings page (worklist:calendar) in Chromium, checked with axe-core (WCAG 2.2
AA) at each step: a worker makes their link, sees it once, reads the feed with it, renews it
(the old link stops working) and turns it off."""

import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.reviews.tests.test_due_batch import agreed_plan
from tests.browser.axe import assert_accessible
from tests.browser.test_review_pages import sign_in, visit


@pytest.fixture
def worker(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    agreed_plan(org, team, worker)
    return worker


def feed_status(live_server, link: str) -> int:
    """Read the feed as a calendar app would: not signed in (the link is for SITE_URL, not the
    live server's port, so only its path is used)."""
    path = link[link.index("/worklist/") :]
    try:
        with urllib.request.urlopen(live_server.url + path) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_worker_makes_renews_and_turns_off_their_calendar_link(live_server, page: Page, worker):
    sign_in(page, live_server, worker)
    visit(page, live_server, reverse("worklist:calendar"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your calendar")

    page.get_by_role("button", name="Make my calendar link").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your calendar link has been made"
    )
    link_box = page.get_by_label("Private calendar link")
    first = link_box.input_value()
    assert "/worklist/calendar/" in first and first.endswith(".ics")
    page.get_by_text("Google Calendar", exact=True).click()  # its steps open
    expect(page.get_by_text("then From URL")).to_be_visible()
    assert_accessible(page)
    assert feed_status(live_server, first) == 200

    page.get_by_label("Yes, show names and why each thing is due").check()
    page.get_by_role("button", name="Save your choice").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("names")
    expect(page.get_by_label("Private calendar link")).to_have_count(0)  # shown once only
    assert_accessible(page)

    page.get_by_role("button", name="Get a new link").click()
    second = page.get_by_label("Private calendar link").input_value()
    assert second != first
    assert_accessible(page)
    assert feed_status(live_server, first) == 404
    assert feed_status(live_server, second) == 200

    page.get_by_role("button", name="Turn off the link").click()
    expect(page.get_by_role("button", name="Make my calendar link")).to_be_visible()
    assert_accessible(page)
    assert feed_status(live_server, second) == 404

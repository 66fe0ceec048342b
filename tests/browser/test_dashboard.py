"""The team manager's dashboard in Chromium, checked with axe-core (WCAG 2.2 AA): the figures with
their charts and tables, a drill-down followed from a number to the people behind it and on to a
person, and the administrator's escalation setting with its errors."""

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.budgets.tests.setup_helpers import make_admin
from tandem.worklist.tests.dashboard_team import NOON_TODAY, hand_counted_team, only_reviews_due
from tests.browser.axe import assert_accessible
from tests.browser.test_review_pages import sign_in


@pytest.fixture
def north(transactional_db, monkeypatch):
    """The hand-counted team, on the day it was counted for (time moves on from there)."""
    only_reviews_due(monkeypatch)
    with time_machine.travel(NOON_TODAY, tick=True):
        yield hand_counted_team()


def test_a_manager_follows_a_number_to_the_people_behind_it(live_server, page: Page, north):
    sign_in(page, live_server, north.manager)
    page.goto(live_server.url + reverse("worklist:dashboard"))
    expect(page.get_by_role("heading", level=1, name="Team dashboard")).to_be_visible()
    expect(page.get_by_role("img", name="First reviews held on time")).to_be_visible()
    expect(page.get_by_role("table", name="Overdue work by worker: the figures")).to_be_visible()
    assert_accessible(page)

    page.locator("#first-reviews").get_by_role("link", name="see Late in First reviews").click()
    expect(page.get_by_role("heading", level=1, name="Late")).to_be_visible()
    ben = north.people["Ben"]
    expect(page.get_by_role("link", name=ben.full_name)).to_be_visible()
    expect(page.get_by_role("link", name=north.people["Ann"].full_name)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name=ben.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ben.full_name)

    sign_in(page, live_server, make_admin(north.org))
    page.goto(live_server.url + reverse("worklist:escalation"))
    assert_accessible(page)
    page.get_by_label("Escalate work overdue for more than").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 1 day")
    assert_accessible(page)

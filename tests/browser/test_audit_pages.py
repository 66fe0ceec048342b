"""The audit pages in Chromium, checked with axe-core (WCAG 2.2 AA): the person sees who looked at
their record, and a team manager filters the audit log (and is told when a date is wrong)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    """Through tandem.testing, as every test signs in (it completes whatever sign-in needs)."""
    client = testing.client_for(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def visit(page: Page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, path
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(
        org, team, first_name="Wendy", last_name="Worker", job_title="Senior social worker"
    )
    manager = testing.make_worker(
        org, team, role=Role.TEAM_MANAGER, first_name="Morgan", last_name="Manager"
    )
    person = testing.make_person(org, team, given_name="Priya", family_name="Patel")
    return {
        "worker": worker,
        "manager": manager,
        "person": person,
        "person_user": testing.make_user_for_person(person),
    }


def test_the_person_sees_who_looked_at_their_record(live_server, page: Page, cast):
    sign_in(page, live_server, cast["worker"])
    visit(page, live_server, reverse("people:detail", args=[cast["person"].pk]))

    sign_in(page, live_server, cast["person_user"])
    visit(page, live_server, reverse("people:home"))
    page.get_by_role("link", name="Who has looked at my record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at my record")
    table = page.get_by_test_id("record-access")
    expect(table).to_contain_text("Wendy Worker")
    expect(table).to_contain_text("Senior social worker, Riverside Council")
    expect(table).to_contain_text("Viewed the record of Priya Patel")
    assert_accessible(page)


def test_a_manager_filters_the_audit_log(live_server, page: Page, cast):
    sign_in(page, live_server, cast["worker"])
    visit(page, live_server, reverse("people:detail", args=[cast["person"].pk]))

    sign_in(page, live_server, cast["manager"])
    visit(page, live_server, reverse("audit:log"))
    page.get_by_label("Person").fill("Priya")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("audit-log")).to_contain_text("Wendy Worker")
    assert_accessible(page)

    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill("2026")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date from must be a real date"
    )
    assert_accessible(page)

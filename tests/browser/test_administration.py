"""The administrator's pages in Chromium, checked with axe-core (WCAG 2.2 AA) on every page: an
administrator adds a user, makes a social worker a team manager, and the audit trail has the old
and new role; their own role is not theirs to change."""

import pytest
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction, AuditEvent
from tests.browser.walkthrough import PASSWORD, Visit, sign_in


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    testing.make_team(org, "North adults team")
    testing.make_team(org, "Children and families")
    admin = testing.make_user(
        org, role=Role.ADMINISTRATOR, username="ada", first_name="Ada", last_name="Admin"
    )
    admin.set_password(PASSWORD)
    admin.save()
    return admin


def test_an_administrator_adds_a_user_and_makes_them_a_team_manager(live_server, page: Page, cast):
    visit = Visit(page, live_server)
    heading = page.get_by_role("heading", level=1)
    sign_in(visit, username="ada", name="Ada Admin")
    visit.check()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Administration").click()
    expect(heading).to_have_text("Administration")
    visit.check()

    page.get_by_role("link", name="Users", exact=True).click()
    expect(heading).to_have_text("Users")
    visit.check()
    page.get_by_role("button", name="Add a user").click()
    expect(heading).to_have_text("Add a user")
    visit.check()

    # A mistake first: the error summary, with what was typed kept.
    page.get_by_label("Username").fill("kim.newstarter")
    page.get_by_label("First name").fill("Kim")
    page.get_by_label("Last name").fill("Newstarter")
    page.get_by_label("Email address").fill("kim-at-example")
    page.get_by_label("Social worker", exact=True).check()
    page.get_by_label("North adults team").check()
    page.get_by_role("button", name="Add user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter an email address in the correct format"
    )
    expect(page.get_by_label("First name")).to_have_value("Kim")
    visit.check()
    page.get_by_label("Email address").fill("kim@example.org")
    page.get_by_role("button", name="Add user").click()
    expect(heading).to_have_text("Kim Newstarter")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Social worker")
    visit.check()

    page.get_by_role("link", name="Change role").click()
    expect(heading).to_have_text("Change details")
    visit.check()
    page.get_by_label("Team manager", exact=True).check()
    page.get_by_label("Children and families").check()
    page.get_by_role("button", name="Save changes").click()
    expect(heading).to_have_text("Kim Newstarter")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Team manager")
    visit.check()

    # Their own page says they cannot change their own access.
    page.get_by_role("link", name="Back to users").click()
    expect(heading).to_have_text("Users")
    visit.check()
    page.get_by_role("link", name="Ada Admin").click()
    expect(page.get_by_text("You cannot change your own role, teams or sign-in")).to_be_visible()
    visit.check()
    visit.assert_all_checked()

    kim = User.objects.get(username="kim.newstarter")
    assert kim.role == Role.TEAM_MANAGER
    event = AuditEvent.objects.get(action=AuditAction.USER_UPDATE)
    assert event.actor == cast
    assert event.detail["changes"]["role"] == [Role.SOCIAL_WORKER, Role.TEAM_MANAGER]

"""A system's way in, in Chromium, checked with axe-core (WCAG 2.2 AA) on every page: an
administrator adds a service account, makes a token that is shown once, the token reads the API,
and once revoked on the page it is refused."""

import pytest
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tests.browser.walkthrough import PASSWORD, Visit, sign_in


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    testing.make_person(org, team, given_name="Priya")
    admin = testing.make_user(
        org, role=Role.ADMINISTRATOR, username="ada", first_name="Ada", last_name="Admin"
    )
    admin.set_password(PASSWORD)
    admin.save()
    return admin


def test_an_administrator_gives_a_health_partner_a_token_and_revokes_it(
    live_server, page: Page, cast
):
    visit = Visit(page, live_server)
    heading = page.get_by_role("heading", level=1)
    sign_in(visit, username="ada", name="Ada Admin")
    visit.check()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Administration").click()
    expect(heading).to_have_text("Administration")
    visit.check()
    page.get_by_role("link", name="Systems using the API").click()
    expect(heading).to_have_text("Systems using the API")
    expect(page.get_by_text("No system uses the API yet.")).to_be_visible()
    visit.check()

    page.get_by_role("button", name="Add a service account").click()
    expect(heading).to_have_text("Add a service account")
    visit.check()
    # A mistake first: the error summary, with what was chosen kept.
    page.get_by_label("Social worker", exact=True).check()
    page.get_by_role("button", name="Add service account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the system is called")
    expect(page.get_by_label("Social worker", exact=True)).to_be_checked()
    visit.check()
    page.get_by_label("Name of the system").fill("Riverside hospital trust")
    page.get_by_label("North adults team").check()
    page.get_by_role("button", name="Add service account").click()
    expect(heading).to_have_text("Riverside hospital trust")
    expect(page.get_by_text("It has no tokens yet")).to_be_visible()
    visit.check()

    page.get_by_label("Name of the token").fill("Live server")
    page.get_by_role("button", name="Make token").click()
    expect(heading).to_have_text("Token made")
    visit.check()
    key = page.locator("code.tandem-token").inner_text()
    answer = page.request.get(
        live_server.url + "/api/v1/people/", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 200
    assert [p["given_name"] for p in answer.json()["results"]] == ["Priya"]

    page.get_by_role("link", name="Back to the service account").click()
    expect(heading).to_have_text("Riverside hospital trust")
    expect(page.locator("body")).not_to_contain_text(key)
    visit.check()
    page.get_by_role("link", name="Revoke Live server").click()
    expect(heading).to_have_text("Revoke the token “Live server”?")
    visit.check()
    page.get_by_role("button", name="Revoke token").click()
    expect(page.locator(".govuk-table")).to_contain_text("Revoked")
    visit.check()
    refused = page.request.get(
        live_server.url + "/api/v1/people/", headers={"Authorization": f"Bearer {key}"}
    )
    assert refused.status == 401
    visit.assert_all_checked()

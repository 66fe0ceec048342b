"""Break-glass in a browser (issue 9): a practitioner of another team finds a person by their
local identifier, opens the record in an emergency with a reason, and sees it; the team manager
finds it on their worklist and records that they reviewed it. And consent as a record: the
manager records a daughter's consent and then its withdrawal. Every page on the way passes axe.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import BreakGlassAccess
from tests.browser.walkthrough import PASSWORD, Visit, fill_date, sign_in

REASON = "Her husband rang the duty line: she has fallen and the crew need her medication list."


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    north = testing.make_team(org, "North adults team")
    children = testing.make_team(org, "Children and families team")
    lee = testing.make_worker(org, children, username="lee", first_name="Lee", last_name="Turner")
    manager = testing.make_worker(
        org,
        north,
        role=Role.TEAM_MANAGER,
        username="manny",
        first_name="Manny",
        last_name="Manager",
    )
    person = testing.make_person(
        org,
        north,
        given_name="Iris",
        family_name="Nettlefold",
        local_identifier="RC-20417",
        date_of_birth=datetime.date(1955, 4, 2),
    )
    for user in (lee, manager):
        user.set_password(PASSWORD)
        user.save()
    return {"person": person, "lee": lee, "manager": manager}


def test_a_practitioner_opens_a_record_in_an_emergency_and_the_manager_reviews_it(
    live_server, page: Page, new_context, cast
):
    lee = Visit(page, live_server)
    sign_in(lee, username="lee", name="Lee Turner")
    lee.check()
    lee.goto(reverse("people:list"))
    lee.check()
    page.get_by_role("link", name="Open a record in an emergency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a record in an emergency")
    lee.check()
    page.get_by_label("Local identifier").fill("rc-20417")
    page.get_by_role("button", name="Find the person").click()
    expect(page.get_by_role("table")).to_contain_text("North adults team")
    lee.check()
    page.get_by_role("link", name="Request emergency access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open this record in an emergency")
    lee.check()

    # No reason: the error summary says what to do, and nothing is opened.
    page.get_by_role("button", name="Open the record").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(["Enter why you need to open this record now"])
    lee.check()
    assert not BreakGlassAccess.objects.exists()

    page.get_by_label("Why do you need to open this record now?").fill(REASON)
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iris Nettlefold")
    expect(page.get_by_test_id("emergency-access")).to_contain_text(
        "Lee Turner opened this record in an emergency"
    )
    expect(page.get_by_test_id("emergency-access")).to_contain_text(REASON)
    lee.check()
    lee.assert_all_checked()

    manager = Visit(new_context().new_page(), live_server)
    sign_in(manager, username="manny", name="Manny Manager")
    manager.check()
    manager.goto(reverse("worklist:list"))
    row = manager.page.get_by_role("row").filter(
        has_text="Review emergency access to the record by Lee Turner"
    )
    expect(row).to_contain_text("Iris Nettlefold")
    manager.check()
    row.get_by_role("link", name="Go to it").click()
    expect(manager.page.get_by_role("heading", level=1)).to_have_text(
        "Emergency access to a record"
    )
    expect(manager.page.get_by_text(REASON)).to_be_visible()
    manager.check()
    manager.page.get_by_role("button", name="I have reviewed this emergency access").click()
    expect(manager.page.get_by_text("You have reviewed this emergency access")).to_be_visible()
    manager.check()
    manager.goto(reverse("worklist:list"))
    expect(manager.page.get_by_text("Review emergency access to the record")).to_have_count(0)
    manager.check()
    manager.assert_all_checked()
    assert BreakGlassAccess.objects.get().reviewed_by == cast["manager"]


def test_a_manager_records_consent_and_its_withdrawal(live_server, page: Page, cast):
    member = testing.make_circle_member(
        cast["person"], name="Dee Nettlefold", consent_to_share=False
    )
    manager = Visit(page, live_server)
    sign_in(manager, username="manny", name="Manny Manager")
    manager.check()
    manager.goto(reverse("people:detail", args=[cast["person"].pk]))
    manager.check()
    page.get_by_role("link", name="Consent (Dee Nettlefold)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Consent to share with Dee Nettlefold"
    )
    expect(
        page.get_by_text("No consent to share with Dee Nettlefold has been recorded")
    ).to_be_visible()
    manager.check()
    page.get_by_role("button", name="Record consent").click()
    manager.check()
    page.get_by_role("group", name="What does the person consent to?").get_by_label(
        "See and help with the plan, and be sent copies of it"
    ).check()
    page.get_by_role("group", name="Who gave consent?").get_by_label("Their representative").check()
    page.get_by_role("group", name="How was consent given?").get_by_label("By phone").check()
    fill_date(page, "When was consent given?", 5, 1, 2026)
    page.get_by_role("button", name="Record consent").click()
    # Spoken for by someone else: their name is needed.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter the name of the person who spoke for them"]
    )
    manager.check()
    page.get_by_label("Their name (if not the person themselves)").fill("Colin Nettlefold")
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_text("Consent recorded")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("In force")
    manager.check()

    page.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Withdraw consent to share with Dee Nettlefold"
    )
    manager.check()
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.get_by_text("no longer has it, from now on")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Withdrawn")
    manager.check()
    manager.assert_all_checked()
    member.refresh_from_db()
    assert not member.consent_to_share

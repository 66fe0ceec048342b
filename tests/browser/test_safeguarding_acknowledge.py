"""P11 in a browser: the team manager records that a concern was acknowledged and what was done;
the worker then sees it was acted on. Every page on the way passes axe."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import SafeguardingReferral
from tests.browser.walkthrough import PASSWORD, Visit, sign_in

ACTION = "Visited with the worker the same day; referred to the adult protection team."


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    manager = testing.make_worker(
        org, team, role=Role.TEAM_MANAGER, username="manny", first_name="Manny", last_name="Manager"
    )
    person = testing.make_person(
        org, team, given_name="Aisha", family_name="Khan", date_of_birth=datetime.date(1956, 6, 3)
    )
    referral = SafeguardingReferral.objects.create(
        organisation=org,
        person=person,
        concern="Bruising on both arms, unexplained.",
        immediate_risk=True,
        raised_by=worker,
    )
    for user in (worker, manager):
        user.set_password(PASSWORD)
        user.save()
    return {"person": person, "referral": referral, "manager": manager}


def test_a_manager_acknowledges_a_concern_and_the_worker_sees_it(
    live_server, page: Page, new_context, cast
):
    manager = Visit(page, live_server)
    sign_in(manager, username="manny", name="Manny Manager")
    manager.check()
    manager.goto(reverse("people:safeguarding_list"))
    expect(page.get_by_role("row").nth(1)).to_contain_text("Not yet acknowledged")
    manager.check()
    page.get_by_role("row").nth(1).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding concern")
    manager.check()

    # Nothing typed: the error summary says what to do, and nothing is recorded.
    page.get_by_role("button", name="Record the acknowledgement").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(["Enter what was done about the concern"])
    manager.check()
    assert not SafeguardingReferral.objects.get().is_acknowledged

    page.get_by_label("What was done?").fill(ACTION)
    page.get_by_role("button", name="Record the acknowledgement").click()
    expect(page.get_by_text("You have acknowledged the concern")).to_be_visible()
    expect(page.get_by_text(ACTION)).to_be_visible()
    manager.check()
    manager.assert_all_checked()
    assert SafeguardingReferral.objects.get().acknowledged_by == cast["manager"]

    worker = Visit(new_context().new_page(), live_server)
    sign_in(worker, username="wendy", name="Wendy Worker")
    worker.check()
    worker.goto(reverse("people:detail", args=[cast["person"].pk]))
    concerns = worker.page.get_by_role("table", name="Safeguarding concerns raised, newest first")
    expect(concerns).to_contain_text("Acknowledged")
    expect(concerns).to_contain_text("by Manny Manager")
    worker.check()
    worker.assert_all_checked()

"""P11 in a browser: a worker raises a safeguarding concern from the plan page and the team
manager is alerted at once; every page on the way passes axe."""

import datetime

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import SafeguardingReferral
from tests.browser.walkthrough import PASSWORD, Visit, sign_in


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
    plan = testing.make_plan(person, worker)
    for user in (worker, manager):
        user.set_password(PASSWORD)
        user.save()
    return {"person": person, "plan": plan, "manager": manager}


def test_a_concern_raised_from_the_plan_reaches_the_manager(
    live_server, page: Page, new_context, cast
):
    visit = Visit(page, live_server)
    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()

    visit.goto(f"/plans/{cast['plan'].pk}/")
    visit.check()
    page.get_by_role("link", name="Raise a safeguarding concern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("safeguarding")
    visit.check()

    # Nothing typed: the error summary says what to do, and nothing is recorded.
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    visit.check()
    assert not SafeguardingReferral.objects.exists()

    page.get_by_label("What is the concern?").fill("Bruising on both arms, unexplained.")
    page.get_by_role("group", name="Is anyone at immediate risk?").get_by_label("No").check()
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-panel")).to_be_visible()
    visit.check()
    visit.assert_all_checked()

    referral = SafeguardingReferral.objects.get()
    assert referral.plan == cast["plan"]
    assert list(referral.alerted.all()) == [cast["manager"]]
    assert mail.outbox == []  # the worker sends it
    assert testing.run_queued_tasks() == 1
    assert [m.to for m in mail.outbox] == [[cast["manager"].email]]
    assert "Aisha" not in mail.outbox[0].body  # no personal data in the e-mail

    manager = Visit(new_context().new_page(), live_server)
    sign_in(manager, username="manny", name="Manny Manager")
    manager.check()
    manager.page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Safeguarding concerns"
    ).click()
    expect(manager.page.get_by_role("heading", level=1)).to_contain_text("afeguarding")
    manager.check()
    manager.page.get_by_role("row").nth(1).get_by_role("link").first.click()
    manager.check()
    expect(manager.page.get_by_text("Bruising on both arms, unexplained.")).to_be_visible()
    manager.assert_all_checked()

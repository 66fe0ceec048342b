"""Staff sign in with two factors in a browser: the first time they set up an authenticator app
(QR code, or the key typed in) and keep their recovery codes; the next time they give the code
the app shows. The codes are computed here from the key on the page, as the app would. A team
manager unlocks a locked-out member of their team. Every page passes axe."""

import re
import time
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tests.browser.walkthrough import PASSWORD, Visit, sign_in


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    worker.set_password(PASSWORD)
    worker.save()
    manager = testing.make_worker(
        org, team, role=Role.TEAM_MANAGER, username="manny", first_name="Manny", last_name="Manager"
    )
    manager.set_password(PASSWORD)
    manager.save()
    return {"worker": worker, "manager": manager}


def app_code(key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app holding ``key`` shows (``steps_ahead`` 30-second steps on)."""
    totp = TOTP(b32decode(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def enter_password(visit: Visit, username: str) -> None:
    page = visit.page
    visit.goto("/sign-in/")
    visit.check()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_set_up_an_authenticator_then_sign_in_with_its_code(live_server, page: Page, cast):
    visit = Visit(page, live_server)
    heading = page.get_by_role("heading", level=1)
    enter_password(visit, "wendy")

    expect(heading).to_have_text("Set up your sign-in app")
    expect(
        page.get_by_role("img", name="QR code that adds Tandem to an authenticator app")
    ).to_be_visible()
    visit.check()
    key = re.sub(r"\s", "", page.locator("#setup-key").inner_text().removeprefix("Key:"))

    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code must be 6 digits")
    visit.check()

    page.get_by_label("Code from your authenticator app").fill(app_code(key))
    page.get_by_role("button", name="Continue").click()
    expect(heading).to_have_text("Recovery codes")
    expect(page.locator(".tandem-recovery-codes li")).to_have_count(10)
    visit.check()
    page.get_by_role("link", name="I have kept my codes – continue").click()
    expect(heading).to_have_text("Your worklist")
    visit.check()

    page.get_by_role("navigation", name="Menu").get_by_role("button", name="Sign out").click()
    expect(heading).to_have_text("Sign in to Tandem")
    visit.check()
    enter_password(visit, "wendy")
    expect(heading).to_have_text("Enter your sign-in code")
    visit.check()
    # The code just used is not accepted twice: the app's next one is.
    page.get_by_label("Code", exact=True).fill(app_code(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(heading).to_have_text("Your worklist")
    visit.check()
    visit.assert_all_checked()


def test_a_locked_out_worker_is_told_what_to_do_and_their_manager_unlocks_them(
    live_server, page: Page, new_context, cast, settings
):
    visit = Visit(page, live_server)
    visit.goto("/sign-in/")
    visit.check()
    for _n in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Username").fill("wendy")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have tried to sign in too many times"
    )

    # The manager works elsewhere (this browser's address is locked out too): their session is
    # made as a completed sign-in would make it.
    manager = Visit(new_context().new_page(), live_server)
    session = testing.sign_in(Client(), cast["manager"]).cookies["sessionid"].value
    manager.page.context.add_cookies(
        [{"name": "sessionid", "value": session, "url": live_server.url}]
    )
    manager.goto("/")
    manager.check()
    manager.page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Locked-out sign-ins"
    ).click()
    expect(manager.page.get_by_role("table")).to_contain_text("Wendy Worker")
    manager.check()
    manager.page.get_by_role("button", name="Unlock Wendy Worker").click()
    expect(manager.page.locator(".govuk-notification-banner")).to_contain_text(
        "Wendy Worker can sign in again"
    )
    manager.check()
    manager.assert_all_checked()

    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()
    visit.assert_all_checked()

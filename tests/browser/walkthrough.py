"""Helpers for the acceptance walk-throughs (test_worker_journey.py, test_person_led.py).

- ``Visit`` checks every page a browser tab visits with axe-core, and fails if a page was
  passed by without a check.
- ``sign_in`` signs in through the sign-in page, as a user would.
- ``fill_date`` fills a GOV.UK date input (day, month and year boxes).
- Screenshots for the user guide (docs/images/) are taken only when ``TANDEM_SCREENSHOTS=1``,
  so ordinary test runs never rewrite them.
"""

import datetime
import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.axe import assert_accessible

PASSWORD = "correct-horse-battery-staple"
# A fixed, laptop-sized window, so the user guide's screenshots look the same on every run.
VIEWPORT = {"width": 1024, "height": 800}
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOTS = os.environ.get("TANDEM_SCREENSHOTS") == "1"
MAX_SCREENSHOT_BYTES = 400_000


class Visit:
    """One browser tab's walk through Tandem: every page it loads is checked for accessibility.

    Call ``check()`` after each navigation (once the page shows what the step expects); it runs
    axe on the page and fails if an earlier page was loaded and left without a check.
    """

    def __init__(self, page: Page, live_server):
        self.page = page
        self.base = live_server.url
        self.loaded: list[str] = []
        self.checked = 0
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.loaded.append(frame.url)

    def goto(self, path: str, *, status: int = 200):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (
            f"{path}: expected {status}, got {response.status if response else None}"
        )
        return response

    def check(self, screenshot: str = "") -> None:
        self.page.wait_for_load_state("load")
        unchecked = self.loaded[self.checked : -1]
        assert not unchecked, f"Pages visited without an accessibility check: {unchecked}"
        assert_accessible(self.page)
        self.checked = len(self.loaded)
        if screenshot:
            take_screenshot(self.page, screenshot)

    def assert_all_checked(self) -> None:
        assert self.checked == len(self.loaded), (
            f"Pages visited without an accessibility check: {self.loaded[self.checked :]}"
        )


def take_screenshot(page: Page, name: str) -> None:
    """A full-page PNG for the user guide, or only the window when the full page is too big."""
    if not SCREENSHOTS:
        return
    IMAGES.mkdir(parents=True, exist_ok=True)
    path = IMAGES / name
    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
    if path.stat().st_size > MAX_SCREENSHOT_BYTES:
        page.screenshot(path=path, animations="disabled", caret="hide")


def sign_in(visit: Visit, *, username: str, name: str) -> None:
    """Sign in through the sign-in page, and for staff the second-factor page with the code of
    their test authenticator; ``name`` is shown in the menu once signed in."""
    from tandem.accounts.models import User
    from tandem.accounts.signin.rules import needs_second_factor
    from tandem.testing import authenticator_for

    page = visit.page
    user = User.objects.get(username=username)
    if needs_second_factor(user):
        authenticator_for(user)  # set up already: this is not their first sign-in
    visit.goto("/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Tandem")
    visit.check()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if needs_second_factor(user):
        give_second_factor(visit, user)
    expect(page.get_by_role("navigation", name="Menu")).to_contain_text(name)


def give_second_factor(visit: Visit, user) -> None:
    """On the second-factor page, the code the user's test authenticator shows now."""
    from tandem.testing import current_code

    page = visit.page
    code = current_code(user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    visit.check()
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Continue").click()


def to_people(visit: Visit, screenshot: str = "") -> None:
    """Staff sign in to their worklist, carers and providers to People: from either, on to People
    by the navigation."""
    page = visit.page
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^(People|Your worklist)$"))
    if heading.inner_text() == "Your worklist":
        visit.check()
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    expect(heading).to_have_text("People")
    visit.check(screenshot=screenshot)


def open_plan_from_people(visit: Visit, *, person: str, known_as: str) -> None:
    """From the people list, open the person and then their plan (version 1)."""
    page = visit.page
    heading = page.get_by_role("heading", level=1)
    to_people(visit)
    page.get_by_role("link", name=person).click()
    expect(heading).to_have_text(person)
    visit.check()
    page.get_by_role("link", name="Version 1").click()
    expect(heading).to_have_text(f"{known_as}’s support plan")


def fill_date(scope: Page | Locator, legend: str, day, month, year) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def fill_day(scope: Page | Locator, legend: str, date: datetime.date) -> None:
    fill_date(scope, legend, date.day, date.month, date.year)

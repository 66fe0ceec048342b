"""Acceptance walk-through: the person writes their own plan (P1), their worker sees what they
changed and when, the person cannot open anyone else's record, and a carer the person shares
their plan with can read it.

In Chromium, through the pages, with every page visited checked by axe-core (WCAG 2.2 AA).
With TANDEM_SCREENSHOTS=1 it also takes the user guide's screenshot of the person's own page.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tests.browser.walkthrough import PASSWORD, Visit, fill_day, open_plan_from_people, sign_in

IMPORTANT = "My dog Biscuit, my allotment, and seeing my grandchildren on Sundays."
OUTCOME = "I want to get back to my allotment twice a week"
INDICATOR = "Goes to the allotment on Tuesdays and Fridays for a month"
# "5 March 2026 at 2:30pm", "5 March 2026 at midday"
WHEN = r"\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}:\d{2}[ap]m|midday|midnight)"


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    person = testing.make_person(
        org,
        team,
        given_name="Aisha",
        family_name="Khan",
        date_of_birth=datetime.date(1956, 6, 3),
        local_identifier="RC0107",
        address="4 Mill Lane\nRiverside\nRV2 7QP",
        communication_needs="Prefers phone calls to letters.",
        allocated_worker=worker,
    )
    person_user = testing.make_user_for_person(person, username="aisha")
    carer = testing.make_carer_user(person, username="imran", first_name="Imran", last_name="Khan")
    plan = testing.make_plan(person, worker)
    other = testing.make_person(
        org, team, given_name="Oliver", family_name="Other", local_identifier="RC0108"
    )
    other_plan = testing.make_plan(other, worker)
    for user in (worker, person_user, carer):
        user.set_password(PASSWORD)
        user.save()
    return {"person": person, "plan": plan, "other": other, "other_plan": other_plan}


def test_the_person_writes_their_own_plan(live_server, page: Page, new_context, cast):
    person = Visit(page, live_server)
    today = timezone.localdate()

    the_person_opens_their_plan(person, cast)
    the_person_writes_what_is_important(person)
    the_person_adds_an_outcome(person, today)

    worker = Visit(new_context().new_page(), live_server)
    the_worker_sees_what_changed(worker)
    worker.assert_all_checked()

    the_person_cannot_see_anyone_else(person, cast)
    person.assert_all_checked()

    carer = Visit(new_context().new_page(), live_server)
    the_carer_reads_the_plan(carer)
    carer.assert_all_checked()


def the_person_opens_their_plan(visit: Visit, cast) -> None:
    page = visit.page
    sign_in(visit, username="aisha", name="Aisha Khan")
    # A person lands on their own home page, not a list of people.
    expect(page).to_have_url(live(visit, reverse("people:home")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan")
    visit.check(screenshot="person-view.png")

    page.get_by_role("link", name="Carry on writing the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aisha’s support plan")
    expect(page.get_by_role("heading", name="Write the plan")).to_be_visible()
    visit.check()


def the_person_writes_what_is_important(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="What is important to me", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is important to me")
    visit.check()
    page.get_by_label("What is important to you?").fill(IMPORTANT)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("“What is important to me” saved")).to_be_visible()
    expect(
        page.locator(".govuk-task-list__item", has_text="What is important to me")
    ).to_contain_text("In progress")
    visit.check()


def the_person_adds_an_outcome(visit: Visit, today: datetime.date) -> None:
    page = visit.page
    page.get_by_role("link", name="What I want to change or achieve", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What I want to change or achieve")
    visit.check()
    page.get_by_role("link", name="Add outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add outcome")
    visit.check()
    page.get_by_label("What do you want, in your own words?").fill(OUTCOME)
    page.get_by_label("Something to change or achieve").check()
    fill_day(page, "By when?", today + datetime.timedelta(days=90))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The outcome has been saved")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="Add an indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add indicator")
    visit.check()
    page.get_by_label("How will we know?").fill(INDICATOR)
    fill_day(page, "By when?", today + datetime.timedelta(days=60))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The indicator has been saved")).to_be_visible()
    indicator = page.get_by_role("term").filter(has_text=re.compile(f"^{INDICATOR}$"))
    expect(indicator).to_be_visible()
    visit.check()


def the_worker_sees_what_changed(visit: Visit) -> None:
    page = visit.page
    sign_in(visit, username="wendy", name="Wendy Worker")
    open_plan_from_people(visit, person="Aisha Khan", known_as="Aisha")

    changes = (
        page.get_by_role("heading", name="Recent changes").locator("+ ul").get_by_role("listitem")
    )
    expect(changes).to_have_text(
        [
            re.compile(f"^{WHEN} – Aisha Khan: Added indicator “{INDICATOR}”$"),
            re.compile(f"^{WHEN} – Aisha Khan: Added outcome “{OUTCOME}”$"),
            re.compile(f"^{WHEN} – Aisha Khan: Changed “What is important to me”$"),
            re.compile(f"^{WHEN} – Wendy Worker: Started a plan$"),
        ]
    )
    visit.check()


def the_person_cannot_see_anyone_else(visit: Visit, cast) -> None:
    page = visit.page
    for path in (
        reverse("people:detail", args=[cast["other"].pk]),
        reverse("plans:detail", args=[cast["other_plan"].pk]),
    ):
        visit.goto(path, status=404)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.get_by_text("Oliver")).to_have_count(0)
        visit.check()


def the_carer_reads_the_plan(visit: Visit) -> None:
    page = visit.page
    sign_in(visit, username="imran", name="Imran Khan")
    # Only the person whose plan is shared with them.
    expect(page.get_by_role("link", name="Oliver Other")).to_have_count(0)
    open_plan_from_people(visit, person="Aisha Khan", known_as="Aisha")
    expect(page.get_by_text("It is not a contract")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="View and print the plan").click()
    expect(page.get_by_text(IMPORTANT)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(OUTCOME))).to_be_visible()
    visit.check()


def live(visit: Visit, path: str) -> str:
    return visit.base + path

"""The worker's worklist in Chromium, checked with axe-core (WCAG 2.2 AA) on every page visited:
a worker like the demo's signs in to it, filters it by kind with the keyboard alone, and follows
an item to where it is done."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.services import safeguarding_raise
from tandem.plans.models import Action, Plan
from tandem.reviews.tests.between_helpers import agreed_plan
from tests.browser.axe import assert_accessible
from tests.browser.test_review_pages import sign_in


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Sam", last_name="Kestrelton")
    testing.make_worker(org, team, role=Role.TEAM_MANAGER)  # alerted about the concern
    priya = testing.make_person(
        org, team, given_name="Priya", family_name="Patel", allocated_worker=worker
    )
    plan = agreed_plan(priya, worker, actions=2)  # actions due long ago: past their dates
    tomasz = testing.make_person(
        org, team, given_name="Tomasz", family_name="Wrenfield", allocated_worker=worker
    )
    ready = testing.make_plan(tomasz, worker)
    Plan.objects.filter(pk=ready.pk).update(status=Plan.Status.READY)
    safeguarding_raise(
        person=tomasz,
        plan=None,
        concern="A burn on the back of his hand",
        immediate_risk=False,
        actor=worker,
    )
    return {"worker": worker, "plan": plan}


def test_a_worker_works_from_their_worklist_by_keyboard(live_server, page: Page, cast):
    sign_in(page, live_server, cast["worker"])
    page.goto(live_server.url + reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your worklist")
    expect(page.get_by_role("link", name="Worklist")).to_have_attribute("aria-current", "true")
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Priya Patel").first).to_be_visible()
    expect(table.get_by_text("Overdue by").first).to_be_visible()
    expect(table.get_by_text("Record agreement to version 1 of the plan").first).to_be_visible()
    assert_accessible(page)

    # Filter by kind with the keyboard alone: type to choose, Tab to the button, Enter.
    page.get_by_label("Kind of work").focus()
    page.keyboard.type("Actions")
    expect(page.get_by_label("Kind of work")).to_have_value("action")
    page.keyboard.press("Tab")  # the person
    page.keyboard.press("Tab")  # the button
    expect(page.get_by_role("button", name="Filter")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{reverse('worklist:list')}?kind=action&person=")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_text("Record agreement")).to_have_count(0)
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    assert_accessible(page)

    action = Action.objects.filter(plan=cast["plan"]).order_by("pk").first()
    assert action is not None
    link = page.get_by_role(
        "link", name=f"Go to it – Action: {action.description}, Priya Patel"
    ).first
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        live_server.url + reverse("reviews:progress", args=[cast["plan"].pk, action.pk])
    )
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

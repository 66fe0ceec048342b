"""The person's own home page (people:home) in Chromium, checked with axe-core (WCAG 2.2 AA): a
person writing their first plan, a person with an agreed plan (an overdue action of their own,
reviews held), and a carer who may represent two people choosing whose plan to look at."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.people.models import CircleMember
from tandem.reviews.tests.between_helpers import agreed_plan
from tandem.reviews.tests.history_helpers import final_review
from tests.browser.test_review_pages import sign_in, visit


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    writing = testing.make_person(org, team, given_name="Denis", preferred_name="Den")
    testing.make_plan(writing, worker)
    agreed = testing.make_person(org, team, given_name="Priya", preferred_name="Pri")
    plan = agreed_plan(agreed, worker, actions=2)  # the person's actions were due 30 April 2026
    final_review(agreed, plan, worker, datetime.date(2026, 3, 20), [1, 0])
    carer = testing.make_carer_user(agreed, first_name="Carol", last_name="Carer")
    testing.make_circle_member(writing, user=carer, kind=CircleMember.Kind.FAMILY)
    return {
        "writing": testing.make_user_for_person(writing),
        "agreed": testing.make_user_for_person(agreed),
        "carer": carer,
        "agreed_person": agreed,
    }


def test_the_persons_home_page_is_accessible(live_server, page: Page, cast):
    sign_in(page, live_server, cast["writing"])
    visit(page, live_server, reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan")
    expect(page.get_by_role("link", name="Carry on writing the plan")).to_be_visible()

    sign_in(page, live_server, cast["agreed"])
    visit(page, live_server, reverse("people:home"))
    expect(page.get_by_role("heading", name="Your actions")).to_be_visible()
    expect(page.get_by_text("Overdue").first).to_be_visible()
    expect(page.get_by_role("link", name="Read the record of the last review")).to_be_visible()

    sign_in(page, live_server, cast["carer"])
    visit(page, live_server, reverse("people:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Whose plan")
    page.get_by_role("link", name=cast["agreed_person"].full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pri’s plan")
    visit(page, live_server, reverse("people:home_person", args=[cast["agreed_person"].pk]))

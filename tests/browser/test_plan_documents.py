"""The plan document, an issued copy and the comparison of versions in Chromium: WCAG 2.2 AA
(axe-core), the print button, and print styles that leave only the document."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.documents.tests.builders import build_agreed_plan, update_section
from tandem.plans.services import disagreement_add, plan_start_new_version
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    client = testing.sign_in(Client(), user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def worker(transactional_db):
    org = testing.make_organisation("Riverside Council")
    return testing.make_worker(org, testing.make_team(org), first_name="Wendy", last_name="Worker")


@pytest.fixture
def person(worker):
    person = testing.make_person(
        worker.organisation, worker.teams.get(), given_name="Priya", preferred_name="Pri"
    )
    testing.make_carer_user(person, first_name="Carol", last_name="Carer")
    return person


@pytest.fixture
def plans(person, worker):
    v1, issue = build_agreed_plan(person=person, actor=worker)
    disagreement_add(
        plan=v1,
        section="support",
        raised_by="Riverside Care Ltd",
        details="Too few hours",
        actor=worker,
    )
    v2 = plan_start_new_version(plan=v1, actor=worker)
    update_section(v2, "important", worker, important_to_me="My garden and my grandchildren")
    return v1, v2


def test_the_plan_document_is_accessible(live_server, page: Page, worker, plans):
    _v1, v2 = plans
    sign_in(page, live_server, worker)

    page.goto(live_server.url + reverse("documents:plan", args=[v2.pk]))

    expect(page.get_by_role("heading", level=1)).to_have_text("Pri’s support plan")
    expect(page.get_by_role("button", name="Print this plan")).to_be_visible()
    assert_accessible(page)


def test_printing_leaves_only_the_document(live_server, page: Page, worker, plans):
    _v1, v2 = plans
    sign_in(page, live_server, worker)
    page.goto(live_server.url + reverse("documents:plan", args=[v2.pk]))

    page.emulate_media(media="print")

    expect(page.get_by_role("button", name="Print this plan")).to_be_hidden()
    expect(page.locator(".govuk-template__header")).to_be_hidden()
    expect(page.get_by_text("Copies of this version that were sent")).to_be_hidden()
    expect(page.get_by_text("This plan is not a contract.")).to_be_visible()


def test_an_issued_copy_is_accessible(live_server, page: Page, worker, plans):
    v1, _v2 = plans
    sign_in(page, live_server, worker)

    page.goto(live_server.url + reverse("documents:issue", args=[v1.pk, 1]))

    expect(page.get_by_text("A later copy has been sent since.")).to_be_visible()
    assert_accessible(page)


def test_the_comparison_is_accessible(live_server, page: Page, worker, person, plans):
    v1, _v2 = plans
    sign_in(page, live_server, worker)

    page.goto(live_server.url + reverse("documents:compare", args=[person.pk]))
    page.get_by_label("Compare", exact=True).select_option(value=f"{v1.pk}:2")
    page.get_by_role("button", name="Compare").click()

    expect(page.locator("del", has_text="My garden and my cat")).to_be_visible()
    assert_accessible(page)

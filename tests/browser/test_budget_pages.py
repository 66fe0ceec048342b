"""Every budgets page the budget journey does not walk through, in Chromium and checked with
axe-core (WCAG 2.2 AA): as it first shows, and with its errors after an empty or wrong answer."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.budgets.models import Resource
from tandem.budgets.tests.setup_helpers import make_scheme, make_service
from tandem.budgets.tests.tradeoff_parts import add_comparison
from tandem.documents.tests.builders import build_plan
from tandem.plans.services import plan_item_create
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    client = testing.sign_in(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org)
    worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    admin = testing.make_user(org, role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    person = testing.make_person(org, team, given_name="Priya", preferred_name="Pri")
    plan = build_plan(person=person, actor=worker)
    plan_item_create(
        plan=plan,
        kind="resource",
        data={"kind": Resource.Kind.TRANSPORT, "description": "A bus pass"},
        actor=worker,
    )
    trade_off, options = add_comparison(plan, worker)
    scheme = make_scheme(org, admin, questions=2)
    service = make_service(org)
    return {
        "worker": worker,
        "admin": admin,
        "person": person,
        "plan": plan,
        "trade_off": trade_off,
        "option": options[0],
        "scheme": scheme,
        "service": service,
    }


def visit(page: Page, live_server, path: str, heading: str) -> None:
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible(page)


def submit_and_check_errors(page: Page) -> None:
    """Send the page's form as it is (empty, or with what the fixture left out)."""
    page.locator("main form[method=post] button.govuk-button[type=submit]").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_plans_money_pages_are_accessible(live_server, page: Page, cast):
    plan, person = cast["plan"], cast["person"]
    sign_in(page, live_server, cast["worker"])

    for section, heading in [
        ("resources", "What I have: my resources"),
        ("tradeoffs", "Weighing up options"),
        ("costs", "What my support costs"),
    ]:
        visit(page, live_server, reverse("plans:section", args=[plan.pk, section]), heading)

    visit(page, live_server, reverse("plans:item_add", args=[plan.pk, "resource"]), "Add resource")
    submit_and_check_errors(page)
    visit(page, live_server, reverse("plans:item_add", args=[plan.pk, "cost"]), "Add cost")
    submit_and_check_errors(page)
    trade_off = cast["trade_off"]
    visit(
        page,
        live_server,
        reverse("plans:item", args=[plan.pk, "tradeoff", trade_off.pk]),
        "Change the comparison",
    )
    expect(page.get_by_role("button", name="Choose this option").first).to_be_visible()
    visit(
        page,
        live_server,
        reverse("budgets:choose", args=[plan.pk, trade_off.pk, cast["option"].pk]),
        "",
    )
    submit_and_check_errors(page)

    visit(page, live_server, reverse("budgets:person", args=[person.pk]), "budget")
    visit(page, live_server, reverse("budgets:set_outside", args=[person.pk]), "")
    submit_and_check_errors(page)
    visit(page, live_server, reverse("budgets:assessment", args=[person.pk]), "")
    submit_and_check_errors(page)
    visit(page, live_server, reverse("budgets:ras", args=[person.pk]), "")


def test_the_administrators_pages_are_accessible(live_server, page: Page, cast):
    scheme, service = cast["scheme"], cast["service"]
    sign_in(page, live_server, cast["admin"])

    visit(page, live_server, reverse("budgets:setup"), "Budgets and costs")
    visit(page, live_server, reverse("budgets:setup_scheme", args=[scheme.pk]), "")
    visit(page, live_server, reverse("budgets:setup_scheme_change", args=[scheme.pk]), "")
    visit(page, live_server, reverse("budgets:setup_question_add", args=[scheme.pk]), "")
    visit(page, live_server, reverse("budgets:setup_adjustment_add", args=[scheme.pk]), "")
    visit(page, live_server, reverse("budgets:setup_catalogue"), "")
    visit(page, live_server, reverse("budgets:setup_service", args=[service.pk]), "")
    visit(page, live_server, reverse("budgets:setup_service_add"), "")
    visit(page, live_server, reverse("budgets:setup_rate_add", args=[service.pk]), "")

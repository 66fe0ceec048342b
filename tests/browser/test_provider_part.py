"""A provider's part of the plan in Chromium (issue 9, item 1): the plan page and the document
say whose part it is and are WCAG 2.2 AA (axe-core); the worker names the provider of a support
arrangement from the circle on an accessible form."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.documents.tests.builders import build_agreed_plan
from tandem.people.models import CircleMember
from tests.browser.axe import assert_accessible


def sign_in(page: Page, live_server, user) -> None:
    client = testing.client_for(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def worker(transactional_db):
    org = testing.make_organisation("Riverside Council")
    return testing.make_worker(org, testing.make_team(org), first_name="Wendy", last_name="Worker")


def test_a_provider_sees_their_part_and_the_worker_names_them(live_server, page: Page, worker):
    person = testing.make_person(
        worker.organisation, worker.teams.get(), given_name="Priya", preferred_name="Pri"
    )
    provider = testing.make_user(worker.organisation, role=Role.PROVIDER, first_name="Jo")
    testing.make_circle_member(
        person, name="Brightside Care", kind=CircleMember.Kind.PROVIDER, user=provider
    )
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    sign_in(page, live_server, provider)

    page.goto(live_server.url + reverse("plans:detail", args=[plan.pk]))
    expect(page.get_by_test_id("provider-part")).to_contain_text(
        "You are seeing the parts of Pri’s plan that concern Brightside Care"
    )
    expect(page.get_by_text("Falls at home")).to_have_count(0)
    assert_accessible(page)

    page.goto(live_server.url + reverse("documents:plan", args=[plan.pk]))
    expect(
        page.get_by_role("heading", name="How will you use your personal budget?")
    ).to_have_count(0)
    assert_accessible(page)

    draft = testing.make_plan(testing.make_person(worker.organisation, worker.teams.get()), worker)
    other = testing.make_circle_member(
        draft.person, name="Sunrise Home Care", kind=CircleMember.Kind.PROVIDER
    )
    sign_in(page, live_server, worker)
    page.goto(live_server.url + reverse("plans:item_add", args=[draft.pk, "support"]))
    page.get_by_label("Is this provider in the person’s circle of support?").select_option(
        str(other.pk)
    )
    assert_accessible(page)

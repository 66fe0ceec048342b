"""Areas of disagreement in Chromium, with axe-core on every page: a worker notes one about a
single action, raised days before, while the plan waits for agreement (A1); the coordinator
decides it means renegotiating (A3); once the plan is agreed, they start the new version from the
plan page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.plans.models import Disagreement, Plan
from tandem.plans.services import plan_record_agreement, plan_send_for_agreement
from tandem.plans.tests.helpers import build_ready_plan, person_and_worker_agree
from tandem.ui.templatetags.govuk import govuk_date
from tests.browser.walkthrough import PASSWORD, Visit, fill_day, sign_in, to_people

ABOUT = "About the action “Find a lift to the club”"
REASON = "A taxi on Tuesdays changes who is responsible: agree it in a new version."


@pytest.fixture
def ready_plan(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    worker.set_password(PASSWORD)
    worker.save()
    person = testing.make_person(
        org, team, given_name="Priya", family_name="Patel", preferred_name="Pri"
    )
    plan = plan_send_for_agreement(plan=build_ready_plan(person=person, actor=worker), actor=worker)
    # Written over the last three weeks.
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - datetime.timedelta(days=21))
    return plan


def test_a_disagreement_about_one_action_is_decided_and_renegotiated(
    live_server, page: Page, ready_plan
):
    visit = Visit(page, live_server)
    raised = timezone.localdate() - datetime.timedelta(days=5)
    sign_in(visit, username="wendy", name="Wendy Worker")
    to_people(visit)
    visit.goto(f"/plans/{ready_plan.pk}/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Pri’s support plan")
    visit.check()

    page.get_by_role("link", name="Add an area of disagreement").click()
    expect(heading).to_have_text("Add an area of disagreement")
    visit.check()
    page.get_by_label("Which part of the plan").select_option(label=ABOUT)
    page.get_by_label("Who disagrees?").fill("Meena Patel")
    page.get_by_label("What is the disagreement?").fill("A taxi would be more reliable.")
    fill_day(page, "When was the disagreement raised?", raised)
    page.get_by_role("button", name="Add the disagreement").click()

    expect(page.get_by_text("The area of disagreement has been noted in the plan")).to_be_visible()
    card = page.locator(".govuk-summary-card").filter(has_text="From Meena Patel")
    expect(card).to_contain_text(ABOUT)
    expect(card).to_contain_text(re.compile(f"Date raised\\s*{govuk_date(raised)}"))
    expect(card).to_contain_text("Not decided yet")
    visit.check()

    page.get_by_role("link", name="Decide whether to renegotiate (Meena Patel)").click()
    expect(heading).to_have_text("Does the plan need to be renegotiated?")
    expect(page.get_by_text(ABOUT)).to_be_visible()
    visit.check()
    page.get_by_label("Yes – the plan must be reviewed or renegotiated").check()
    page.get_by_label("Reason for the decision").fill(REASON)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text(
        f"The coordinator decided the plan must be reviewed or renegotiated: {REASON}"
    )
    # Not agreed yet: the draft itself can still change, so there is no new version to start.
    expect(page.get_by_role("button", name="Start a new version of the plan")).to_have_count(0)
    visit.check()

    plan_record_agreement(
        plan=ready_plan,
        parties=person_and_worker_agree(ready_plan.person, ready_plan.coordinator),
        actor=ready_plan.coordinator,
    )
    page.reload()
    expect(page.get_by_text("Agreed", exact=True)).to_be_visible()
    visit.check()
    banner.get_by_role("button", name="Start a new version of the plan").click()
    expect(page.get_by_text("Version 2 started.")).to_be_visible()
    expect(heading).to_have_text("Pri’s support plan")
    visit.check()

    disagreement = Disagreement.objects.get()
    assert (disagreement.part_kind, disagreement.raised_on) == ("action", raised)
    assert disagreement.renegotiation_reason == REASON
    assert Plan.objects.get(previous_version=ready_plan).status == Plan.Status.DRAFT
    visit.assert_all_checked()


def test_the_disagreement_form_says_what_is_wrong_with_the_date(
    live_server, page: Page, ready_plan
):
    visit = Visit(page, live_server)
    sign_in(visit, username="wendy", name="Wendy Worker")
    to_people(visit)
    visit.goto(f"/plans/{ready_plan.pk}/disagreements/add/")
    visit.check()

    page.get_by_label("Which part of the plan").select_option(label="How I will be supported")
    page.get_by_label("Who disagrees?").fill("Meena Patel")
    page.get_by_label("What is the disagreement?").fill("Too few hours")
    fill_day(page, "When was the disagreement raised?", timezone.localdate().replace(year=2000))
    page.get_by_role("button", name="Add the disagreement").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    message = "The date the disagreement was raised must be the same as or after"
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    visit.check()
    summary.get_by_role("link", name=message).click()
    expect(page.locator("#id_raised_on_day")).to_be_focused()
    assert not Disagreement.objects.exists()

"""Acceptance walk-through: a worker writes a plan with a person and gets it agreed; a provider
disagrees afterwards and the plan is re-issued; the worker decides, starts a new version and
compares the two.

Everything happens through the pages, in Chromium, as a user would do it. Every page visited is
checked with axe-core (WCAG 2.2 AA). With TANDEM_SCREENSHOTS=1 the walk also takes the user
guide's screenshots (docs/images/).
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import CircleMember, Person
from tests.browser.walkthrough import (
    PASSWORD,
    Visit,
    fill_date,
    fill_day,
    open_plan_from_people,
    sign_in,
    to_people,
)

ACTION = "Meena drives Pri to the lunch club on Wednesdays"
IMPORTANT = "My sister Meena, my friends at the lunch club, my garden, and staying in my own home."
IMPORTANT_V2 = (
    "My sister Meena, my friends at the Thursday lunch club, my garden, and staying in my own home."
)
NEEDS = "Record the needs this plan meets, and whether they were assessed as eligible"
GAPS = [
    "Support – who is needed is missing: add it, or say why it does not apply",
    "Risk – how the person stays safe and well is missing: add it, or say why it does not apply",
    "Cost – how the plan is paid for is missing: add it, or say why it does not apply",
    "Leadership – who manages the budget and support is missing: add it, or say why it does not "
    "apply",
]


@pytest.fixture
def cast(transactional_db):
    """The worker and the provider, who sign in with a password; the person is added in the test."""
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    provider = testing.make_user(
        org, role=Role.PROVIDER, username="rhys", first_name="Rhys", last_name="Jones"
    )
    for user in (worker, provider):
        user.set_password(PASSWORD)
        user.save()
    # Others on the team's list, so the people list looks as it does at work.
    for given, family, born, ref in [
        ("Tom", "Baker", datetime.date(1948, 5, 2), "RC0017"),
        ("Grace", "Okafor", datetime.date(1991, 11, 23), "RC0031"),
        ("Alan", "Reid", datetime.date(1963, 7, 9), "RC0038"),
    ]:
        testing.make_person(
            org,
            team,
            given_name=given,
            family_name=family,
            date_of_birth=born,
            local_identifier=ref,
            allocated_worker=worker,
        )
    return {"org": org, "team": team, "worker": worker, "provider": provider}


def test_a_worker_plans_with_a_person_and_a_provider_disagrees(
    live_server, page: Page, new_context, cast
):
    worker = Visit(page, live_server)
    today = timezone.localdate()

    # (a) The worker adds the person and writes the plan with them until it is agreed.
    sign_in(worker, username="wendy", name="Wendy Worker")
    to_people(worker, screenshot="people-list.png")

    person = add_a_person(worker)
    add_a_carer(worker)
    # The provider of the lunch club, with Pri's consent to see her plan (and a sign-in).
    testing.make_circle_member(
        person,
        name="Rhys Jones",
        kind=CircleMember.Kind.PROVIDER,
        organisation_name="Riverside Community Centre",
        user=cast["provider"],
        consent_to_share=True,
    )

    start_a_plan(worker)
    write_about_and_important(worker, today)
    add_an_outcome_indicator_and_action(worker, today)
    send_and_be_refused(worker)
    fix_the_gaps(worker)
    send_for_agreement(worker)
    note_a_disagreement_and_agree(worker, today)

    # (b) The provider, in a browser of their own, disagrees after agreement: the plan is re-issued.
    provider = Visit(new_context().new_page(), live_server)
    provider_disagrees_after_agreement(provider)
    provider.assert_all_checked()

    # (c) The worker decides the plan must be renegotiated, starts version 2 and compares.
    decide_and_start_version_2(worker)
    compare_the_versions(worker)
    worker.assert_all_checked()


def add_a_person(visit: Visit) -> Person:
    page = visit.page
    page.get_by_role("button", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    visit.check()

    # First with an impossible date of birth and no last name.
    page.get_by_label("First name").fill("Priya")
    page.get_by_label("Preferred name (optional)").fill("Pri")
    fill_date(page, "Date of birth", 31, 2, 1980)
    page.get_by_label("Local identifier").fill("RC0042")
    page.get_by_label("Team").select_option(label="North adults team")
    page.get_by_label("Allocated worker (optional)").select_option(label="Wendy Worker")
    page.get_by_role("button", name="Add person").click()

    expect(page).to_have_title("Error: Add a person – Tandem")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter the person’s last name", "Date of birth must be a real date"]
    )
    # What was typed is kept.
    expect(page.get_by_label("First name")).to_have_value("Priya")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    expect(date_of_birth.get_by_label("Day")).to_have_value("31")
    expect(date_of_birth.get_by_label("Year")).to_have_value("1980")
    expect(page.get_by_label("Local identifier")).to_have_value("RC0042")
    visit.check()

    page.get_by_label("Last name").fill("Patel")
    fill_date(page, "Date of birth", 14, 2, 1980)
    page.get_by_role("button", name="Add person").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Patel")
    expect(page.get_by_text("Priya Patel has been added")).to_be_visible()
    visit.check()
    return Person.objects.get(local_identifier="RC0042")


def add_a_carer(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("button", name="Add someone to the circle of support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Add someone to the circle of support"
    )
    visit.check()

    page.get_by_label("Name", exact=True).fill("Meena Patel")
    page.get_by_role("group", name="Type").get_by_label("Carer", exact=True).check()
    page.get_by_label("Relationship to the person (optional)").fill("Sister")
    consent = page.get_by_role("group", name="Does the person consent to share their plan")
    consent.get_by_label("Yes").check()
    page.get_by_role("button", name="Add to the circle").click()

    expect(page.get_by_text("Meena Patel has been added to the circle of support")).to_be_visible()
    circle = page.locator(".govuk-summary-card", has_text="Meena Patel")
    expect(circle).to_contain_text("Consent to share the plan")
    visit.check(screenshot="person-page.png")


def start_a_plan(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("button", name="Start a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pri’s support plan")
    expect(page.get_by_text("Version 1")).to_be_visible()
    visit.check(screenshot="plan-task-list.png")


def open_task(visit: Visit, title: str) -> None:
    visit.page.get_by_role("link", name=title, exact=True).click()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(title)
    visit.check()


def mark_completed(visit: Visit) -> None:
    visit.page.get_by_label("Yes, I’ve completed this section").check()


def save_section(visit: Visit, title: str) -> None:
    page = visit.page
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text(f"“{title}” saved")).to_be_visible()
    visit.check()


def write_about_and_important(visit: Visit, today: datetime.date) -> None:
    page = visit.page
    open_task(visit, "About this plan")
    page.get_by_label("The person with family, friends or carers").check()
    page.get_by_label("How was it prepared?").fill(
        "Pri wrote it at home with her sister Meena; Wendy helped with the resourcing."
    )
    page.get_by_label("Plan coordinator").select_option(label="Wendy Worker")
    fill_day(page, "Date new support starts", today + datetime.timedelta(days=14))
    mark_completed(visit)
    save_section(visit, "About this plan")

    open_task(visit, "What is important to me")
    page.get_by_label("What is important to you?").fill(IMPORTANT)
    page.get_by_label("Your strengths, skills and gifts").fill(
        "I am a good cook and I like helping at the lunch club."
    )
    mark_completed(visit)
    visit.check(screenshot="section-form.png")
    save_section(visit, "What is important to me")
    expect(
        page.locator(".govuk-task-list__item", has_text="What is important to me")
    ).to_contain_text("Completed")


def add_an_outcome_indicator_and_action(visit: Visit, today: datetime.date) -> None:
    page = visit.page
    open_task(visit, "What I want to change or achieve")
    page.get_by_role("link", name="Add outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add outcome")
    visit.check()
    page.get_by_label("What do you want, in your own words?").fill(
        "I want to go to the lunch club every week so I see my friends"
    )
    page.get_by_label("Something to change or achieve").check()
    fill_day(page, "By when?", today + datetime.timedelta(days=120))
    page.get_by_label("Area of life").select_option(label="Social participation and involvement")
    page.get_by_role("button", name="Save").click()

    # An outcome needs an indicator: Tandem goes straight on to the outcome's page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Change outcome")
    expect(page.get_by_text("No indicator yet")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="Add an indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add indicator")
    visit.check()
    page.get_by_label("How will we know?").fill("Goes to the lunch club 8 Wednesdays in a row")
    fill_day(page, "By when?", today + datetime.timedelta(days=90))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The indicator has been saved")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="Add an action for this outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add action")
    visit.check()
    page.get_by_label("What needs to happen?").fill(ACTION)
    page.get_by_label("Family, friends or carers (natural support)").check()
    page.get_by_label("Who is responsible?").select_option(label="Meena Patel (Carer)")
    fill_day(page, "Date it will be done by", today + datetime.timedelta(days=14))
    # How it is resourced is left out on purpose: sending for agreement must refuse it.
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The action has been saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("My action plan")
    visit.check()


def go_to_check(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pri’s support plan")
    visit.check()
    page.get_by_role("link", name="Check and send for agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the plan before sending it for agreement"
    )
    visit.check()


def gap_label(gap: str) -> str:
    return gap.partition(" is missing")[0]


def send_and_be_refused(visit: Visit) -> None:
    page = visit.page
    go_to_check(visit)
    page.get_by_role("button", name="Send for agreement").click()

    expect(page).to_have_title(re.compile(r"^Error: Check the plan"))
    refusal = page.get_by_role("alert").filter(has_text="The plan cannot be sent for agreement yet")
    expect(refusal.get_by_role("link")).to_have_text(
        [
            f"Say how the action “{ACTION}” is resourced",
            NEEDS,
            # A gap links first to where it is filled in, then to saying why it does not apply.
            *(
                link
                for gap in GAPS
                for link in (gap, f"Say why it does not apply ({gap_label(gap)})")
            ),
        ]
    )
    visit.check(screenshot="refusal.png")

    # Each gap is a link to where it is fixed: first, how the action is resourced (P5).
    refusal.get_by_role("link", name=f"Say how the action “{ACTION}” is resourced").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change action")
    visit.check()
    page.get_by_role("group", name="How is this resourced?").get_by_label(
        "Natural support from family, friends or carers"
    ).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The action has been saved")).to_be_visible()
    visit.check()


def follow_gap(visit: Visit, gap: str, element: str) -> None:
    """From the check page, follow a missing element's second link, to its "does not apply?"
    page (the first goes to where it is filled in)."""
    page = visit.page
    page.get_by_role("link", name=f"Say why it does not apply ({gap_label(gap)})").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Does “{element}” not apply to this plan?"
    )
    visit.check()


def fill_it_in(visit: Visit, section: str, item: str) -> None:
    page = visit.page
    page.get_by_role("link", name=f"Or fill it in: go to “{section}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(section)
    visit.check()
    page.get_by_role("link", name=f"Add {item}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add {item}")
    visit.check()


def fix_the_gaps(visit: Visit) -> None:
    page = visit.page
    go_to_check(visit)
    expect(page.get_by_text("There are 5 things to fix")).to_be_visible()

    # P12: the needs the plan meets, and whether they were assessed as eligible.
    page.get_by_role("link", name=NEEDS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs this plan meets")
    visit.check()
    page.get_by_role("link", name="Add need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add need")
    visit.check()
    page.get_by_label("What is the need?").fill("Company and a hot meal during the week")
    page.get_by_label("Assessed as eligible").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The need has been saved")).to_be_visible()
    visit.check()

    go_to_check(visit)

    follow_gap(visit, GAPS[0], "Support – who is needed")
    fill_it_in(visit, "How I will be supported", "support arrangement")
    page.get_by_label("What support will there be?").fill("Lunch and activities at the club")
    page.get_by_label("Who provides it?").fill("Riverside Community Centre")
    page.get_by_label("How often or how much?").fill("Every Wednesday, 11am to 2pm")
    page.get_by_label("Community resources").check()
    page.get_by_label("Resourcing details").fill("Pri pays £4 a week for her lunch")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The support arrangement has been saved")).to_be_visible()
    visit.check()

    go_to_check(visit)
    follow_gap(visit, GAPS[1], "Risk – how the person stays safe and well")
    fill_it_in(visit, "Risks and what happens if things go wrong", "risk")
    page.get_by_label("What could go wrong?").fill("Pri could fall getting in and out of the car")
    page.get_by_label("How is the risk managed?").fill(
        "Meena uses the swivel seat, and Pri takes her walking frame"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The risk has been saved")).to_be_visible()
    visit.check()

    # Cost does not apply: Pri has no personal budget. Say why, so it is not a gap.
    go_to_check(visit)
    follow_gap(visit, GAPS[2], "Cost – how the plan is paid for")
    page.get_by_label("Why does this not apply to this plan?").fill(
        "Pri has no personal budget: her support comes from her family and the community."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the plan before sending it for agreement"
    )
    expect(page.get_by_text("There is 1 thing to fix")).to_be_visible()
    visit.check()

    follow_gap(visit, GAPS[3], "Leadership – who manages the budget and support")
    page.get_by_role("link", name="Or fill it in: go to “How my support will be managed”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How my support will be managed")
    visit.check()
    page.get_by_label("How will your support be managed?").fill(
        "Pri manages her own support, with help from Meena."
    )
    page.get_by_label("Who manages the budget and the support").fill(
        "Pri and Meena arrange the lunch club; Wendy phones every month to check it is working."
    )
    mark_completed(visit)
    save_section(visit, "How my support will be managed")


def send_for_agreement(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Check and send for agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the plan before sending it for agreement"
    )
    expect(page.get_by_text("things to fix")).to_have_count(0)
    visit.check(screenshot="check-answers.png")
    page.get_by_role("button", name="Send for agreement").click()
    expect(page.get_by_text("The plan has been sent for agreement")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record agreement")
    visit.check()


def note_a_disagreement_and_agree(visit: Visit, today: datetime.date) -> None:
    page = visit.page
    page.get_by_role("link", name="Note an area of disagreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an area of disagreement")
    visit.check()
    page.get_by_label("Which part of the plan").select_option(label="How I will be supported")
    page.get_by_label("Who disagrees?").fill("Meena Patel")
    page.get_by_label("What is the disagreement?").fill(
        "Meena would like Pri to go to the lunch club twice a week."
    )
    page.get_by_role("button", name="Add the disagreement").click()
    expect(page.get_by_text("The area of disagreement has been noted in the plan")).to_be_visible()
    visit.check()

    page.get_by_role("link", name="Record agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record agreement")
    expect(page.get_by_text("Meena Patel: Meena would like Pri")).to_be_visible()
    visit.check()
    page.get_by_label("Pri, the person").check()
    page.get_by_label("In person").check()
    fill_day(page, "Date agreed", today)
    expect(page.get_by_label("I agree this plan as the worker")).to_be_checked()
    page.get_by_role("group", name="Carers who also agreed").get_by_label("Meena Patel").check()
    visit.check(screenshot="agreement.png")
    page.get_by_role("button", name="Record agreement and issue the plan").click()

    expect(page.get_by_text("The plan has been agreed and copy 1 issued")).to_be_visible()
    expect(page.get_by_text("Agreed", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Issue 1")).to_be_visible()
    visit.check()

    page.get_by_role("link", name="View and print the plan").click()
    expect(page.get_by_role("button", name="Print this plan")).to_be_visible()
    expect(page.get_by_text("This plan is not a contract.")).to_be_visible()
    visit.check(screenshot="plan-document.png")
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pri’s support plan")
    visit.check()


def provider_disagrees_after_agreement(visit: Visit) -> None:
    page = visit.page
    sign_in(visit, username="rhys", name="Rhys Jones")
    open_plan_from_people(visit, person="Priya Patel", known_as="Pri")
    visit.check()

    page.get_by_role("link", name="Add an area of disagreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an area of disagreement")
    expect(page.get_by_text("Adding a disagreement re-issues the plan")).to_be_visible()
    # A provider disagrees in their own name: there is no "who disagrees?" to fill in.
    expect(page.get_by_label("Who disagrees?")).to_have_count(0)
    visit.check()
    page.get_by_role("button", name="Add the disagreement").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    visit.check()
    page.get_by_label("Which part of the plan").select_option(label="How I will be supported")
    page.get_by_label("What is the disagreement?").fill(
        "The Wednesday lunch club is full from September. Thursdays would work."
    )
    page.get_by_role("button", name="Add the disagreement").click()

    expect(
        page.get_by_text("The disagreement has been added and the plan re-issued as copy 2")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Issue 2")).to_be_visible()
    visit.check()

    page.get_by_role("link", name="Issue 2").click()
    # A provider sees their part of the copy: their own disagreement, not who else it went to.
    expect(
        page.get_by_text("The Wednesday lunch club is full from September").first
    ).to_be_visible()
    expect(page.get_by_role("table", name="Who this copy was sent to")).to_have_count(0)
    visit.check()


def decide_and_start_version_2(visit: Visit) -> None:
    page = visit.page
    page.reload()
    expect(page.get_by_role("link", name="Issue 2")).to_be_visible()
    visit.check()
    page.get_by_role(
        "link", name="Decide whether to renegotiate (Rhys Jones (Riverside Community Centre))"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Does the plan need to be renegotiated?"
    )
    visit.check()
    page.get_by_label("Yes – the plan must be reviewed or renegotiated").check()
    page.get_by_label("Reason for the decision").fill(
        "Thursdays suit Pri too: change the day in a new version of the plan."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
    expect(
        page.get_by_text("The plan must be reviewed or renegotiated", exact=True)
    ).to_be_visible()
    visit.check()

    # The decision's banner offers the new version (the ordinary "Change this plan" gives way).
    expect(page.get_by_role("button", name="Change this plan (start a new version)")).to_have_count(
        0
    )
    page.get_by_role("button", name="Start a new version of the plan").click()
    expect(page.get_by_text("Version 2 started.")).to_be_visible()
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    visit.check()

    open_task(visit, "What is important to me")
    expect(page.get_by_label("What is important to you?")).to_have_value(IMPORTANT)
    page.get_by_label("What is important to you?").fill(IMPORTANT_V2)
    save_section(visit, "What is important to me")


def compare_the_versions(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Compare versions of this plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Compare versions of Pri’s support plan"
    )
    changed = page.locator(".govuk-summary-list__row", has_text="What is important")
    expect(changed.locator("del")).to_have_text(IMPORTANT)
    expect(changed.locator("ins")).to_have_text(IMPORTANT_V2)
    visit.check(screenshot="compare.png")

"""Acceptance walk-through for paying for a plan (issue 6, DESIGN.md P5, P7, P8).

An administrator sets up a small resource allocation scheme and a catalogue of services; a worker
works out a person's indicative budget with it, costs the plan – a home care visit from the
catalogue, managed by the council, and a personal assistant paid by direct payment at her own
price – so it goes over the indicative budget, and is refused "send for agreement" with the
reason; a team manager approves the cost from their queue; the plan goes for agreement and its
document shows the breakdown.

Everything about money is entered through the pages, in Chromium, as users would; the rest of the
plan (what is important, outcomes, risks…) is made in the fixture through the services, as the
worker journey already walks those pages. Every page visited is checked with axe-core (WCAG 2.2
AA).

The figures, worked by hand (tandem/budgets/money.py: a line's weekly cost is rounded to the
penny once; a year is the weekly cost × 52; every 4 weeks is × 4):

- Scheme: £2.00 a point. Gwen's answers score 50 + 30 = 80 points: 80 × £2.00 = £160.00; her
  carer's support takes £40.00 off: indicative budget £120.00 a week, × 52 = £6,240.00 a year.
- Home care, £24.50 an hour (catalogue): 1 hour × 3 a week = £73.50 a week, £3,822.00 a year,
  council-managed.
- Personal assistant, her own price £13.75 an hour: 2.5 hours × 2 a week = £68.75 a week,
  £3,575.00 a year, by direct payment: every 4 weeks, 4 × £68.75 = £275.00.
- From the personal budget: £73.50 + £68.75 = £142.25 a week, × 52 = £7,397.00 a year; over the
  indicative budget by £142.25 − £120.00 = £22.25 a week. No financial assessment, so the council
  pays all of it.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role, User
from tandem.people.models import CircleMember
from tandem.plans.services import plan_create, plan_item_create
from tandem.plans.tests.helpers import add_item, update_section
from tandem.ui.templatetags.govuk import govuk_date
from tests.browser.walkthrough import PASSWORD, Visit, give_second_factor, sign_in, to_people

HOME_CARE_ACTION = "Morning visits to help Gwen wash and dress"
PA_SUPPORT = "A personal assistant to go swimming with Gwen"
OVER_BY = "£22.25"
ASK_REASON = (
    "Gwen needs help every morning since her fall, and swimming keeps her walking: nothing "
    "cheaper does both."
)
DECISION_REASON = "Agreed: the swimming keeps Gwen out of hospital. Review in 3 months."


@pytest.fixture
def cast(transactional_db):
    """The administrator, the worker and the team manager, who sign in with a password; Gwen and
    a draft plan holding everything but its money."""
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    admin = testing.make_user(
        org, role=Role.ADMINISTRATOR, username="ada", first_name="Ada", last_name="Admin"
    )
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    manager = testing.make_worker(
        org,
        team,
        role=Role.TEAM_MANAGER,
        username="mani",
        first_name="Mani",
        last_name="Manager",
    )
    for user in (admin, worker, manager):
        user.set_password(PASSWORD)
        user.save()
    person = testing.make_person(
        org,
        team,
        given_name="Gwen",
        family_name="Hughes",
        date_of_birth=datetime.date(1941, 6, 18),
        local_identifier="RC0107",
        allocated_worker=worker,
    )
    testing.make_circle_member(
        person, name="Sian Hughes", kind=CircleMember.Kind.CARER, consent_to_share=True
    )
    build_draft_plan(person, worker)
    return {"org": org, "person": person}


def build_draft_plan(person, worker) -> None:
    """Version 1, ready in every way but its money: an action and a support arrangement paid from
    the personal budget, with no cost yet, and "How I will use my personal budget" not started."""
    today = timezone.localdate()
    plan = plan_create(person=person, actor=worker)
    update_section(
        plan,
        "about",
        worker,
        prepared_by="person_with_circle",
        preparation_notes="At home with Gwen and her daughter Sian",
    )
    update_section(
        plan,
        "important",
        worker,
        important_to_me="Staying in my own home, swimming on Tuesdays, and my daughter Sian",
        strengths="I know what help I need and I say so",
    )
    update_section(
        plan,
        "management",
        worker,
        support_management="Gwen employs her personal assistant, with Sian’s help",
        who_leads="Gwen and Sian; Wendy checks with them every month",
    )
    update_section(
        plan,
        "control",
        worker,
        staying_in_control="Gwen chooses her assistant and can ring Wendy to change anything",
    )
    outcome = add_item(
        plan,
        "outcome",
        worker,
        words="I want to stay well at home and keep swimming every week",
        achieve_by=today + datetime.timedelta(days=180),
    )
    add_item(
        plan,
        "indicator",
        worker,
        outcome=outcome,
        description="Swims 10 Tuesdays out of 12, and no falls at home",
        due_on=today + datetime.timedelta(days=90),
    )
    plan_item_create(
        plan=plan,
        kind="action",
        parent=outcome,
        data={
            "description": HOME_CARE_ACTION,
            "kind": "paid",
            "responsible_staff": worker,
            "due_on": today + datetime.timedelta(days=14),
            "funded_by": "personal_budget",
        },
        actor=worker,
    )
    add_item(
        plan,
        "support",
        worker,
        description=PA_SUPPORT,
        provider="Gwen’s personal assistant",
        how_often="2 and a half hours, twice a week",
        funded_by="personal_budget",
    )
    add_item(
        plan,
        "risk",
        worker,
        description="Gwen could fall at the pool",
        how_managed="Her assistant walks beside her to the changing room",
    )
    add_item(plan, "need", worker, description="Help to wash and dress", eligibility="eligible")


def test_a_plan_over_its_indicative_budget_goes_for_agreement_once_a_manager_approves(
    live_server, page: Page, new_context, cast
):
    # (1) The administrator sets up the scheme and the catalogue.
    admin = Visit(page, live_server)
    set_up_the_scheme(admin)
    set_up_the_catalogue(admin)
    admin.assert_all_checked()

    # (2) The worker works out Gwen's indicative budget and costs her plan.
    worker = Visit(new_context().new_page(), live_server)
    sign_in(worker, username="wendy", name="Wendy Worker")
    work_out_the_budget(worker)
    open_the_plan(worker)
    cost_the_plan(worker)
    say_how_the_budget_is_taken(worker)

    # (3) Over budget: refused, with the reason and where to fix it; she asks for a decision.
    send_and_be_refused(worker)
    ask_for_a_decision(worker)
    worker.assert_all_checked()

    # (4) The team manager approves it from their queue.
    manager = Visit(new_context().new_page(), live_server)
    approve_from_the_queue(manager)
    manager.assert_all_checked()

    # (5) The worker signs in again and sends the plan for agreement.
    sign_out_and_in_again(worker)
    open_the_plan_from_people(worker)
    send_for_agreement(worker)

    # (6) The plan's document shows what it costs, who pays and the manager's decision.
    read_the_document(worker)
    worker.assert_all_checked()


# --- (1) The administrator -------------------------------------------------------------------


def heading(visit: Visit):
    return visit.page.get_by_role("heading", level=1)


def set_up_the_scheme(visit: Visit) -> None:
    page = visit.page
    sign_in(visit, username="ada", name="Ada Admin")
    # An administrator has no caseload: they start on the organisation's administration.
    expect(heading(visit)).to_have_text("Administration")
    visit.check()
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Budgets and costs"
    ).click()
    expect(heading(visit)).to_have_text("Budgets and costs")
    expect(page.get_by_text("No scheme is in use yet")).to_be_visible()
    visit.check()

    page.get_by_role("link", name="Start the scheme").click()
    expect(heading(visit)).to_have_text("Start the resource allocation scheme")
    visit.check()
    page.get_by_label("Name of the scheme").fill("Riverside RAS 2026")
    page.get_by_label("Price of a point (£ a week)").fill("2.00")
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_text("The draft scheme has been started")).to_be_visible()
    expect(heading(visit)).to_have_text("Riverside RAS 2026")
    visit.check()

    add_question(
        visit,
        "How much help do you need to wash and dress?",
        [("No help", "0"), ("Help on some days", "20"), ("Help every day", "50")],
    )
    add_question(
        visit,
        "How much help do you need to get out and about?",
        [("Some help", "10"), ("A lot of help", "30")],
    )

    page.get_by_role("link", name="Add an adjustment").click()
    expect(heading(visit)).to_have_text("Add an adjustment")
    visit.check()
    page.get_by_label("When does it apply?").fill("Has a carer who gives substantial support")
    page.get_by_label("Change to the weekly budget (£)").fill("-40.00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Adjustment added")).to_be_visible()
    adjustments = page.locator(".govuk-summary-list__row", has_text="Has a carer")
    expect(adjustments).to_contain_text("−£40.00 a week")
    # The most anyone can score: 50 + 30 = 80 points × £2.00 = £160.00 a week.
    expect(page.locator("#worked-example")).to_contain_text(
        "A person scoring the most on every question would get £160.00 a week."
    )
    expect(page.get_by_text("This version is ready to be put in use.")).to_be_visible()
    visit.check()

    page.get_by_role("link", name="Put this version in use").click()
    expect(heading(visit)).to_have_text("Put this version in use")
    expect(page.get_by_text("2 questions, 1 adjustment")).to_be_visible()
    visit.check()
    page.get_by_role("button", name="Put it in use").click()
    expect(page.get_by_text("Version 1 of the scheme is now in use")).to_be_visible()
    visit.check()


def add_question(visit: Visit, question: str, answers: list[tuple[str, str]]) -> None:
    page = visit.page
    page.get_by_role("link", name="Add a question").click()
    expect(heading(visit)).to_have_text("Add a question")
    visit.check()
    page.get_by_label("Question", exact=True).fill(question)
    page.get_by_role("button", name="Save", exact=True).click()

    # A new question goes straight on to its answers.
    for number, (answer, points) in enumerate(answers, start=1):
        expect(heading(visit)).to_have_text("Add an answer")
        expect(page.get_by_text(f"Question: “{question}”")).to_be_visible()
        visit.check()
        page.get_by_label("Answer", exact=True).fill(answer)
        page.get_by_label("Points").fill(points)
        last = number == len(answers)
        page.get_by_role(
            "button", name="Save" if last else "Save and add another answer", exact=True
        ).click()

    expect(page.get_by_text("Answer added")).to_be_visible()
    card = page.locator(".govuk-summary-card", has_text=question)
    for answer, points in answers:
        expect(card.locator(".govuk-summary-list__row", has_text=answer)).to_contain_text(
            f"{points} point"
        )
    visit.check()


def set_up_the_catalogue(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Back to budgets and costs").click()
    expect(heading(visit)).to_have_text("Budgets and costs")
    expect(page.get_by_text("Workers use Riverside RAS 2026 (version 1)")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="Services and unit costs").click()
    expect(heading(visit)).to_have_text("Services and unit costs")
    expect(page.get_by_text("No services yet.")).to_be_visible()
    visit.check()

    for name, unit, cost in [
        ("Home care", "per hour", "24.50"),
        ("Day centre", "per day", "52.00"),
    ]:
        page.get_by_role("link", name="Add a service").click()
        expect(heading(visit)).to_have_text("Add a service")
        visit.check()
        page.get_by_label("Name of the service").fill(name)
        page.get_by_role("group", name="How is it charged?").get_by_label(unit).check()
        page.get_by_label("Unit cost (£)").fill(cost)
        # The unit cost applies from today, as the form suggests.
        page.get_by_role("button", name="Add the service").click()
        expect(page.get_by_text(f"{name} has been added")).to_be_visible()
        visit.check()
        page.get_by_role("link", name="Back to services and unit costs").click()
        expect(heading(visit)).to_have_text("Services and unit costs")
        visit.check()

    catalogue = page.get_by_role("table")
    expect(
        catalogue.get_by_role("row", name=re.compile("^Home care per hour £24.50"))
    ).to_be_visible()
    expect(
        catalogue.get_by_role("row", name=re.compile("^Day centre per day £52.00"))
    ).to_be_visible()


# --- (2) The worker costs the plan -----------------------------------------------------------


def work_out_the_budget(visit: Visit) -> None:
    page = visit.page
    to_people(visit)
    page.get_by_role("link", name="Gwen Hughes").click()
    expect(heading(visit)).to_have_text("Gwen Hughes")
    expect(page.get_by_test_id("budget-card")).to_contain_text("Not worked out yet")
    visit.check()
    page.get_by_role("link", name="See the budget of Gwen Hughes").click()
    expect(heading(visit)).to_have_text("Gwen Hughes’s budget")
    visit.check()

    page.get_by_role("button", name="Work out the indicative budget").click()
    expect(heading(visit)).to_have_text("Work out the indicative budget")
    expect(page.get_by_text("Riverside RAS 2026 (version 1)")).to_be_visible()
    visit.check()
    page.get_by_role("group", name="How much help do you need to wash and dress?").get_by_label(
        "Help every day"
    ).check()
    page.get_by_role("group", name="How much help do you need to get out and about?").get_by_label(
        "A lot of help"
    ).check()
    page.get_by_label("Has a carer who gives substantial support").check()
    page.get_by_role("group", name="Did you complete this with the person?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Work out the budget").click()

    # 80 points × £2.00 = £160.00, less £40.00 for Sian's support: £120.00 a week, × 52.
    expect(
        page.get_by_text("The indicative budget is £120.00 a week (£6,240.00 a year)")
    ).to_be_visible()
    expect(heading(visit)).to_have_text("Gwen Hughes’s budget")
    visit.check()


def open_the_plan(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Back to the person").click()
    expect(heading(visit)).to_have_text("Gwen Hughes")
    expect(page.get_by_test_id("budget-card")).to_contain_text("£120.00 a week (£6,240.00 a year)")
    visit.check()
    page.get_by_role("link", name="Version 1").click()
    expect(heading(visit)).to_have_text("Gwen’s support plan")
    visit.check()


def open_task(visit: Visit, title: str) -> None:
    visit.page.get_by_role("link", name=title, exact=True).click()
    expect(heading(visit)).to_have_text(title)
    visit.check()


def cost_the_plan(visit: Visit) -> None:
    page = visit.page
    open_task(visit, "What my support costs")
    within = page.get_by_test_id("within-budget")
    expect(within).to_contain_text("£120.00 a week (£6,240.00 a year)")
    expect(within).to_contain_text("From Riverside RAS 2026 (version 1), 80 points")

    # The home care visits, from the catalogue at its price, managed by the council.
    page.get_by_role("link", name="Add cost").click()
    expect(heading(visit)).to_have_text("Add cost")
    visit.check()
    page.get_by_label("What does this pay for?").fill("Home care visits, mornings")
    page.get_by_label("Which action or support arrangement does this pay for?").select_option(
        label=HOME_CARE_ACTION
    )
    page.get_by_label("Which service is it?").select_option(label="Home care")
    page.get_by_label("How many units each time?").fill("1")
    page.get_by_label("How many times?").fill("3")
    page.get_by_role("group", name="How often?").get_by_label("a week", exact=True).check()
    page.get_by_role("group", name="Who pays?").get_by_label(
        "Personal budget – managed by the council"
    ).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The cost has been saved")).to_be_visible()
    # 1 hour × 3 × £24.50 = £73.50 a week, within the £120.00.
    expect(within).to_contain_text("£46.50 a week within the indicative budget")
    visit.check()

    # The personal assistant: not in the list, at Gwen's own price, by direct payment.
    page.get_by_role("link", name="Add cost").click()
    expect(heading(visit)).to_have_text("Add cost")
    visit.check()
    page.get_by_label("What does this pay for?").fill("Gwen’s personal assistant")
    page.get_by_label("Which action or support arrangement does this pay for?").select_option(
        label=PA_SUPPORT
    )
    page.get_by_label("Unit cost (£)").fill("13.75")
    page.get_by_role("group", name="How is it charged?").get_by_label("per hour").check()
    page.get_by_label("Why this price rather than the catalogue’s?").fill(
        "Gwen employs her own assistant, for less than an agency charges"
    )
    page.get_by_label("How many units each time?").fill("2.5")
    page.get_by_label("How many times?").fill("2")
    page.get_by_role("group", name="How often?").get_by_label("a week", exact=True).check()
    page.get_by_role("group", name="Who pays?").get_by_label(
        "Personal budget – direct payment"
    ).check()
    page.get_by_label("Who manages this money?").fill("Gwen, with her daughter Sian")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The cost has been saved")).to_be_visible()

    # £73.50 + 2.5 hours × 2 × £13.75 (£68.75) = £142.25 a week: £22.25 over.
    expect(within).to_contain_text("£142.25 a week (£7,397.00 a year)")
    expect(within).to_contain_text(f"Over budget {OVER_BY} a week more than the indicative budget")
    visit.check()

    page.get_by_role("link", name="Back to the plan").click()
    expect(heading(visit)).to_have_text("Gwen’s support plan")
    visit.check()


def say_how_the_budget_is_taken(visit: Visit) -> None:
    page = visit.page
    open_task(visit, "How I will use my personal budget")
    page.get_by_role("group", name="How will the personal budget be taken?").get_by_label(
        "A mix of these"
    ).check()
    page.get_by_role("group", name="How often is the direct payment paid?").get_by_label(
        "Every 4 weeks"
    ).check()
    page.get_by_label("How will you use your personal budget?").fill(
        "The council arranges Gwen’s morning visits; the direct payment pays her personal "
        "assistant, who goes swimming with her."
    )
    page.get_by_label("Yes, I’ve completed this section").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("“How I will use my personal budget” saved")).to_be_visible()
    visit.check()


# --- (3) Refused, and asking for a decision --------------------------------------------------


def go_to_check(visit: Visit) -> None:
    visit.page.get_by_role("link", name="Check and send for agreement").click()
    expect(heading(visit)).to_have_text("Check the plan before sending it for agreement")
    visit.check()


REFUSAL = (
    f"The plan costs {OVER_BY} a week more than the indicative budget: give the reason and ask a "
    "team manager to approve it"
)


def send_and_be_refused(visit: Visit) -> None:
    page = visit.page
    go_to_check(visit)
    page.get_by_role("button", name="Send for agreement").click()

    expect(page).to_have_title(re.compile(r"^Error: Check the plan"))
    refusal = page.get_by_role("alert").filter(has_text="The plan cannot be sent for agreement yet")
    # Over budget is the only thing stopping it, and it says by how much.
    expect(refusal.get_by_role("link")).to_have_text([REFUSAL])
    visit.check()

    refusal.get_by_role("link", name=REFUSAL).click()
    expect(heading(visit)).to_have_text("What my support costs")
    visit.check()


def ask_for_a_decision(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="Ask a team manager to decide").click()
    expect(heading(visit)).to_have_text("Ask a team manager to decide")
    figures = page.get_by_test_id("decision-figures")
    expect(figures).to_contain_text("£142.25 a week (£7,397.00 a year)")
    expect(figures).to_contain_text(f"{OVER_BY} a week more than the indicative budget")
    visit.check()
    page.get_by_label("Why does the plan need this?").fill(ASK_REASON)
    page.get_by_role("button", name="Ask for a decision").click()
    expect(page.get_by_text("A team manager has been asked to decide")).to_be_visible()
    expect(heading(visit)).to_have_text("What my support costs")
    expect(page.get_by_test_id("decision-status")).to_have_text("Waiting for a decision")
    visit.check()


# --- (4) The team manager --------------------------------------------------------------------


def approve_from_the_queue(visit: Visit) -> None:
    page = visit.page
    sign_in(visit, username="mani", name="Mani Manager")
    to_people(visit)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Decisions (1)").click()
    expect(heading(visit)).to_have_text("Decisions on plans’ costs")
    waiting = page.get_by_test_id("decisions-waiting")
    row = waiting.get_by_role("row", name=re.compile("^Gwen Hughes"))
    # £120.00 indicative, £142.25 from the personal budget: over by £22.25.
    expect(row).to_contain_text("Wendy Worker")
    expect(row).to_contain_text("£120.00")
    expect(row).to_contain_text("£142.25")
    expect(row).to_contain_text(f"Over budget by {OVER_BY} a week")
    visit.check()

    row.get_by_role("link", name="Gwen Hughes – decide").click()
    expect(heading(visit)).to_have_text("Decide on the plan’s cost")
    expect(page.get_by_test_id("decision-reason")).to_have_text(ASK_REASON)
    costs = page.get_by_test_id("decision-costs")
    expect(costs.get_by_role("row", name=re.compile("^Home care visits"))).to_contain_text("£73.50")
    expect(costs.get_by_role("row", name=re.compile("^Gwen’s personal assistant"))).to_contain_text(
        "£68.75"
    )
    visit.check()
    page.get_by_label("Approve the cost").check()
    page.get_by_label("Why have you made this decision?").fill(DECISION_REASON)
    page.get_by_role("button", name="Record your decision").click()

    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
    expect(heading(visit)).to_have_text("Decisions on plans’ costs")
    expect(page.get_by_text("Nothing is waiting for your decision.")).to_be_visible()
    recent = page.get_by_test_id("decisions-recent")
    expect(recent.get_by_role("row", name=re.compile("^Gwen Hughes"))).to_contain_text("Approved")
    visit.check()


# --- (5) and (6) The worker sends the plan and reads its document --------------------------


def sign_out_and_in_again(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("navigation", name="Menu").get_by_role("button", name="Sign out").click()
    expect(heading(visit)).to_have_text("Sign in to Tandem")
    visit.check()
    page.get_by_label("Username").fill("wendy")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(visit, User.objects.get(username="wendy"))
    expect(page.get_by_role("navigation", name="Menu")).to_contain_text("Wendy Worker")


def open_the_plan_from_people(visit: Visit) -> None:
    page = visit.page
    to_people(visit)
    page.get_by_role("link", name="Gwen Hughes").click()
    expect(heading(visit)).to_have_text("Gwen Hughes")
    visit.check()
    page.get_by_role("link", name="Version 1").click()
    expect(heading(visit)).to_have_text("Gwen’s support plan")
    visit.check()


def send_for_agreement(visit: Visit) -> None:
    page = visit.page
    go_to_check(visit)
    # The manager's approval holds for what the plan costs: nothing is left to fix.
    expect(page.get_by_text(re.compile(r"things? to fix"))).to_have_count(0)
    page.get_by_role("button", name="Send for agreement").click()
    expect(page.get_by_text("The plan has been sent for agreement")).to_be_visible()
    expect(heading(visit)).to_have_text("Record agreement")
    visit.check()
    page.get_by_role("link", name="Back to the plan").click()
    expect(heading(visit)).to_have_text("Gwen’s support plan")
    expect(page.get_by_text("Ready for agreement", exact=True)).to_be_visible()
    visit.check()


def read_the_document(visit: Visit) -> None:
    page = visit.page
    page.get_by_role("link", name="View and print the plan").click()
    expect(page.get_by_role("button", name="Print this plan")).to_be_visible()
    visit.check()

    breakdown = page.get_by_test_id("cost-breakdown")

    def line(name: str):
        return breakdown.get_by_role("row", name=re.compile(f"^{name}"))

    # Each line: what it pays for, how much, who pays, a week, a year.
    home_care = line("Home care visits")
    expect(home_care).to_contain_text(f"For: {HOME_CARE_ACTION}")
    expect(home_care).to_contain_text("Home care: 1 × £24.50 per hour, 3 times a week")
    expect(home_care).to_contain_text("Personal budget – managed by the council")
    expect(home_care).to_contain_text("£73.50")
    expect(home_care).to_contain_text("£3,822.00")
    assistant = line("Gwen’s personal assistant")
    expect(assistant).to_contain_text(f"For: {PA_SUPPORT}")
    expect(assistant).to_contain_text(
        "Own price: Gwen employs her own assistant, for less than an agency charges"
    )
    expect(assistant).to_contain_text("2.5 × £13.75 per hour, 2 times a week")
    expect(assistant).to_contain_text("Personal budget – direct payment")
    expect(assistant).to_contain_text("Managed by Gwen, with her daughter Sian")
    expect(assistant).to_contain_text("£68.75")
    expect(assistant).to_contain_text("£3,575.00")
    expect(line("Total")).to_contain_text("£142.25")
    expect(line("Total")).to_contain_text("£7,397.00")

    # The direct payment, every 4 weeks: 4 × £68.75.
    expect(page.get_by_test_id("direct-payment")).to_have_text(
        "The direct payment is £68.75 a week, paid every 4 weeks. Each payment is £275.00."
    )

    within = page.get_by_test_id("within-budget")
    rows = {
        "Indicative personal budget": "£120.00 a week (£6,240.00 a year)",
        "Paid from the personal budget": "£142.25 a week (£7,397.00 a year)",
        "The council pays": "£142.25 a week (£7,397.00 a year)",
        "Difference": f"Over budget {OVER_BY} a week more than the indicative budget",
    }
    for key, value in rows.items():
        expect(within.locator(".govuk-summary-list__row", has_text=key)).to_contain_text(value)

    expect(page.get_by_test_id("decision-status")).to_have_text("Approved")
    expect(page.get_by_text(f"Mani Manager, on {govuk_date(timezone.localdate())}")).to_be_visible()
    expect(page.get_by_text(DECISION_REASON)).to_be_visible()

"""Acceptance walk-through of a whole review cycle (issue 7, DESIGN.md R1–R11), in Chromium.

Priya's plan was agreed on 5 March 2026. Her worker records progress on an action and that a
contingency in the plan was triggered, which makes a review urgent (R10). Priya, in her own
login, gets ready for her review: whom she wants there, that she would like it by telephone,
that her provider is invited, and in her own words what is working and what she wants to change
(R3–R5). The worker starts the review and finds her answers in front of them (R4), records it
as held by telephone with an advocate, rates both outcomes with goal attainment levels, adds a
new outcome, says a new plan is needed, agrees the next review date (R5–R7) and finalises it:
a new draft version starts, carrying the outcomes' identities and the new outcome. The worker
sends the copy (R8). Priya reads the record and sees her progress chart.

Every page visited is checked with axe-core (WCAG 2.2 AA).
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.people.models import CircleMember
from tandem.plans.models import Outcome, Plan
from tandem.reviews.models import Consultation, Review
from tandem.reviews.tests.between_helpers import agreed_plan
from tests.browser.walkthrough import PASSWORD, Visit, fill_day, sign_in

NEW_OUTCOME = "I want to cook my own tea three nights a week"
WORKING = "Going to the gardening club with my sister"
CHANGE = "I want to learn to cook"


@pytest.fixture
def cast(transactional_db):
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    worker = testing.make_worker(
        org, team, username="wendy", first_name="Wendy", last_name="Worker"
    )
    person = testing.make_person(
        org, team, given_name="Priya", family_name="Shah", allocated_worker=worker
    )
    person_user = testing.make_user_for_person(person)
    person_user.username = "priya"
    for user in (worker, person_user):
        user.set_password(PASSWORD)
        user.save()
    testing.make_circle_member(
        person, name="Ama Advocate", kind=CircleMember.Kind.ADVOCATE, consent_to_share=True
    )
    plan = agreed_plan(person, worker, actions=2)
    return {"person": person, "plan": plan, "worker": worker, "person_user": person_user}


def sign_out(visit: Visit) -> None:
    visit.page.get_by_role("navigation", name="Menu").get_by_role("button", name="Sign out").click()
    expect(visit.page.get_by_role("heading", level=1)).to_be_visible()
    visit.check()


def open_carrying_out(visit: Visit, plan: Plan) -> None:
    page = visit.page
    visit.goto(f"/plans/{plan.pk}/")
    expect(page.get_by_test_id("next-review-card")).to_be_visible()
    visit.check()
    page.get_by_role("link", name="Carrying out the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carrying out the plan")
    visit.check()


def test_a_whole_review_cycle_led_by_the_person(live_server, page: Page, cast):
    plan, person = cast["plan"], cast["person"]
    today = timezone.localdate()
    visit = Visit(page, live_server)
    heading = page.get_by_role("heading", level=1)

    # Between reviews: progress on an action, then a contingency trigger (R10).
    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()
    open_carrying_out(visit, plan)
    page.get_by_role("link", name="Record progress – Find a lift to the club").click()
    expect(heading).to_have_text("Record progress on an action")
    visit.check()
    page.get_by_label("Under way").check()
    page.get_by_label("What has happened? (optional)").fill("Her sister drives her on Tuesdays")
    fill_day(page, "When did this happen?", today)
    page.get_by_role("button", name="Record progress").click()
    expect(heading).to_have_text("Carrying out the plan")
    expect(page.locator("main")).to_contain_text("Under way")
    visit.check()

    page.get_by_role("button", name="Record a contingency trigger or change").click()
    expect(heading).to_have_text("Record a contingency trigger or change")
    visit.check()
    page.get_by_label("A contingency in the plan was triggered").check()
    page.get_by_label("Details").fill("Priya fell at home on Sunday; her sister found her.")
    fill_day(page, "When did it happen?", today)
    page.get_by_role("button", name="Record it").click()
    expect(heading).to_have_text("Carrying out the plan")
    visit.check()
    visit.goto(f"/plans/{plan.pk}/")
    card = page.get_by_test_id("next-review-card")
    expect(card).to_contain_text("(R10)")
    expect(card).to_contain_text("Consultation due")
    visit.check()
    sign_out(visit)

    # The consultation, in Priya's own login (R3–R5).
    sign_in(visit, username="priya", name="Priya")
    visit.check()
    visit.goto(f"/people/{person.pk}/")
    visit.check()
    page.get_by_role("link", name="Get ready for your review").first.click()
    visit.check()
    page.get_by_label("Who do you want to be at your review? (optional)").fill(
        "My sister and my advocate"
    )
    page.get_by_label("By telephone").check()
    page.get_by_role(
        "group", name="Should Riverside Care Ltd be invited to your review?"
    ).get_by_label("Yes").check()
    page.get_by_label("What is working? (optional)").fill(WORKING)
    page.get_by_label("What do you want to change? (optional)").fill(CHANGE)
    page.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    visit.check()
    consultation = Consultation.objects.get(person=person)
    assert consultation.with_person is False and consultation.how_held == "telephone"
    assert consultation.providers.get().invited is True
    sign_out(visit)

    # The review, with Priya's answers in front of the worker (R4), held by telephone (R5).
    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()
    open_carrying_out(visit, plan)
    page.get_by_role("button", name="Start a review").click()
    expect(heading).to_have_text("Record the review")
    expect(page.locator("#own-answers")).to_contain_text(WORKING)
    expect(page.locator("#own-answers")).to_contain_text(CHANGE)
    visit.check()

    fill_day(page, "When was the review held?", today)
    page.get_by_label("By telephone").check()
    page.get_by_label("Why is that proportionate? (optional)").fill(
        "Priya asked for a call; nothing else has changed"
    )
    page.get_by_label("Who took part? (optional)").fill("Priya, her sister, Ama Advocate, Wendy")
    page.get_by_label("An advocate was there to support the person").check()
    outcomes = list(plan.outcomes.order_by("position", "id"))
    for outcome, rating, level in zip(
        outcomes, ("Achieved", "Partly achieved"), ("+1", "+0"), strict=True
    ):
        page.get_by_role("group", name=f"Has “{outcome.words}” been achieved?").get_by_label(
            rating, exact=True
        ).check()
        page.get_by_role(
            "group", name=f"Goal attainment level for “{outcome.words}” (optional)"
        ).get_by_label(re.compile(f"^{re.escape(level)}:")).check()
    page.get_by_label("A new plan is needed (a new draft version starts from this plan)").check()
    fill_day(page, "When is the next review?", today + datetime.timedelta(days=182))
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")
    visit.check()

    # A new outcome agreed at the review (R6).
    page.get_by_role("link", name="Add a new or different outcome").click()
    expect(heading).to_have_text("Add a new or different outcome")
    visit.check()
    page.get_by_label("What does the person want, in their own words?").fill(NEW_OUTCOME)
    page.get_by_label("Something to change or achieve").check()
    fill_day(page, "By when?", today + datetime.timedelta(days=120))
    page.get_by_role("button", name="Save the outcome").click()
    expect(heading).to_have_text("Record the review")
    expect(page.locator("main")).to_contain_text(NEW_OUTCOME)
    visit.check()

    page.get_by_role("button", name="Save and finalise").click()
    expect(heading).to_have_text("Finalise the review record")
    visit.check()
    page.get_by_role("button", name="Finalise the review record").click()
    # A new plan is needed: the new draft version opens, with the outcome agreed at the review.
    expect(heading).to_have_text("Priya’s support plan")
    expect(page.locator("main")).to_contain_text(NEW_OUTCOME)
    visit.check()

    review = Review.objects.get(person=person)
    assert review.is_final and review.how_held == "telephone" and review.advocate_present
    assert review.consultation == consultation
    draft = Plan.objects.get(person=person, status=Plan.Status.DRAFT)
    carried = set(Outcome.objects.filter(plan=draft).values_list("uid", flat=True))
    assert {o.uid for o in outcomes} < carried
    assert Outcome.objects.filter(plan=draft, words=NEW_OUTCOME).exists()

    # The copy, within 3 weeks (R8), from the review record.
    open_carrying_out(visit, plan)
    page.get_by_role("link", name=re.compile("^Review held on")).click()
    expect(heading).to_have_text("Review record")
    expect(page.locator("main")).to_contain_text("Copy due by")
    visit.check()
    page.get_by_role("link", name="Send the copy").click()
    expect(heading).to_have_text("Send a copy of the review record")
    visit.check()
    page.get_by_role("button", name="Choose the forms and send the copies").click()
    visit.check()
    page.get_by_role("button", name="Send the copies").click()
    visit.check()
    page.get_by_role("link", name="Back to the review record").click()
    expect(page.locator("main")).to_contain_text("Copy sent on")
    visit.check()
    sign_out(visit)

    # Priya reads the record and her progress.
    sign_in(visit, username="priya", name="Priya")
    visit.check()
    visit.goto(f"/people/{person.pk}/")
    visit.check()
    page.get_by_role("link", name="See progress over time").click()
    expect(page.get_by_role("img", name=re.compile("progress"))).to_be_visible()
    expect(page.locator("#progress-scores")).to_contain_text(str(review_t_score(review)))
    visit.check()
    page.locator("#review-records").locator("xpath=following-sibling::ul[1]").get_by_role(
        "link"
    ).first.click()
    expect(page.locator("main")).to_contain_text(NEW_OUTCOME)
    visit.check()
    visit.assert_all_checked()


def review_t_score(review: Review):
    from tandem.reviews.gas import t_score

    return t_score([e.gas_level for e in review.evaluations.all()])

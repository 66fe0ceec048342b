"""Copies in a browser (issue 10 acceptance): a worker sends an easy-read copy to a person whose
needs ask for it; the real background worker makes it and its audio while the progress page
watches; the person signs in, downloads the PDF and plays the audio on their own page. Every
page on the way passes axe."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.accounts.models import Role
from tandem.copies.models import Copy
from tandem.people.models import Delivery, Person
from tandem.plans.tests.helpers import build_agreed_plan
from tests import processes
from tests.browser.axe import assert_accessible
from tests.browser.walkthrough import PASSWORD, Visit, sign_in


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
        given_name="Rosie",
        family_name="Cloverdale",
        date_of_birth=datetime.date(2000, 6, 3),
        allocated_worker=worker,
        communication_needs="Learning disability: easy read, and an audio version to listen to.",
        preferred_formats=[Person.Format.EASY_READ, Person.Format.AUDIO],
        copies_by=Delivery.SIGN_IN,
    )
    user = testing.make_user(
        org, role=Role.PERSON, username="rosie", first_name="Rosie", last_name="Cloverdale"
    )
    Person.objects.filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    for who in (worker, user):
        who.set_password(PASSWORD)
        who.save()
    _plan, issue = build_agreed_plan(person=person, actor=worker)
    return {"person": person, "issue": issue}


def run_the_worker() -> None:
    """The real task worker, as a separate process: it makes what is queued, then stops."""
    worker = processes.manage(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", env=processes.environment()
    )
    assert worker.wait(timeout=180) == 0


def test_a_person_downloads_and_hears_the_easy_read_copy_sent_to_them(
    live_server, page: Page, cast
):
    issue = cast["issue"]
    heading = page.get_by_role("heading", level=1)
    visit = Visit(page, live_server)
    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()
    visit.goto(reverse("documents:issue", args=[issue.plan_id, issue.number]))
    visit.check()

    page.get_by_role("link", name="Send copies to the person and their circle").click()
    expect(heading).to_contain_text("Send copies")
    # Her needs ask for easy read and audio, behind her sign-in: already chosen.
    expect(page.get_by_role("checkbox", name="Easy read")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Audio summary")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Standard print")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Online, to download after signing in")).to_be_checked()
    visit.check()
    page.get_by_role("button", name="Send the copies").click()
    expect(heading).to_contain_text("Copies sent")
    expect(page.get_by_text("Waiting to be made")).to_have_count(2)
    visit.check()

    run_the_worker()
    # The progress page updates itself: no reload.
    expect(page.get_by_text("Ready to download")).to_have_count(2, timeout=20_000)
    expect(page.get_by_role("status")).to_have_text("Every copy has been made.")
    assert_accessible(page)  # the page changed in place: checked again as it is now
    assert set(Copy.objects.values_list("status", flat=True)) == {Copy.Status.READY}
    page.get_by_role("link", name="See the copies waiting to be posted").click()
    expect(page.get_by_text("There are no copies waiting to be posted.")).to_be_visible()
    visit.check()

    page.get_by_role("button", name="Sign out").click()
    visit.check()
    sign_in(visit, username="rosie", name="Rosie Cloverdale")
    visit.check()
    visit.goto(reverse("people:home"))
    expect(page.get_by_role("heading", name="Your copies")).to_be_visible()
    visit.check()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the easy read copy").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    audio = page.locator("audio")
    audio.evaluate("player => { player.muted = true; return player.play(); }")
    page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a.currentTime > 0.3; }",
        timeout=20_000,
    )
    assert audio.evaluate("player => player.duration") > 1
    visit.check()
    visit.goto(reverse("copies:person", args=[cast["person"].pk]))
    expect(heading).to_have_text("Your copies")
    expect(page.get_by_role("link", name="Download the easy read copy")).to_be_visible()
    visit.check()
    visit.assert_all_checked()

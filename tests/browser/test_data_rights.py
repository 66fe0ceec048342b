"""Data rights in a browser: a worker makes the archive of everything held about a person and
downloads it, then closes the person's record. Every page on the way passes axe."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem import testing
from tandem.people.models import Person
from tests.browser.walkthrough import PASSWORD, Visit, fill_day, sign_in


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
        given_name="Aisha",
        family_name="Khan",
        date_of_birth=datetime.date(1956, 6, 3),
        allocated_worker=worker,
    )
    testing.make_circle_member(person, name="Jo Khan", relationship="Daughter")
    worker.set_password(PASSWORD)
    worker.save()
    return {"person": person}


def test_a_worker_downloads_everything_held_and_closes_the_record(live_server, page: Page, cast):
    person = cast["person"]
    heading = page.get_by_role("heading", level=1)
    visit = Visit(page, live_server)
    sign_in(visit, username="wendy", name="Wendy Worker")
    visit.check()
    visit.goto(reverse("people:detail", args=[person.pk]))
    visit.check()

    page.get_by_role("link", name="Everything held about Aisha Khan").click()
    expect(heading).to_have_text("Everything held about Aisha Khan")
    expect(page.get_by_role("table", name="What the archive holds")).to_contain_text(
        "Circle of support"
    )
    visit.check()

    # Leaving safeguarding out needs a reason.
    page.get_by_label("Leave out safeguarding referrals").check()
    page.get_by_role("button", name="Make the archive").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter why the safeguarding referrals are left out"]
    )
    visit.check()
    page.get_by_label("Leave out safeguarding referrals").uncheck()
    page.get_by_role("button", name="Make the archive").click()
    expect(page.get_by_text("The archive is being made")).to_be_visible()
    expect(page.get_by_text("Being made", exact=True)).to_be_visible()
    visit.check()

    assert testing.run_queued_tasks() == 1  # what the task worker does meanwhile
    page.reload()
    visit.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the archive").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    document = json.loads(archive.read("everything-held.json"))
    assert document["person_id"] == person.pk
    assert archive.read("everything-held.pdf").startswith(b"%PDF")

    page.get_by_role("link", name="Back to the person").click()
    visit.check()
    page.get_by_role("link", name="Close the record").click()
    expect(heading).to_have_text("Close the record")
    visit.check()
    fill_day(page, "When was the record closed?", timezone.localdate())
    page.get_by_label("Why is the record being closed?").fill("Moved to her daughter's area.")
    page.get_by_role("button", name="Close the record").click()
    expect(page.get_by_role("region", name="Record closed")).to_contain_text(
        "Nothing is due for the person while their record is closed."
    )
    visit.check()
    visit.assert_all_checked()
    assert Person.objects.get(pk=person.pk).closed_on == timezone.localdate()

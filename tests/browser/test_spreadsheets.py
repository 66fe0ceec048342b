"""Lists as spreadsheets in Chromium: a worker filters their worklist, downloads it with the
keyboard, and the file the browser saves holds the rows the filter selects, named for the day;
the people list offers its own. axe-core (WCAG 2.2 AA) on every page visited."""

import csv
import io

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.test_review_pages import sign_in
from tests.browser.test_worklist import cast  # noqa: F401 – the same worker and caseload


def test_a_worker_downloads_their_filtered_worklist(live_server, page: Page, cast):  # noqa: F811
    sign_in(page, live_server, cast["worker"])
    page.goto(f"{live_server.url}{reverse('worklist:list')}?kind=action")
    expect(page.locator("tbody tr")).to_have_count(2)
    link = page.get_by_role("link", name="Download as a spreadsheet (CSV)")
    assert_accessible(page)

    link.focus()
    with page.expect_download() as downloading:
        page.keyboard.press("Enter")
    download = downloading.value
    assert download.suggested_filename == f"worklist-{timezone.localdate().isoformat()}.csv"
    text = download.path().read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:])))
    assert header[:4] == ["Person", "What is due", "Why", "Due on"]
    assert [row[0] for row in rows] == ["Priya Patel", "Priya Patel"]
    assert all(row[1].startswith("Action: ") for row in rows)

    page.goto(live_server.url + reverse("people:list"))
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download as a spreadsheet (CSV)").click()
    people = downloading.value.path().read_bytes().decode("utf-8")
    assert "Tomasz Wrenfield" in people and "Priya Patel" in people
    assert_accessible(page)

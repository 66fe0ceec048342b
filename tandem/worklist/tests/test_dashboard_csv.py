"""The team manager's dashboard tables and the lists behind its figures as spreadsheets: the
numbers the page shows, every line of a list (not one page), dates as YYYY-MM-DD, for team
managers and their own teams only, audited, in a fixed number of queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.plans.models import Plan
from tandem.ui.tests.csv_files import read_csv
from tandem.worklist import figures
from tandem.worklist.tests.dashboard_team import NOON_TODAY, hand_counted_team, only_reviews_due
from tandem.worklist.tests.test_dashboard_pages import bulk_team

pytestmark = pytest.mark.django_db


def table_url(slug: str, **query) -> str:
    return reverse("worklist:figure_table_csv", args=[slug]) + _query(query)


def list_url(slug: str, **query) -> str:
    return reverse("worklist:figure_csv", args=[slug]) + _query(query)


def _query(query: dict) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""


@pytest.fixture
def north(monkeypatch):
    """The hand-counted team on the day it was counted for (dashboard_team.py)."""
    only_reviews_due(monkeypatch)
    with time_machine.travel(NOON_TODAY, tick=False):
        yield hand_counted_team()


def test_each_table_holds_the_numbers_the_dashboard_shows(client_for, north):
    client = client_for(north.manager)
    html = client.get(reverse("worklist:dashboard")).text
    for kind in figures.FIGURES:
        assert f'href="{table_url(kind.slug)}"' in html
    copies = client.get(table_url("copies"))
    assert copies["Content-Disposition"] == (
        'attachment; filename="team-dashboard-copies-2026-06-01.csv"'
    )
    assert read_csv(copies) == [
        ["Status", "Number"],
        ["Sent on time", "1"],
        ["Sent late", "1"],
        ["Not sent and late", "2"],
        ["Not due yet", "1"],
    ]
    assert read_csv(client.get(table_url("overdue"))) == [
        ["Worker", "Number", "Escalated"],
        ["Wendy Worker", "4", "3"],
        ["Will Walker", "2", "2"],
        ["Not allocated", "2", "1"],
    ]
    assert read_csv(client.get(table_url("areas")))[0] == ["Area of life", "People"]


def test_a_list_holds_every_line_with_its_dates_as_yyyy_mm_dd(client_for, north):
    client = client_for(north.manager)
    page = client.get(reverse("worklist:figure", args=["copies"]), {"status": "not_sent"}).text
    assert f'href="{list_url("copies", status="not_sent")}"' in page
    response = client.get(list_url("copies", status="not_sent"))
    assert response["Content-Disposition"] == (
        'attachment; filename="team-dashboard-copies-not-sent-and-late-2026-06-01.csv"'
    )
    dan, cat = north.people["Dan"], north.people["Cat"]
    header, *rows = read_csv(response)
    assert header == [
        "Person",
        "Local identifier",
        "What",
        "When",
        "Allocated worker",
        "Where it is",
    ]
    assert [row[:2] for row in rows] == [
        [dan.full_name, dan.local_identifier],
        [cat.full_name, cat.local_identifier],
    ]
    assert rows[0][2] == "Copy of the review held on 2026-02-01"
    assert rows[0][3] == "Due by 2026-02-22, not sent: the review is still being recorded"
    assert rows[1][3:5] == ["Due by 2026-03-13, not sent", "Will Walker"]
    assert rows[0][5].startswith("http://testserver/reviews/")


def test_overdue_work_says_what_is_escalated(client_for, north):
    rows = read_csv(client_for(north.manager).get(list_url("overdue", worker=north.wendy.pk)))
    assert rows[0][3] == "Escalated"
    assert sorted(row[3] for row in rows[1:]) == ["No", "Yes", "Yes", "Yes"]
    assert "Due on 2026-05-25: 7 days overdue" in [row[4] for row in rows[1:]]


def test_a_list_is_not_cut_to_a_page(client_for, north):
    for _ in range(30):
        person = testing.make_person(north.org, north.team, allocated_worker=north.wendy)
        Plan.objects.create(
            organisation=north.org, person=person, status=Plan.Status.READY, created_by=north.wendy
        )
    rows = read_csv(client_for(north.manager).get(list_url("plans", status="agreement", page=2)))
    assert len(rows) == 1 + 31


def test_a_name_that_would_run_as_a_formula_is_kept_as_text(client_for, north):
    fay = north.people["Fay"]
    fay.given_name, fay.family_name = "=1+2", "-Example"
    fay.save()
    rows = read_csv(client_for(north.manager).get(list_url("overdue", worker=north.wendy.pk)))
    assert "'=1+2 -Example" in [row[0] for row in rows]


def test_only_the_managers_own_teams_are_in_a_file(client_for, north):
    client = client_for(north.manager)
    # A worker or area from another team is not a row of this figure: as on the page, 404.
    assert client.get(list_url("overdue", worker=north.south_worker.pk)).status_code == 404
    assert client.get(list_url("areas", area="ascot:dignity")).status_code == 404
    assert client.get(list_url("nonsense")).status_code == 404
    assert client.get(table_url("nonsense")).status_code == 404
    # Asking for another team gives the manager's own.
    everything = read_csv(client.get(list_url("first-reviews", team=north.south.pk)))
    names = {row[0] for row in everything}
    assert north.elsewhere["Zed"].full_name not in names
    assert north.people["Ann"].full_name in names
    # Another organisation's manager gets nothing of it.
    other = testing.make_organisation()
    stranger = testing.make_user(other, role=Role.TEAM_MANAGER, teams=(testing.make_team(other),))
    assert read_csv(client_for(stranger).get(list_url("first-reviews"))) == [everything[0]]
    assert client_for(stranger).get(list_url("overdue", worker=north.wendy.pk)).status_code == 404


@pytest.mark.parametrize("role", [role for role in Role if role != Role.TEAM_MANAGER])
def test_no_one_but_a_team_manager_may_download_them(client_for, north, role):
    user = testing.make_user(north.org, role=role, teams=(north.team,))
    client = client_for(user)
    before = AuditEvent.objects.count()
    assert client.get(table_url("overdue")).status_code == 403
    assert client.get(list_url("overdue", worker=north.wendy.pk)).status_code == 403
    assert AuditEvent.objects.count() == before


def test_each_download_is_one_event_with_its_rows_and_the_people_in_it(client_for, north):
    client = client_for(north.manager)
    client.get(table_url("indicators"))
    client.get(list_url("indicators", status="without"))
    table, listed = AuditEvent.objects.filter(action=AuditAction.DASHBOARD_VIEW).order_by("pk")
    assert table.actor == north.manager
    assert table.summary == "Downloaded a table of the team dashboard as a spreadsheet"
    teams = {"teams": [north.team.pk], "figure": "indicators"}
    assert table.detail == {
        "filters": {**teams, "row": ""},
        "format": "csv",
        "rows": 2,
        "people": [],
    }
    assert listed.detail == {
        "filters": {**teams, "row": "without"},
        "format": "csv",
        "rows": 3,
        "people": sorted(north.people[name].pk for name in ("Ben", "Cat", "Eve")),
    }


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = read_csv(client.get(url))
    assert len(rows) > 1
    return len(captured)


@time_machine.travel(NOON_TODAY, tick=False)
def test_the_queries_do_not_grow_with_the_people_or_the_workers(client_for):
    counted = []
    for people, workers in ((10, 1), (200, 4)):
        org = testing.make_organisation()
        team = testing.make_team(org)
        manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        staff = [testing.make_worker(org, team) for _ in range(workers)]
        bulk_team(org, team, staff, people)
        testing.analyze_tables()
        client = client_for(manager)
        counted.append(
            [
                _queries(client, table_url("overdue")),
                _queries(client, list_url("overdue", worker=staff[0].pk)),
                _queries(client, list_url("copies")),
                _queries(client, list_url("areas")),
            ]
        )
    small, big = counted
    assert big == small

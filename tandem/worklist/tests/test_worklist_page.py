"""The worker's worklist page (/worklist/): who may see it, what each sees, the filters, the
pages, the empty states, and a number of queries that does not grow with the caseload."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Plan
from tandem.reviews.tests.test_due_batch import at
from tandem.worklist.tests.caseload import make_caseload

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
URL = reverse("worklist:list")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


def ready_plan(person, worker, sent_on=TODAY):
    """A plan sent for agreement: one item ("agreement") for the allocated worker."""
    return Plan.objects.create(
        organisation=person.organisation,
        person=person,
        status=Plan.Status.READY,
        sent_for_agreement_at=at(sent_on),
        created_by=worker,
    )


def concern(person, raised_by, *, immediate_risk=False):
    referral = SafeguardingReferral.objects.create(
        organisation=person.organisation,
        person=person,
        concern="Bruising seen on a visit",
        immediate_risk=immediate_risk,
        raised_by=raised_by,
    )
    return referral


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-kind="([a-z_]+)"', html)


def test_a_worker_lands_on_their_worklist_and_sees_their_own_work(client_for, worker, person):
    other = testing.make_person(person.organisation, person.team, given_name="Olive")
    other.allocated_worker = testing.make_worker(person.organisation, person.team)
    other.save()
    plan = ready_plan(person, worker, sent_on=TODAY - datetime.timedelta(days=3))
    ready_plan(other, worker)
    client = client_for(worker)
    assert client.get(reverse("home"))["Location"] == URL
    html = client.get(URL).text
    assert rows(html) == ["agreement"]
    assert f'href="{reverse("people:detail", args=[person.pk])}"' in html
    assert "Priya Patel" in html and other.full_name not in html
    assert "Record agreement to version 1 of the plan" in html
    assert "(A1)" in html  # why
    assert "29 May 2026" in html and "Overdue by 3 days" in html
    assert f'href="{reverse("plans:agree", args=[plan.pk])}"' in html
    assert (
        '<span class="govuk-visually-hidden"> – Record agreement to version 1 of the plan, '
        "Priya Patel</span>" in html
    )
    assert "1 thing due" in html
    # First in the navigation, and current.
    nav = re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', html)
    assert nav[0] == URL


def test_due_today_urgent_and_escalated_are_tagged(client_for, worker, manager, person):
    ready_plan(person, worker)
    concern(person, worker, immediate_risk=True)
    html = client_for(worker).get(URL).text
    # Urgent first; after the concern the worker also reviews who the plan is shared with.
    assert rows(html) == ["safeguarding_raised", "agreement", "sharing_review"]
    assert "Due today" in html and ">Urgent<" in html and "Escalated to you" not in html

    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, tzinfo=datetime.UTC)):
        html = client_for(manager).get(URL).text
        worker_html = client_for(worker).get(URL).text
    # The concern to acknowledge (the manager's own) and the plan waiting 19 days, escalated.
    assert rows(html) == ["safeguarding", "agreement"]
    assert html.count("Escalated to you") == 1
    assert "Overdue by 19 days" in html
    # The worker is told their manager sees it now (not the concern: that was always theirs).
    assert worker_html.count("Escalated to your manager") == 1


def test_a_manager_sees_decisions_escalated_and_unallocated_work(client_for, org, team, manager):
    worker = testing.make_worker(org, team)
    unallocated = testing.make_person(org, team, given_name="Una")
    allocated = testing.make_person(org, team, given_name="Al", allocated_worker=worker)
    ready_plan(unallocated, worker)
    ready_plan(allocated, worker)
    html = client_for(manager).get(URL).text
    assert rows(html) == ["agreement"]
    assert unallocated.full_name in html and allocated.full_name not in html


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER, Role.PROVIDER, Role.ADMINISTRATOR])
def test_people_carers_providers_and_administrators_are_refused(client_for, org, team, role):
    user = testing.make_user(org, role=role, teams=(team,))
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert 'href="/worklist/"' not in client.get(reverse("people:list")).text


def test_someone_signed_out_is_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_filters_by_kind_and_by_person(client_for, worker, person):
    other = testing.make_person(person.organisation, person.team, allocated_worker=worker)
    ready_plan(person, worker)
    ready_plan(other, worker)
    concern(other, worker)
    client = client_for(worker)
    html = client.get(URL).text
    assert sorted(rows(html)) == [
        "agreement",
        "agreement",
        "safeguarding_raised",
        "sharing_review",
    ]
    # Every registered kind is offered; only people with something due.
    assert '<option value="review">Reviews</option>' in html
    assert f'<option value="{person.pk}">Priya Patel</option>' in html

    html = client.get(URL, {"kind": "safeguarding_raised"}).text
    assert rows(html) == ["safeguarding_raised"]
    assert "1 thing due of 4" in html and "Clear filters" in html
    html = client.get(URL, {"person": person.pk}).text
    assert rows(html) == ["agreement"] and "Priya Patel" in html
    html = client.get(URL, {"kind": "agreement", "person": other.pk}).text
    assert rows(html) == ["agreement"] and "Priya Patel" not in html.split("<table")[1]


def test_a_filter_that_finds_nothing_says_so_and_offers_to_clear_it(client_for, worker, person):
    ready_plan(person, worker)
    html = client_for(worker).get(URL, {"kind": "review"}).text
    assert rows(html) == []
    assert "Nothing matches your filters" in html and "Nothing is due" not in html
    assert f'<a href="{URL}" class="govuk-link">Clear filters to see everything due</a>' in html


def test_with_nothing_due_it_says_all_is_done(client_for, worker, person):
    html = client_for(worker).get(URL).text
    assert "Nothing is due" in html and "All is done" in html
    assert "<table" not in html and "Nothing matches" not in html


@pytest.mark.parametrize(
    "query", [{"kind": "nonsense"}, {"kind": ["agreement", "x"]}, {"person": "abc"}]
)
def test_a_bad_filter_is_refused_with_a_message_and_shows_everything(
    client_for, worker, person, query
):
    ready_plan(person, worker)
    response = client_for(worker).get(URL, query)
    assert response.status_code == 200
    html = response.text
    assert "There is a problem" in html
    assert "from the list" in html
    assert rows(html) == ["agreement"]


def test_someone_elses_person_is_refused_without_saying_who_they_are(
    client_for, worker, person, other_team_worker
):
    ready_plan(person, worker)
    stranger = testing.make_person(
        person.organisation,
        other_team_worker.teams.get(),
        given_name="Stella",
        allocated_worker=other_team_worker,
    )
    ready_plan(stranger, other_team_worker)
    client = client_for(worker)
    for pk in (stranger.pk, 10**9, -1):
        html = client.get(URL, {"person": pk}).text
        assert "Select a person from the list" in html
        assert "Stella" not in html
        assert rows(html) == ["agreement"]


def test_it_shows_25_a_page_and_never_fails_on_a_bad_page(client_for, worker, org, team):
    people = [testing.make_person(org, team, allocated_worker=worker) for _ in range(30)]
    for p in people:
        ready_plan(p, worker)
    client = client_for(worker)
    html = client.get(URL).text
    assert len(rows(html)) == 25 and "30 things due" in html
    assert 'href="?page=2"' in html
    assert len(rows(client.get(URL, {"page": "2"}).text)) == 5
    assert len(rows(client.get(URL, {"page": "999"}).text)) == 5  # the last page
    assert len(rows(client.get(URL, {"page": "abc"}).text)) == 25  # the first page
    # The filter is kept from page to page.
    html = client.get(URL, {"kind": "agreement"}).text
    assert 'href="?kind=agreement&amp;page=2"' in html


def test_reading_the_worklist_writes_one_event_naming_the_people_shown(client_for, worker, person):
    """Issue 9: a list of people is a view of personal data: one event a page, not one a
    person, with the filters asked for and the people the page showed."""
    ready_plan(person, worker)
    before = AuditEvent.objects.count()
    client_for(worker).get(URL, {"kind": "agreement", "page": "1"})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert event.action == AuditAction.WORKLIST_VIEW
    assert event.actor == worker
    assert event.detail == {"filters": {"kind": "agreement"}, "page": 1, "people": [person.pk]}


def _queries(client, *, kept: bool = False, **params) -> int:
    """As on a new day, no one's due items kept yet (tandem.worklist.due); with `kept`, as when
    the page is read again."""
    caches["due"].clear()
    if kept:
        client.get(URL, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_caseload(
    client_for, org, team, manager, settings
):
    settings.DUE_CACHE_CHECK = False  # as in production: kept items are not worked out again
    worker = testing.make_worker(org, team)
    make_caseload(org, team, worker, 10, TODAY)
    clients = {"worker": client_for(worker), "manager": client_for(manager)}
    for client in clients.values():
        client.get(URL)  # the session, once
    small = {name: _queries(c) for name, c in clients.items()}
    small["filtered"] = _queries(clients["worker"], kind="action", person="1", page="2")
    small |= {f"{name} kept": _queries(c, kept=True) for name, c in clients.items()}
    worker_kinds = set(rows(clients["worker"].get(URL, {"page": 2}).text))
    manager_kinds = set(rows(clients["manager"].get(URL).text))
    assert len(worker_kinds | manager_kinds) >= 6  # many kinds really are on the pages

    make_caseload(org, team, worker, 490, TODAY, start=10)
    testing.analyze_tables()
    large = {name: _queries(c) for name, c in clients.items()}
    large["filtered"] = _queries(clients["worker"], kind="action", person="1", page="2")
    large |= {f"{name} kept": _queries(c, kept=True) for name, c in clients.items()}
    assert large == small
    assert large["manager kept"] < large["manager"]  # the due items were kept, not worked out

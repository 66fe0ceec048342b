"""The audit log: team managers see what happened to their teams' people and what their teams'
staff did; administrators see administration and sign-ins only; no one else sees it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.audit.services import audit_record
from tandem.testing_refusals import ANONYMOUS, ROLES

pytestmark = pytest.mark.django_db
URL = reverse("audit:log")
READERS = {"team_manager", "other_team_manager", "administrator", "other_org_worker_in_the_team"}


def _events(response) -> list[str]:
    """The summaries in the log's table, in order."""
    return [event.summary for event in response.context["page"]] if response.context else []


@pytest.mark.parametrize("role", ROLES)
def test_only_team_managers_and_administrators_may_read_it(cast, role):
    client = testing.Client() if role == ANONYMOUS else testing.client_for(cast.users[role])
    before = AuditEvent.objects.count()
    response = client.get(URL)
    if role in READERS:
        assert response.status_code == 200
        assert AuditEvent.objects.latest("id").action == AuditAction.AUDIT_LOG_VIEW
        assert AuditEvent.objects.count() == before + 1
    elif role == ANONYMOUS:
        assert response.status_code == 302
        assert AuditEvent.objects.count() == before
    else:
        assert response.status_code == 403
        assert AuditEvent.objects.count() == before


def test_a_manager_sees_their_teams_people_and_staff(
    client_for, manager, worker, person, other_team_worker, org
):
    south_person = testing.make_person(org, other_team_worker.teams.get(), given_name="Sol")
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="About Priya", person=person)
    audit_record(
        actor=other_team_worker,
        action=AuditAction.PERSON_VIEW,
        summary="South worker on South person",
        person=south_person,
    )
    audit_record(
        actor=worker,
        action=AuditAction.BREAK_GLASS,
        summary="North worker on South person",
        person=south_person,
    )
    audit_record(
        actor=other_team_worker,
        action=AuditAction.PERSON_VIEW,
        summary="South worker on Priya",
        person=person,
    )
    response = client_for(manager).get(URL)
    assert _events(response) == [
        "South worker on Priya",
        "North worker on South person",
        "About Priya",
    ]
    # Priya's record is linked; the South person's, which this manager cannot open, is not.
    assert reverse("people:detail", args=[person.pk]) in response.text
    assert reverse("people:detail", args=[south_person.pk]) not in response.text


def test_a_manager_never_sees_another_organisations_events(client_for, manager, other_org_worker):
    audit_record(actor=other_org_worker, action=AuditAction.SIGN_IN, summary="Elsewhere")
    assert _events(client_for(manager).get(URL)) == []


def test_an_administrator_sees_administration_and_sign_ins_but_no_case_content(
    client_for, org, worker, person
):
    admin = testing.make_user(org, role=Role.ADMINISTRATOR)
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="Case", person=person)
    audit_record(actor=worker, action=AuditAction.SIGN_IN, summary="Signed in")
    audit_record(actor=admin, action=AuditAction.USER_UPDATE, summary="Changed a role")
    response = client_for(admin).get(URL)
    assert _events(response) == ["Changed a role", "Signed in"]
    assert "Priya" not in response.text
    assert 'name="person"' not in response.text


class TestFilters:
    @pytest.fixture
    def log(self, worker, manager, person, org, team):
        other = testing.make_person(org, team, given_name="Ola", family_name="Okafor")
        audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="1", person=person)
        audit_record(actor=manager, action=AuditAction.PERSON_UPDATE, summary="2", person=person)
        audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="3", person=other)
        return person

    def test_by_person_name_or_local_identifier(self, client_for, manager, log):
        assert _events(client_for(manager).get(URL, {"person": "priya"})) == ["2", "1"]
        assert _events(client_for(manager).get(URL, {"person": "RC0001"})) == ["2", "1"]

    def test_by_who_did_it(self, client_for, manager, log):
        assert _events(client_for(manager).get(URL, {"user": "Wendy"})) == ["3", "1"]

    def test_by_kind_of_event(self, client_for, manager, log):
        response = client_for(manager).get(URL, {"action": AuditAction.PERSON_UPDATE})
        assert _events(response) == ["2"]

    def test_by_dates_from_and_to(self, client_for, manager, log):
        today = timezone.localdate()
        yesterday = today - datetime.timedelta(days=1)

        def day(prefix, date):
            return {
                f"{prefix}_day": date.day,
                f"{prefix}_month": date.month,
                f"{prefix}_year": date.year,
            }

        client = client_for(manager)
        assert _events(client.get(URL, {**day("since", today), **day("until", today)})) == [
            "3",
            "2",
            "1",
        ]
        assert _events(client.get(URL, day("until", yesterday))) == []
        assert _events(client.get(URL, day("since", today))) != []

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            (
                {"since_day": "31", "since_month": "2", "since_year": "2026"},
                "The date from must be a real date",
            ),
            (
                {"since_day": "1", "since_month": "", "since_year": "2026"},
                "The date from must include a month",
            ),
            (
                {"until_day": "x", "until_month": "1", "until_year": "2026"},
                "The date to must be a real date",
            ),
            (
                {
                    "since_day": "2",
                    "since_month": "1",
                    "since_year": "2026",
                    "until_day": "1",
                    "until_month": "1",
                    "until_year": "2026",
                },
                "The date to must be the same as or after the date from",
            ),
            ({"action": "made.up"}, "Select what they did from the list"),
        ],
        ids=["impossible", "incomplete", "garbled", "backwards", "unknown-kind"],
    )
    def test_a_bad_filter_is_explained_and_never_fails(
        self, client_for, manager, log, params, message
    ):
        response = client_for(manager).get(URL, params)
        assert response.status_code == 200
        assert "There is a problem" in response.text
        assert message in response.text
        # What was typed is kept, and the log still shows (unfiltered by the bad value).
        assert [e for e in _events(response) if e.isdigit()] == ["3", "2", "1"]
        for name, value in params.items():
            if value and name != "action":  # a list cannot keep a choice it does not have
                assert f'name="{name}"' in response.text
                assert f'value="{value}"' in response.text

    def test_the_reading_is_audited_with_its_filters_and_the_people_shown(
        self, client_for, manager, log
    ):
        client_for(manager).get(URL, {"person": "Priya", "page": "1"})
        event = AuditEvent.objects.latest("id")
        assert event.action == AuditAction.AUDIT_LOG_VIEW
        assert event.detail == {"filters": {"person": "Priya"}, "page": 1, "people": [log.pk]}


def test_it_pages_newest_first_and_survives_bad_page_numbers(client_for, manager, worker, person):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation_id=person.organisation_id,
            actor=worker,
            person=person,
            action=AuditAction.PERSON_VIEW,
            summary=f"Read {n:02d}",
        )
        for n in range(30)
    )
    client = client_for(manager)
    reads = {"action": AuditAction.PERSON_VIEW}  # not the manager's own readings of the log
    assert _events(client.get(URL, reads)) == [f"Read {n:02d}" for n in range(29, 4, -1)]
    page_two = client.get(URL, {**reads, "page": "2"})
    assert _events(page_two) == [f"Read {n:02d}" for n in range(4, -1, -1)]
    assert client.get(URL, {**reads, "page": "abc"}).status_code == 200
    assert len(_events(client.get(URL, {**reads, "page": "999"}))) == 5


def test_its_queries_do_not_grow_with_the_log(client_for, manager, org, team, worker):
    def build(count: int) -> int:
        people = [testing.make_person(org, team) for _ in range(3)]
        AuditEvent.objects.bulk_create(
            AuditEvent(
                organisation_id=org.pk,
                actor=worker,
                person=people[n % 3],
                action=AuditAction.PERSON_VIEW,
                summary="Read",
            )
            for n in range(count)
        )
        testing.analyze_tables()
        client = client_for(manager)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = build(10)
    assert build(200) == few

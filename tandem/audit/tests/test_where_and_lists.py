"""Every event says from where, lists and searches of people are audited one event a page, and a
correction records each field's old and new value."""

import datetime

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.changes import changed_fields
from tandem.audit.models import AuditAction, AuditEvent
from tandem.audit.services import audit_record
from tandem.people.models import Person

pytestmark = pytest.mark.django_db
PEOPLE = reverse("people:list")


def test_an_event_written_during_a_request_records_the_address(client_for, worker, person):
    client_for(worker).get(reverse("people:detail", args=[person.pk]), REMOTE_ADDR="203.0.113.9")
    event = AuditEvent.objects.get(action=AuditAction.PERSON_VIEW)
    assert event.ip_address == "203.0.113.9"


def test_an_ipv6_address_is_recorded_too(client_for, worker, person):
    client_for(worker).get(PEOPLE, REMOTE_ADDR="2001:db8::1")
    assert AuditEvent.objects.get().ip_address == "2001:db8::1"


def test_a_garbled_address_is_recorded_as_unknown_rather_than_failing(client_for, worker):
    response = client_for(worker).get(PEOPLE, REMOTE_ADDR="not-an-address")
    assert response.status_code == 200
    assert AuditEvent.objects.get().ip_address is None


def test_an_event_written_outside_a_request_has_no_address(worker, person):
    """The background worker and commands: nothing to say where from."""
    event = audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="x", person=person)
    assert event.ip_address is None


class TestPeopleList:
    def test_it_writes_one_event_for_a_page_of_people(self, client_for, org, team, worker):
        people = [testing.make_person(org, team) for _ in range(3)]
        client_for(worker).get(PEOPLE)
        event = AuditEvent.objects.get()
        assert event.action == AuditAction.PEOPLE_LIST_VIEW
        assert event.actor == worker
        assert event.person is None
        assert sorted(event.detail["people"]) == sorted(p.pk for p in people)
        assert event.detail["page"] == 1
        assert event.detail["filters"] == {}

    def test_a_search_is_recorded_with_what_was_searched_for(
        self, client_for, worker, person, org, team
    ):
        testing.make_person(org, team, given_name="Someone", family_name="Else")
        client_for(worker).get(PEOPLE, {"q": "Priya"})
        event = AuditEvent.objects.get()
        assert event.action == AuditAction.PEOPLE_SEARCH_VIEW
        assert event.detail["filters"] == {"q": "Priya"}
        assert event.detail["people"] == [person.pk]

    def test_it_names_only_the_people_on_the_page_shown(self, client_for, org, team, worker):
        Person.objects.bulk_create(
            Person(
                organisation=org,
                team=team,
                given_name="Sam",
                family_name=f"Person{n:03d}",
                date_of_birth=datetime.date(1970, 1, 1),
                local_identifier=f"B{n:03d}",
            )
            for n in range(30)
        )
        client_for(worker).get(PEOPLE, {"page": "2"})
        event = AuditEvent.objects.get()
        assert event.detail["page"] == 2
        assert len(event.detail["people"]) == 5  # 30 people, 25 a page

    def test_a_bad_page_number_still_writes_one_event(self, client_for, worker, person):
        response = client_for(worker).get(PEOPLE, {"page": "abc"})
        assert response.status_code == 200
        assert AuditEvent.objects.get().detail["page"] == 1


class TestChangedFields:
    def test_it_gives_old_and_new_of_what_changed_only(self):
        before = {"given_name": "Priya", "address": "1 High Street", "team": None}
        after = {"given_name": "Priya", "address": "2 Low Road", "team": None}
        assert changed_fields(before, after, ["given_name", "address", "team"]) == {
            "address": ["1 High Street", "2 Low Road"]
        }

    def test_it_reads_a_model_and_leaves_out_fields_the_form_did_not_offer(self, person):
        changes = changed_fields(person, {"given_name": "Prisha"}, ["given_name", "address"])
        assert changes == {"given_name": ["Priya", "Prisha"]}

    def test_it_writes_yes_no_lists_and_nothing_as_text(self):
        before = {"consent": False, "formats": ["large_print"], "worker": None}
        after = {"consent": True, "formats": ["large_print", "easy_read"], "worker": "Wendy"}
        assert changed_fields(before, after, ["consent", "formats", "worker"]) == {
            "consent": ["No", "Yes"],
            "formats": ["large_print", "large_print, easy_read"],
            "worker": ["", "Wendy"],
        }

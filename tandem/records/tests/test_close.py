"""Closing and reopening a person's record: who may, what it refuses, and that nothing is due for
a closed record."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import Person, SafeguardingReferral
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.records import services
from tandem.records.models import RecordClosure
from tandem.testing_refusals import (
    STAFF,
    Write,
    assert_allowed,
    assert_every_refusal,
    case_id,
    cast_kept_for_module,
    permissions,
    refused_writes,
    rows,
)
from tandem.worklist.due import items_for_people

(
    built,
    org,
    team,
    worker,
    manager,
    person,
    person_user,
    carer_user,
    other_team_worker,
    other_org_worker,
    cast,
) = cast_kept_for_module()


def close_data(day: datetime.date, reason: str = "Moved to another council") -> dict:
    return {
        "closed_on_day": day.day,
        "closed_on_month": day.month,
        "closed_on_year": day.year,
        "reason": reason,
    }


def _closed(person, worker, day=None) -> RecordClosure:
    return services.record_close(
        person=person, actor=worker, closed_on=day or timezone.localdate(), reason="Moved away"
    )


def the_person(cast):
    return SimpleNamespace(person=cast.person)


def closed_person(cast):
    closure = _closed(cast.person, cast.worker)
    return SimpleNamespace(person=cast.person, closure=closure)


def _state(person):
    return (Person.objects.get(pk=person.pk).closed_on, rows(RecordClosure.objects.all()))


WRITES = [
    Write(
        name="record_close",
        scene=the_person,
        url=lambda s: reverse("records:close", args=[s.person.pk]),
        data=lambda s: close_data(timezone.localdate()),
        state=lambda s: _state(s.person),
        allowed=STAFF,
    ),
    Write(
        name="record_reopen",
        scene=closed_person,
        url=lambda s: reverse("records:reopen", args=[s.person.pk]),
        data=lambda s: {"closure": s.closure.pk, "reason": "Back in the area"},
        state=lambda s: _state(s.person),
        allowed=STAFF,
    ),
]


@pytest.mark.parametrize("write", refused_writes(WRITES), ids=case_id)
def test_it_refuses_the_write_and_changes_nothing(cast, write):
    assert_every_refusal(write, cast)


@pytest.mark.parametrize(("write", "role"), permissions(WRITES), ids=case_id)
def test_it_lets_staff_of_the_team_close_and_reopen(cast, write, role):
    assert_allowed(write, cast, role)


def test_it_closes_the_record_and_shows_it_closed(client_for, worker, person):
    client = client_for(worker)
    day = timezone.localdate() - datetime.timedelta(days=3)

    response = client.post(reverse("records:close", args=[person.pk]), close_data(day))

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.closed_on == day
    closure = RecordClosure.objects.get()
    assert (closure.closed_by, closure.reason) == (worker, "Moved to another council")
    event = AuditEvent.objects.get(action=AuditAction.RECORD_CLOSE)
    assert (event.person, event.actor) == (person, worker)
    detail = client.get(reverse("people:detail", args=[person.pk])).text
    assert "Record closed" in detail and "Reopen the record" in detail


def test_it_refuses_a_date_in_the_future_and_keeps_what_was_typed(client_for, worker, person):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_for(worker).post(
        reverse("records:close", args=[person.pk]), close_data(tomorrow, reason="Kept words")
    )

    assert response.status_code == 200
    assert "The date the record was closed must be today or in the past" in response.text
    assert "Kept words" in response.text
    assert not RecordClosure.objects.exists()


def test_it_asks_for_a_reason(client_for, worker, person):
    response = client_for(worker).post(
        reverse("records:close", args=[person.pk]), close_data(timezone.localdate(), reason="")
    )

    assert "Enter why the record is being closed" in response.text
    assert Person.objects.get(pk=person.pk).closed_on is None


def test_it_refuses_to_close_while_a_safeguarding_concern_waits(client_for, worker, person):
    SafeguardingReferral.objects.create(
        organisation=person.organisation, person=person, concern="Bruises", raised_by=worker
    )

    response = client_for(worker).post(
        reverse("records:close", args=[person.pk]), close_data(timezone.localdate())
    )

    assert response.status_code == 200
    assert "waiting for a manager to acknowledge it" in response.text
    assert Person.objects.get(pk=person.pk).closed_on is None


def test_it_closes_once_when_two_people_close_at_the_same_time(worker, manager, person):
    _closed(person, worker)

    with pytest.raises(services.EditConflict):
        _closed(Person.objects.get(pk=person.pk), manager)
    assert RecordClosure.objects.count() == 1


def test_it_refuses_a_reopen_of_a_closing_someone_else_already_reopened(
    client_for, worker, manager, person
):
    closure = _closed(person, worker)
    services.record_reopen(person=person, closure=closure, actor=manager, reason="Back")
    _closed(Person.objects.get(pk=person.pk), manager)

    response = client_for(worker).post(
        reverse("records:reopen", args=[person.pk]), {"closure": closure.pk, "reason": "Back"}
    )

    assert response.status_code == 200
    assert "Someone else reopened this record" in response.text
    assert Person.objects.get(pk=person.pk).closed_on is not None


def test_it_reopens_and_keeps_the_history(client_for, worker, person):
    closure = _closed(person, worker)

    client_for(worker).post(
        reverse("records:reopen", args=[person.pk]), {"closure": closure.pk, "reason": "Back"}
    )

    person.refresh_from_db()
    closure.refresh_from_db()
    assert person.closed_on is None
    assert (closure.reopened_by, closure.reopen_reason) == (worker, "Back")
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_REOPEN, person=person).exists()


def test_it_refuses_to_reopen_an_anonymised_record(worker, person):
    closure = _closed(person, worker)
    Person.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())
    person.refresh_from_db()

    with pytest.raises(services.Refused):
        services.record_reopen(person=person, closure=closure, actor=worker, reason="Back")


def test_a_closed_record_has_nothing_due(worker, person):
    build_agreed_plan(person=person, actor=worker)
    later = timezone.localdate() + datetime.timedelta(days=400)
    assert items_for_people([person], later, upcoming=True)

    _closed(person, worker)

    assert items_for_people([Person.objects.get(pk=person.pk)], later, upcoming=True) == []


def test_it_sends_the_close_page_of_a_closed_record_to_reopening(client_for, worker, person):
    _closed(person, worker)

    response = client_for(worker).get(reverse("records:close", args=[person.pk]))

    assert response["Location"] == reverse("records:reopen", args=[person.pk])


def test_it_shows_staff_the_links_and_no_one_else(client_for, worker, person, person_user):
    url = reverse("people:detail", args=[person.pk])
    everything = reverse("records:everything_held", args=[person.pk])

    assert everything in client_for(worker).get(url).text
    assert everything not in client_for(person_user).get(url).text


def test_the_people_list_shows_a_closed_record_as_closed(client_for, worker, person):
    url = reverse("people:list")
    assert "Record closed" not in client_for(worker).get(url).text

    _closed(person, worker)

    assert "Record closed" in client_for(worker).get(url).text

"""The subject-access page: staff of the person's team ask for the archive, the background worker
makes it, and the download is audited. Everyone else is refused."""

import datetime
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.records.models import SubjectAccessExport
from tandem.testing_refusals import ANONYMOUS, ROLES, SEES_PERSON, STAFF


def page(person) -> str:
    return reverse("records:everything_held", args=[person.pk])


def download(person, made) -> str:
    return reverse("records:everything_held_download", args=[person.pk, made.pk])


def _events(action) -> list:
    return list(AuditEvent.objects.filter(action=action))


def test_it_shows_what_is_held_and_audits_the_view(client_for, worker, person):
    testing.make_circle_member(person, name="Jo Sister")

    response = client_for(worker).get(page(person))

    assert response.status_code == 200
    assert f"Everything held about {person.full_name}" in response.text
    assert "No archive has been made for this person yet." in response.text
    counts = dict(response.context["counts"])
    assert counts["Circle of support"] == 1
    [event] = AuditEvent.objects.all()
    assert (event.action, event.person, event.actor) == (AuditAction.PERSON_VIEW, person, worker)


def test_it_makes_the_archive_in_the_background_and_audits_the_download(client_for, worker, person):
    client = client_for(worker)

    response = client.post(page(person), {})

    assert response.status_code == 302
    made = SubjectAccessExport.objects.get()
    assert made.status == SubjectAccessExport.Status.QUEUED
    assert [e.person for e in _events(AuditAction.SUBJECT_ACCESS_REQUEST)] == [person]
    assert testing.run_queued_tasks() == 1
    made.refresh_from_db()
    assert made.status == SubjectAccessExport.Status.READY
    assert "Download the archive" in client.get(page(person)).text

    response = client.get(download(person, made))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert person.local_identifier in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("everything-held.json"))["person_id"] == person.pk
    [event] = _events(AuditAction.SUBJECT_ACCESS_EXPORT)
    assert (event.actor, event.person) == (worker, person)


def test_it_makes_one_archive_for_the_same_form_sent_twice(client_for, worker, person):
    client = client_for(worker)
    data = {"submission_key": "6f1c1c34-3f0b-4d54-8f1e-0d6d3a0c9a11"}

    client.post(page(person), data)
    client.post(page(person), data)

    assert SubjectAccessExport.objects.count() == 1


def test_it_asks_why_safeguarding_is_left_out(client_for, worker, person):
    response = client_for(worker).post(page(person), {"withhold_safeguarding": "on"})

    assert response.status_code == 200
    assert "Enter why the safeguarding referrals are left out" in response.text
    assert not SubjectAccessExport.objects.exists()
    assert [e.action for e in AuditEvent.objects.all()] == [AuditAction.PERSON_VIEW]


def test_it_keeps_the_reason_for_withholding_out_of_the_audit(client_for, worker, person):
    client_for(worker).post(
        page(person), {"withhold_safeguarding": "on", "withholding_reason": "Risk to Jo"}
    )

    made = SubjectAccessExport.objects.get()
    assert (made.withhold_safeguarding, made.withholding_reason) == (True, "Risk to Jo")
    assert not any("Risk to Jo" in json.dumps(e.detail) for e in AuditEvent.objects.all())


def _ready(person, worker, **fields) -> SubjectAccessExport:
    return SubjectAccessExport.objects.create(
        organisation=person.organisation,
        person=person,
        requested_by=worker,
        status=SubjectAccessExport.Status.READY,
        archive=b"PK",
        archive_size=2,
        finished_at=timezone.now(),
        **fields,
    )


def test_it_no_longer_offers_an_archive_past_its_keeping(client_for, worker, person):
    made = _ready(person, worker)
    SubjectAccessExport.objects.filter(pk=made.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=SubjectAccessExport.KEPT_DAYS + 1)
    )
    client = client_for(worker)

    assert "No longer kept" in client.get(page(person)).text
    assert client.get(download(person, made)).status_code == 404
    assert not _events(AuditAction.SUBJECT_ACCESS_EXPORT)


def test_it_gives_404_for_another_persons_archive(client_for, worker, person, team):
    someone_else = testing.make_person(person.organisation, team)
    theirs = _ready(someone_else, worker)

    response = client_for(worker).get(download(person, theirs))

    assert response.status_code == 404


def _refusal(role: str) -> int:
    return 403 if role in SEES_PERSON else 404


REFUSED = [role for role in ROLES if role not in STAFF and role != ANONYMOUS]


@pytest.mark.parametrize("role", REFUSED)
def test_it_refuses_everyone_but_staff_and_writes_nothing(cast, role):
    person = cast.person
    made = _ready(person, cast.worker)
    client = testing.client_for(cast.users[role])
    before = AuditEvent.objects.count()

    assert client.get(page(person)).status_code == _refusal(role)
    assert client.post(page(person), {}).status_code == _refusal(role)
    assert client.get(download(person, made)).status_code == _refusal(role)

    assert SubjectAccessExport.objects.count() == 1
    assert AuditEvent.objects.count() == before


def test_it_sends_someone_signed_out_to_sign_in(cast):
    response = Client().get(page(cast.person))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", sorted(STAFF))
def test_it_lets_every_member_of_staff_of_the_team_download(cast, role):
    made = _ready(cast.person, cast.worker)

    response = testing.client_for(cast.users[role]).get(download(cast.person, made))

    assert response.status_code == 200
    assert _events(AuditAction.SUBJECT_ACCESS_EXPORT)[0].actor == cast.users[role]


def _page_queries(client, person) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(person)).status_code == 200
    return len(queries)


def test_the_pages_queries_do_not_grow_with_the_record(client_for, worker, org, team):
    from tandem.reviews.models import Contact

    few, many = testing.make_person(org, team), testing.make_person(org, team)
    for person, count in ((few, 10), (many, 200)):
        Contact.objects.bulk_create(
            Contact(
                organisation=org,
                person=person,
                with_whom="Jo",
                how="telephone",
                happened_on="2026-01-01",
                note=f"Note {n}",
                recorded_by=worker,
            )
            for n in range(count)
        )
        SubjectAccessExport.objects.bulk_create(
            SubjectAccessExport(organisation=org, person=person, requested_by=worker)
            for _n in range(count // 10)
        )
    client = client_for(worker)
    _page_queries(client, few)  # the first request also loads the session and the user

    assert _page_queries(client, few) == _page_queries(client, many)


def test_it_gives_the_first_request_back_when_the_same_form_arrived_meanwhile(worker, person):
    from unittest import mock

    from tandem.records import services

    key = "0c6b0c9e-8a57-4a8e-9a44-2f6a3f0e1d21"
    first = services.subject_access_request(
        person=person,
        actor=worker,
        withhold_safeguarding=False,
        withholding_reason="",
        submission_key=key,
    )
    # As if the check for an earlier request ran before the first one was saved.
    with mock.patch.object(SubjectAccessExport.objects, "filter") as earlier:
        earlier.return_value.first.return_value = None
        again = services.subject_access_request(
            person=person,
            actor=worker,
            withhold_safeguarding=False,
            withholding_reason="",
            submission_key=key,
        )

    assert again == first
    assert SubjectAccessExport.objects.count() == 1

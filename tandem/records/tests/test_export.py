"""The subject-access archive holds every record of the person and none of anyone else's."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.records import export
from tandem.records.held import HELD
from tandem.records.tests.full_record import build_full_record
from tandem.reviews.models import Contact


@pytest.fixture
def two_people(org, team, worker, manager):
    amara = testing.make_person(
        org,
        team,
        given_name="Amara",
        family_name="Okafor",
        local_identifier="AAA-111",
        allocated_worker=worker,
    )
    bilal = testing.make_person(
        org,
        team,
        given_name="Bilal",
        family_name="Hussain",
        local_identifier="BBB-222",
        allocated_worker=worker,
    )
    return (
        build_full_record(amara, worker, manager, "Ashgrove"),
        build_full_record(bilal, worker, manager, "Birchfield"),
    )


def _sections(document: dict) -> dict[str, set]:
    return {r["model"]: {row["id"] for row in r["rows"]} for r in document["records"]}


def test_it_holds_every_row_of_the_person_of_every_kind(two_people):
    amara, _bilal = two_people

    document = json.loads(export.as_json(export.gather(amara)))

    exported = _sections(document)
    for kind in HELD:
        in_database = set(kind.rows(amara.pk).values_list("pk", flat=True))
        assert in_database, f"the test's record has no {kind.label}: add one to full_record.py"
        assert exported[kind.label] == in_database, kind.label


def test_it_holds_nothing_of_anyone_else(two_people):
    amara, bilal = two_people
    gathered = export.gather(amara)

    text = export.as_json(gathered).decode()
    readable = render_to_string("records/export_pdf.html", {"gathered": gathered})

    for words in (text, readable):
        assert "Ashgrove" in words and "Amara" in words
        for theirs in ("Birchfield", "Bilal", "Hussain", "BBB-222"):
            assert theirs not in words
    exported = _sections(json.loads(text))
    for kind in HELD:
        theirs = set(kind.rows(bilal.pk).values_list("pk", flat=True))
        assert not theirs & exported[kind.label], kind.label


def test_it_leaves_out_safeguarding_and_its_audit_when_withheld(two_people):
    amara, _bilal = two_people

    document = json.loads(export.as_json(export.gather(amara, withhold_safeguarding=True)))

    text = json.dumps(document)
    assert "Ashgrove concern" not in text and "Ashgrove acted" not in text
    assert "people.SafeguardingReferral" not in _sections(document)
    actions = {
        row["action"]
        for r in document["records"]
        if r["model"] == "audit.AuditEvent"
        for row in r["rows"]
    }
    assert AuditAction.SAFEGUARDING_VIEW not in actions
    assert AuditAction.PLAN_CREATE in actions


def test_it_keeps_staff_addresses_out_of_the_audit_rows(two_people):
    amara, _bilal = two_people
    # Audit rows are never changed (the trail is append-only): a new one, from an address.
    AuditEvent.objects.create(
        organisation=amara.organisation,
        actor=amara.allocated_worker,
        person=amara,
        action=AuditAction.PERSON_VIEW,
        summary="Viewed",
        ip_address="192.0.2.10",
    )

    text = export.as_json(export.gather(amara)).decode()

    assert "192.0.2.10" not in text


def test_it_makes_a_zip_of_the_json_and_a_pdf(two_people):
    amara, _bilal = two_people

    archive = zipfile.ZipFile(io.BytesIO(export.as_archive(export.gather(amara))))

    assert sorted(archive.namelist()) == ["everything-held.json", "everything-held.pdf"]
    assert archive.read("everything-held.pdf").startswith(b"%PDF")
    assert json.loads(archive.read("everything-held.json"))["person_id"] == amara.pk


def _contacts(person, worker, count):
    Contact.objects.bulk_create(
        Contact(
            organisation=person.organisation,
            person=person,
            with_whom="Jo",
            how="telephone",
            happened_on="2026-01-01",
            note=f"Note {n}",
            recorded_by=worker,
        )
        for n in range(count)
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation=person.organisation,
            actor=worker,
            person=person,
            action=AuditAction.PERSON_VIEW,
            summary="Viewed",
        )
        for _n in range(count)
    )


def _queries(person) -> int:
    with CaptureQueriesContext(connection) as queries:
        export.gather(person)
    return len(queries)


def test_its_queries_do_not_grow_with_the_record(org, team, worker):
    few, many = testing.make_person(org, team), testing.make_person(org, team)
    _contacts(few, worker, 10)
    _contacts(many, worker, 200)

    assert _queries(few) == _queries(many)


def test_the_pdf_shows_each_copy_sent_as_the_plan_document(two_people):
    amara, _bilal = two_people

    readable = render_to_string("records/export_pdf.html", {"gathered": export.gather(amara)})

    assert "Copies of the plan as they were sent" in readable
    assert "This plan is not a contract." in readable
    assert "Amara’s support plan" in readable

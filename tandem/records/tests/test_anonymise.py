"""Retention: `anonymise_closed_records` anonymises exactly the records due, reports what it did,
changes nothing on a dry run, and changes nothing more when run again."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import Person, SafeguardingReferral
from tandem.records import export
from tandem.records.anonymise import latest_closing_due, retention_ends
from tandem.records.held import HELD
from tandem.records.tests.full_record import build_full_record
from tandem.testing_refusals import everything

TODAY = datetime.date(2026, 12, 1)


def years_ago(years: int, days: int = 0) -> datetime.date:
    return TODAY.replace(year=TODAY.year - years) - datetime.timedelta(days=days)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("anonymise_closed_records", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def close(person: Person, on: datetime.date) -> Person:
    Person.objects.filter(pk=person.pk).update(closed_on=on)
    person.refresh_from_db()
    return person


@pytest.fixture
def people(org, team, worker, manager):
    """Org keeps closed records 8 years; another keeps them 2."""
    other = testing.make_organisation(retention_years=2)
    other_team = testing.make_team(other)

    def make(organisation, team, given, closed_on=None, full=False):
        person = testing.make_person(organisation, team, given_name=given, family_name="Tester")
        if full:
            person = build_full_record(person, worker, manager, given)
        return close(person, closed_on) if closed_on else person

    return {
        "due": make(org, team, "Dueworth", years_ago(8, days=1), full=True),
        "recent": make(org, team, "Recentia", years_ago(1), full=True),
        "open": make(org, team, "Openshaw"),
        "other_due": make(other, other_team, "Otherdue", years_ago(2)),
        "other_recent": make(other, other_team, "Otherrecent", years_ago(1, days=-30)),
    }


def _without_audit(person: Person) -> str:
    document = json.loads(export.as_json(export.gather(person)))
    document["records"] = [r for r in document["records"] if r["model"] != "audit.AuditEvent"]
    return json.dumps(document, ensure_ascii=False)


def _counts(person: Person) -> dict[str, int]:
    # Not the audit trail: anonymising adds an event to it.
    return {k.label: k.rows(person.pk).count() for k in HELD if k.label != "audit.AuditEvent"}


def test_it_anonymises_exactly_the_records_whose_retention_has_passed(people):
    due = people["due"]
    user = testing.make_user_for_person(due)
    counts, identifier = _counts(due), due.local_identifier

    report = run()

    anonymised = set(
        Person.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    assert anonymised == {people["due"].pk, people["other_due"].pk}
    due.refresh_from_db()
    text = _without_audit(due)
    for original in ("Dueworth", "Tester", identifier, "dueworth@example.org"):
        assert original not in text, original
    assert due.date_of_birth == datetime.date(1970, 1, 1)  # the year is kept
    # Every row is kept, for population figures, but the files of copies sent: they name the
    # person on every page, so they are deleted (the copies' rows stay, their sources scrubbed).
    assert _counts(due) == counts | {"copies.CopyContent": 0}
    assert counts["copies.CopyContent"] == 1
    user.refresh_from_db()
    assert (user.first_name, user.email, user.is_active) == ("", "", False)
    assert "Recentia" in _without_audit(people["recent"])
    assert f"record {due.pk} " in report and f"record {people['recent'].pk} " not in report


def test_it_audits_each_anonymising_without_the_name(people):
    run()

    events = AuditEvent.objects.filter(action=AuditAction.ANONYMISE)
    assert {e.person_id for e in events} == {people["due"].pk, people["other_due"].pk}
    assert all("Dueworth" not in e.summary and e.actor is None for e in events)


def test_the_report_says_which_records_and_what_was_replaced(people):
    report = run()

    assert report.startswith("Anonymised 2 closed record(s) due on 2026-12-01.")
    assert f"record {people['other_due'].pk} (organisation" in report
    assert "plans.Outcome.words: 1" in report
    assert "people.SafeguardingReferral.concern: 1" in report
    assert "people.CircleMember.phone: 1" in report


def test_a_dry_run_reports_the_same_and_changes_nothing(people):
    before = everything()
    events = AuditEvent.objects.count()

    dry = run("--dry-run")

    assert everything() == before
    assert AuditEvent.objects.count() == events
    assert dry.startswith("Would anonymise 2 closed record(s)")
    real = dry.replace("Would anonymise", "Anonymised").replace("Would delete", "Deleted")
    assert real == run()


def test_running_it_again_changes_nothing_more(people):
    run()
    after = everything()

    again = run()

    assert again.startswith("Anonymised 0 closed record(s)")
    assert everything() == after


def test_it_refuses_a_date_that_is_not_one():
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("anonymise_closed_records", "--today", "yesterday")


@pytest.mark.parametrize(
    ("closed_on", "years", "ends"),
    [
        (datetime.date(2018, 3, 5), 8, datetime.date(2026, 3, 5)),
        (datetime.date(2020, 2, 29), 1, datetime.date(2021, 2, 28)),
    ],
)
def test_retention_ends_on_the_anniversary(closed_on, years, ends):
    assert retention_ends(closed_on, years) == ends
    assert latest_closing_due(ends, years) == closed_on.replace(day=min(closed_on.day, 28))


def test_it_holds_back_a_record_with_a_concern_waiting_for_a_manager(people, worker):
    due = people["due"]
    SafeguardingReferral.objects.create(
        organisation=due.organisation, person=due, concern="Raised after closing", raised_by=worker
    )

    report = run()

    assert f"Held back: record {due.pk}: a safeguarding concern waits" in report
    assert Person.objects.get(pk=due.pk).anonymised_at is None
    assert Person.objects.get(pk=people["other_due"].pk).anonymised_at is not None


def test_it_deletes_subject_access_archives_past_their_keeping(people, worker):
    from django.utils import timezone

    from tandem.records.models import SubjectAccessExport

    made = {
        age: SubjectAccessExport.objects.create(
            organisation=people["open"].organisation,
            person=people["open"],
            requested_by=worker,
            status=SubjectAccessExport.Status.READY,
            archive=b"PK",
            archive_size=2,
            finished_at=timezone.make_aware(
                datetime.datetime.combine(TODAY - datetime.timedelta(days=age), datetime.time(12))
            ),
        )
        for age in (SubjectAccessExport.KEPT_DAYS + 1, 2)
    }

    assert "Would delete 1 subject-access archive(s)" in run("--dry-run")
    assert "Deleted 1 subject-access archive(s)" in run()

    kept = {age: SubjectAccessExport.objects.get(pk=m.pk).archive for age, m in made.items()}
    assert kept[SubjectAccessExport.KEPT_DAYS + 1] is None
    assert bytes(kept[2]) == b"PK"

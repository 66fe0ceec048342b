"""Retention: a closed record is anonymised once the organisation's retention period has passed.

What is anonymised: the person's names, identifier, address and contact details, the day and
month of their birth (the year is kept, so ages can still be counted), their own sign-in, and
every piece of free text about them in every record listed in held.py (plans and their parts,
reviews, circle of support, safeguarding, budgets, notifications), including copies of plans that
were sent. What is kept: every row (so counts and structure remain for population figures), dates,
statuses, ratings, amounts and the choices made. The audit trail is append-only and is not
changed (its summaries still name the person: see docs/security.md).

Running it again changes nothing more: an anonymised record is never picked again.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.models import Organisation
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.copies.models import CopyContent
from tandem.people.models import Person, SafeguardingReferral
from tandem.records.held import HELD, Held
from tandem.records.models import SubjectAccessExport

NEUTRAL = "Anonymised"
# Short text that is not about the person: codes, the organisation's own lists and schedules.
KEPT_TEXT = frozenset(
    {
        "life_area",
        "section",
        "part_kind",
        "for_kind",
        "kind",
        "item_key",
        "scheme_name",
        "service_name",
        "funding_stream",
        "frequency",
        "how_often",
        "language",
        # A copy's codes: whom it is keyed to, its file type and hash.
        "recipient_key",
        "media_type",
        "extension",
        "sha256",
    }
)
# JSON fields holding free text, and the keys in them whose values are codes or dates, not text.
JSON_TEXT = {
    "plans.Plan": ("elements_not_applicable",),
    "plans.PlanIssue": ("snapshot", "recipients"),
    "copies.Copy": ("source",),
}
JSON_KEPT_KEYS = frozenset(
    {
        "schema",
        "status",
        "kind",
        "party",
        "method",
        "section",
        "part_kind",
        "part_uid",
        "uid",
        "life_area",
        "funded_by",
        "eligibility",
        "renegotiation",
        "age_group",
        "language",
        "budget_arrangement",
        "direct_payment_frequency",
        "prepared_by",
        "agreed_on",
        "raised_on",
        "achieve_by",
        "due_on",
    }
)
# Not rewritten: the audit trail only ever grows; the person's own row is done by `_person`.
NOT_REWRITTEN = frozenset({"audit.AuditEvent", "people.Person", "copies.CopyContent"})


def retention_ends(closed_on: datetime.date, retention_years: int) -> datetime.date:
    """The day a record closed on `closed_on` is due to be anonymised (29 February closes on
    28 February in a year that has none)."""
    year = closed_on.year + retention_years
    try:
        return closed_on.replace(year=year)
    except ValueError:
        return closed_on.replace(year=year, day=28)


def latest_closing_due(today: datetime.date, retention_years: int) -> datetime.date:
    """Records closed on or before this day have been kept long enough."""
    try:
        return today.replace(year=today.year - retention_years)
    except ValueError:
        return today.replace(year=today.year - retention_years, day=28)


def text_fields(kind: Held) -> list[models.Field]:
    """The free-text fields of a kind of record: text without a fixed list of choices."""
    return [
        f
        for f in kind.model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in KEPT_TEXT
    ]


def scrub(value: Any, key: str | None = None) -> Any:
    """JSON with every string replaced by neutral text, but codes and dates: same shape."""
    if isinstance(value, dict):
        return {k: scrub(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, key) for v in value]
    if isinstance(value, str) and value and key not in JSON_KEPT_KEYS:
        return NEUTRAL
    return value


@dataclass
class Report:
    """What a run did (or, dry, would do): which records, and how many values of each field."""

    today: datetime.date
    dry_run: bool
    people: list[Person] = field(default_factory=list)
    changed: Counter = field(default_factory=Counter)
    held_back: list[Person] = field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "Would anonymise" if self.dry_run else "Anonymised"
        lines = [f"{verb} {len(self.people)} closed record(s) due on {self.today.isoformat()}."]
        for person in self.people:
            lines.append(
                f"  record {person.pk} (organisation {person.organisation_id}, "
                f"closed on {person.closed_on.isoformat() if person.closed_on else '?'})"
            )
        for person in self.held_back:
            lines.append(
                f"Held back: record {person.pk}: a safeguarding concern waits for a manager."
            )
        if self.changed:
            lines.append("Values replaced, by model and field:")
            lines.extend(f"  {name}: {count}" for name, count in sorted(self.changed.items()))
        return lines


def due_for_anonymising(today: datetime.date) -> list[Person]:
    """Closed records not yet anonymised whose organisation's retention period has passed."""
    due = Q(pk__in=[])
    for organisation in Organisation.objects.all().only("pk", "retention_years"):
        due |= Q(
            organisation=organisation,
            closed_on__lte=latest_closing_due(today, organisation.retention_years),
        )
    return list(
        Person.objects.filter(due, closed_on__isnull=False, anonymised_at__isnull=True)
        .select_related("organisation", "user")
        .order_by("organisation_id", "pk")
    )


def _rewrite(kind: Held, ids: list[int], report: Report) -> None:
    rows = kind.rows_for_people(ids)
    for f in text_fields(kind):
        filled = rows.exclude(**{f.name: ""})
        if f.null:
            filled = filled.exclude(**{f"{f.name}__isnull": True})
        neutral = "" if isinstance(f, models.EmailField) else NEUTRAL[: f.max_length or None]
        count = filled.count() if report.dry_run else filled.update(**{f.name: neutral})
        if count:
            report.changed[f"{kind.label}.{f.name}"] += count
    for name in JSON_TEXT.get(kind.label, ()):
        for pk, value in rows.values_list("pk", name):
            if scrub(value) != value:
                report.changed[f"{kind.label}.{name}"] += 1
                if not report.dry_run:
                    kind.model._default_manager.filter(pk=pk).update(**{name: scrub(value)})


PERSON_CLEARED = ("preferred_name", "address", "email", "communication_needs", "capacity_notes")


def _person(person: Person, report: Report) -> None:
    report.changed["people.Person.given_name"] += 1
    report.changed["people.Person.family_name"] += 1
    report.changed["people.Person.local_identifier"] += 1
    report.changed["people.Person.date_of_birth"] += 1
    for name in PERSON_CLEARED:
        if getattr(person, name):
            report.changed[f"people.Person.{name}"] += 1
    if person.user_id:
        report.changed["accounts.User (the person’s sign-in)"] += 1
    if report.dry_run:
        return
    if person.user_id:
        user = person.user
        user.username = f"anonymised-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    Person.objects.filter(pk=person.pk).update(
        given_name=NEUTRAL,
        family_name=f"record {person.pk}",
        local_identifier=f"ANON-{person.pk}",
        date_of_birth=person.date_of_birth.replace(month=1, day=1),
        user=None,
        anonymised_at=timezone.now(),
        **dict.fromkeys(PERSON_CLEARED, ""),
    )
    audit_record(
        actor=None,
        action=AuditAction.ANONYMISE,
        # Never the name: this row is kept for ever.
        summary=f"Anonymised record {person.pk} after its retention period",
        person=person,
        detail={
            "closed_on": person.closed_on.isoformat() if person.closed_on else None,
            "retention_years": person.organisation.retention_years,
        },
    )


def anonymise_closed_records(*, today: datetime.date, dry_run: bool) -> Report:
    """Anonymise every record due (see module docstring); `dry_run` reports the same and
    changes nothing."""
    due = due_for_anonymising(today)
    waiting = set(
        SafeguardingReferral.objects.filter(
            person__in=due, acknowledged_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    report = anonymise_people([p for p in due if p.pk not in waiting], today=today, dry_run=dry_run)
    # P11: a concern raised after the record closed is acted on before anything is removed.
    report.held_back = [p for p in due if p.pk in waiting]
    return report


def anonymise_people(people: list[Person], *, today: datetime.date, dry_run: bool) -> Report:
    """Anonymise these closed records (chosen by `due_for_anonymising`, or the demo's own)."""
    report = Report(today=today, dry_run=dry_run, people=people)
    with transaction.atomic():
        ids = [person.pk for person in report.people]
        if ids:
            for kind in HELD:
                if kind.label not in NOT_REWRITTEN:
                    _rewrite(kind, ids, report)
            for person in report.people:
                _person(person, report)
            _archives(ids, report)
            _copy_files(ids, report)
    return report


def _copy_files(ids: list[int], report: Report) -> None:
    """The files of copies sent name the person on every page: deleted, not rewritten (the
    copy's row, with its form, route and dates, is kept and its source scrubbed)."""
    files = CopyContent.objects.filter(copy__person_id__in=ids)
    count = files.count() if report.dry_run else files.delete()[0]
    if count:
        report.changed["copies.CopyContent.data"] += count


def _archives(ids: list[int], report: Report) -> None:
    """Subject-access archives copy the whole record: cleared with it, and the reason anything
    was withheld (free text about the person) with them."""
    made = SubjectAccessExport.objects.filter(person_id__in=ids)
    for name, filled, empty in (
        ("archive", made.filter(archive__isnull=False), {"archive": None, "archive_size": 0}),
        ("withholding_reason", made.exclude(withholding_reason=""), {"withholding_reason": ""}),
    ):
        count = filled.count() if report.dry_run else filled.update(**empty)
        if count:
            report.changed[f"records.SubjectAccessExport.{name}"] += count


def clear_old_archives(*, today: datetime.date, dry_run: bool) -> int:
    """Subject-access archives are copies of a whole record: deleted once no longer offered
    (`SubjectAccessExport.KEPT_DAYS` after they were made). Returns how many."""
    kept_since = datetime.datetime.combine(
        today - datetime.timedelta(days=SubjectAccessExport.KEPT_DAYS),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    old = SubjectAccessExport.objects.filter(archive__isnull=False, finished_at__lt=kept_since)
    return old.count() if dry_run else old.update(archive=None, archive_size=0)

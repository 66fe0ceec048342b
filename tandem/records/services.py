"""Closing and reopening a person's record, the retention setting, and the subject-access export:
each change is one function that audits it in the same transaction."""

import datetime
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Organisation, Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.people.models import Person, SafeguardingReferral
from tandem.records.models import RecordClosure, SubjectAccessExport
from tandem.records.tasks import subject_access_archive_make

RETENTION_YEARS_LOW = 1
RETENTION_YEARS_HIGH = 100


def may_close_records(user: User) -> bool:
    """Staff who work with the person close and reopen their record (and see everything held)."""
    return user.is_authenticated and user.is_worker


def may_set_retention(user: User) -> bool:
    """The organisation's administrator, as for its other settings."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def closure_in_force(person: Person) -> RecordClosure | None:
    return RecordClosure.objects.filter(person=person, reopened_at__isnull=True).first()


def record_close(
    *, person: Person, actor: User, closed_on: datetime.date, reason: str
) -> RecordClosure:
    """Close the record: nothing is due for a closed person (worklists, reminders), and its
    retention period starts on `closed_on`.

    Refused while a safeguarding concern waits for a manager (P11: safeguarding comes first), and
    for a date in the future; EditConflict when someone else closed it meanwhile."""
    if closed_on > timezone.localdate():
        raise Refused(_("The date the record was closed must be today or in the past"))
    with transaction.atomic():
        waiting = SafeguardingReferral.objects.filter(person=person, acknowledged_at__isnull=True)
        if waiting.exists():
            raise Refused(
                _(
                    "The record cannot be closed while a safeguarding concern about %(name)s is "
                    "waiting for a manager to acknowledge it"
                )
                % {"name": person.full_name}
            )
        # Conditional, so two people closing at once close it once (SQLite and PostgreSQL).
        if not Person.objects.filter(pk=person.pk, closed_on__isnull=True).update(
            closed_on=closed_on, updated_at=timezone.now()
        ):
            raise EditConflict(
                _("Someone else closed this record while you were closing it."),
                current=closure_in_force(person),
            )
        closure = RecordClosure.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            closed_on=closed_on,
            reason=reason,
            closed_by=actor,
        )
        person.closed_on = closed_on
        audit_record(
            actor=actor,
            action=AuditAction.RECORD_CLOSE,
            summary=_("Closed the record of %(name)s") % {"name": person.full_name},
            person=person,
            detail={"closed_on": closed_on.isoformat(), "closure": closure.pk},
        )
    return closure


def record_reopen(*, person: Person, closure: RecordClosure, actor: User, reason: str) -> None:
    """Reopen a closed record: what is due shows again, and retention no longer applies.

    Refused once the record has been anonymised (there is nothing left to reopen); EditConflict
    when someone else reopened it meanwhile."""
    if person.anonymised_at is not None:
        raise Refused(
            _("This record was anonymised after its retention period: it cannot be reopened")
        )
    now = timezone.now()
    with transaction.atomic():
        if not RecordClosure.objects.filter(pk=closure.pk, reopened_at__isnull=True).update(
            reopened_at=now, reopened_by=actor, reopen_reason=reason
        ):
            raise EditConflict(_("Someone else reopened this record while you were reopening it."))
        Person.objects.filter(pk=person.pk).update(closed_on=None, updated_at=now)
        person.closed_on = None
        audit_record(
            actor=actor,
            action=AuditAction.RECORD_REOPEN,
            summary=_("Reopened the record of %(name)s") % {"name": person.full_name},
            person=person,
            detail={"closure": closure.pk},
        )


def retention_update(
    *, organisation: Organisation, retention_years: int, revision: int, actor: User
) -> Organisation:
    """How many years a closed record is kept before it is anonymised. Refused with EditConflict
    when another administrator saved since this form was loaded."""
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = locked.retention_years
        if not Organisation.objects.filter(pk=organisation.pk, retention_revision=revision).update(
            retention_years=retention_years, retention_revision=revision + 1
        ):
            raise EditConflict(
                _(
                    "Someone else changed how long closed records are kept while you were "
                    "editing it. What is saved now is shown below: check it, then save again to "
                    "keep your number."
                ),
                current=locked,
            )
        locked.refresh_from_db()
        audit_record(
            actor=actor,
            action=AuditAction.RETENTION_CHANGE,
            summary=_("Changed how long closed records are kept"),
            detail={"retention_years": [before, retention_years]},
        )
    return locked


def subject_access_request(
    *,
    person: Person,
    actor: User,
    withhold_safeguarding: bool,
    withholding_reason: str,
    submission_key: UUID | None = None,
) -> SubjectAccessExport:
    """Ask the background worker for everything held about the person as a ZIP archive (JSON
    and PDF). The same form sent twice gives the first request back.

    Safeguarding referrals are in it unless the worker withholds them with a reason (the law
    lets a council withhold what would be likely to cause serious harm, or identify someone
    who raised a concern); the reason stays on the request, for staff, and is never in the
    archive or the audit trail (which the next archive would include)."""
    if submission_key is not None:
        earlier = SubjectAccessExport.objects.filter(
            requested_by=actor, submission_key=submission_key
        ).first()
        if earlier is not None:
            return earlier
    with transaction.atomic():
        try:
            with transaction.atomic():
                request = SubjectAccessExport.objects.create(
                    organisation_id=person.organisation_id,
                    person=person,
                    requested_by=actor,
                    withhold_safeguarding=withhold_safeguarding,
                    withholding_reason=withholding_reason if withhold_safeguarding else "",
                    submission_key=submission_key,
                )
        except IntegrityError:
            # The same form sent at the same moment: the other request made it.
            return SubjectAccessExport.objects.get(
                requested_by=actor, submission_key=submission_key
            )
        audit_record(
            actor=actor,
            action=AuditAction.SUBJECT_ACCESS_REQUEST,
            summary=_("Asked for everything held about %(name)s") % {"name": person.full_name},
            person=person,
            detail={"export": request.pk},
        )
        # A row in the same transaction (django-tasks-db): made once the request is saved.
        subject_access_archive_make.enqueue(request.pk)
    return request


def subject_access_download(*, request: SubjectAccessExport, actor: User) -> bytes:
    """The archive, audited as an export of everything held about the person."""
    audit_record(
        actor=actor,
        action=AuditAction.SUBJECT_ACCESS_EXPORT,
        summary=_("Downloaded everything held about %(name)s") % {"name": request.person.full_name},
        person=request.person,
        detail={"export": request.pk},
    )
    return bytes(request.archive or b"")

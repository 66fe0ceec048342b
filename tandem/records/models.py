"""A person's record closed (and perhaps reopened): the history behind `Person.closed_on`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation

REASON_MAX_LENGTH = 2000


class RecordClosure(models.Model):
    """One closing of a person's record. `Person.closed_on` says whether it is closed now; these
    rows say when, why and by whom each time, and who reopened it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="closures")
    closed_on = models.DateField(_("date the record was closed"))
    reason = models.TextField(_("why is the record being closed?"), max_length=REASON_MAX_LENGTH)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(
        _("why is the record being reopened?"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        ordering = ["-closed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reopened_by__isnull=True, reopened_at__isnull=True)
                | models.Q(reopened_by__isnull=False, reopened_at__isnull=False),
                name="records_closure_reopened_by_and_at",
            ),
            # At most one closing in force for a person at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(reopened_at__isnull=True),
                name="records_one_open_closure_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Record {self.person_id} closed on {self.closed_on}"

    @property
    def is_in_force(self) -> bool:
        return self.reopened_at is None


class SubjectAccessExport(models.Model):
    """A request for everything held about a person, and the archive the background worker made
    for it (WeasyPrint takes seconds for a few hundred records, so it is never made in a page's
    request). The archive is kept for `KEPT_DAYS`, then cleared."""

    KEPT_DAYS = 30

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being made")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be made")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    withhold_safeguarding = models.BooleanField(default=False)
    # Kept here for staff, never in the archive or the audit trail (which is itself exported).
    withholding_reason = models.TextField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    finished_at = models.DateTimeField(null=True, blank=True)
    archive = models.BinaryField(null=True, blank=True, editable=False)
    archive_size = models.PositiveIntegerField(default=0)
    # The form's one-time key, so the same form sent twice (a double click) is one request.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "submission_key"],
                name="records_export_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"Subject access export {self.pk} of record {self.person_id}"

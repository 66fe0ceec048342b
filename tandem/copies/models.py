"""Copies of an issued plan or a final review record, each made for one recipient in one form and
sent one way, kept so it can be produced again byte for byte (A4, R8, issue 10)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.people.models import Delivery, Person

FAILURE_MAX_LENGTH = 500


class Copy(models.Model):
    """One copy for one recipient: what it is of, who gets it, in which form and how, and what
    became of it. The bytes are kept in `CopyContent` (its own table, so lists of copies never
    load files); `source` is what they were rendered from, so `reproduce` can make them again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be made")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready to download")
        EMAILED = "emailed", _("Sent by email")
        TO_POST = "to_post", _("Waiting to be posted")
        POSTED = "posted", _("Posted")
        FAILED = "failed", _("Could not be made")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="copies")
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="copies")
    # A copy is of exactly one of these.
    issue = models.ForeignKey(
        "plans.PlanIssue", on_delete=models.PROTECT, null=True, blank=True, related_name="copies"
    )
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="copies"
    )
    form = models.CharField(_("form"), max_length=20, choices=Person.Format.choices)
    # "person", or "member:<id>": one copy of a thing in a form per recipient (see constraints).
    recipient_key = models.CharField(max_length=30, editable=False)
    recipient_name = models.CharField(_("sent to"), max_length=200)
    recipient_role = models.CharField(_("their role"), max_length=200)
    recipient_member = models.ForeignKey(
        "people.CircleMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    # Who may download it behind sign-in, besides staff who may see the person.
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies_received",
    )
    route = models.CharField(_("sent by"), max_length=10, choices=Delivery.choices)
    email = models.EmailField(_("email address used"), blank=True)
    postal_address = models.TextField(_("postal address used"), max_length=500, blank=True)
    source = models.JSONField(_("what the copy was made from"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    failure = models.CharField(
        _("why it could not be made"), max_length=FAILURE_MAX_LENGTH, blank=True
    )
    media_type = models.CharField(max_length=40, blank=True)
    extension = models.CharField(max_length=10, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    made_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-created_at"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(issue__isnull=False, review__isnull=True)
                | Q(issue__isnull=True, review__isnull=False),
                name="copies_copy_of_an_issue_or_a_review",
            ),
            # Sending twice (a double click, two people at once) makes each copy once.
            models.UniqueConstraint(
                fields=["issue", "recipient_key", "form"],
                condition=Q(issue__isnull=False),
                name="copies_one_copy_of_an_issue_per_recipient_and_form",
            ),
            models.UniqueConstraint(
                fields=["review", "recipient_key", "form"],
                condition=Q(review__isnull=False),
                name="copies_one_copy_of_a_review_per_recipient_and_form",
            ),
        ]

    def __str__(self) -> str:
        return f"Copy {self.pk} ({self.form}) for {self.recipient_name}"

    @property
    def is_made(self) -> bool:
        return self.status in {
            self.Status.READY,
            self.Status.EMAILED,
            self.Status.TO_POST,
            self.Status.POSTED,
        }

    @property
    def is_audio(self) -> bool:
        return self.form == Person.Format.AUDIO

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RENDERING}

    @property
    def filename(self) -> str:
        of = f"plan-copy{self.issue_id}" if self.issue_id else f"review{self.review_id}"
        return f"{of}-{self.form.replace('_', '-')}-{self.pk}.{self.extension or 'bin'}"


class CopyContent(models.Model):
    """The bytes of a copy, in the database (SQLite and PostgreSQL alike), so backups, the
    subject-access export and anonymisation all see them. Deleted when the record is
    anonymised: names are in them."""

    copy = models.OneToOneField(Copy, on_delete=models.CASCADE, related_name="content")
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"Contents of copy {self.copy_id}"

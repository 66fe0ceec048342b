"""The person a plan is for, their circle of support, and safeguarding referrals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation, Team


class Delivery(models.TextChoices):
    """How someone wants copies of the plan and review sent to them (issue 10). Empty means no
    preference: behind their sign-in if they have one, otherwise by post."""

    SIGN_IN = "sign_in", _("Online, to download after signing in to Tandem")
    EMAIL = "email", _("By email, with the copy attached")
    POST = "post", _("By post")


class Person(models.Model):
    class AgeGroup(models.TextChoices):
        ADULT = "adult", _("Adult")
        CHILD = "child", _("Child or young person")

    class Capacity(models.TextChoices):
        NOT_ASSESSED = "not_assessed", _("Not assessed – capacity is assumed")
        HAS_CAPACITY = "has_capacity", _("Has capacity for planning decisions")
        LACKS_CAPACITY = "lacks_capacity", _("Lacks capacity for some planning decisions")

    class Format(models.TextChoices):
        STANDARD = "standard", _("Standard print")
        LARGE_PRINT = "large_print", _("Large print")
        EASY_READ = "easy_read", _("Easy read")
        AUDIO = "audio", _("Audio summary")
        BRAILLE = "braille", _("Braille")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    local_identifier = models.CharField(_("local identifier"), max_length=40)
    address = models.TextField(_("address"), max_length=500, blank=True)
    communication_needs = models.TextField(_("communication needs"), max_length=2000, blank=True)
    preferred_formats = models.JSONField(_("preferred formats"), default=list, blank=True)
    email = models.EmailField(_("email"), blank=True)
    copies_by = models.CharField(
        _("how copies are sent"), max_length=10, choices=Delivery.choices, blank=True
    )
    language = models.CharField(_("preferred language"), max_length=60, default="English")
    age_group = models.CharField(
        _("adult or child"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.ADULT
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_record",
        help_text=_("The person's own sign-in, if they have one."),
    )
    capacity = models.CharField(
        _("capacity for planning decisions"),
        max_length=20,
        choices=Capacity.choices,
        default=Capacity.NOT_ASSESSED,
    )
    capacity_notes = models.TextField(
        _("capacity and best-interest notes"), max_length=2000, blank=True
    )
    advocate = models.ForeignKey(
        "CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)
    # Data rights (issue 9): a record closed on this date is anonymised once the organisation's
    # retention period has passed; `anonymised_at` says when that was done.
    closed_on = models.DateField(_("record closed on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        # The people list is a team's people in name order.
        indexes = [models.Index(fields=["team", "family_name", "given_name", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "local_identifier"], name="person_local_identifier_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name


class CircleMember(models.Model):
    """Someone in the person's circle of support: carer, family, friend, advocate, provider…"""

    class Kind(models.TextChoices):
        CARER = "carer", _("Carer")
        FAMILY = "family", _("Family member")
        FRIEND = "friend", _("Friend or neighbour")
        ADVOCATE = "advocate", _("Advocate or representative")
        PROVIDER = "provider", _("Service provider")
        AGENCY = "agency", _("Other agency")

    class Appointment(models.TextChoices):
        NONE = "none", _("Not appointed")
        ADVOCATE = "advocate", _("Advocate appointed because the person lacks capacity")
        LEGAL_REPRESENTATIVE = (
            "legal_representative",
            _("Legal representative (lasting power of attorney or deputy)"),
        )

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    relationship = models.CharField(_("relationship to the person"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation (if any)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    consent_to_share = models.BooleanField(
        _("the person consents to share their plan"), default=False
    )
    consent_notes = models.CharField(_("consent notes"), max_length=500, blank=True)
    # Copies of the plan and reviews they are sent (issue 10), when the person shares with them.
    preferred_formats = models.JSONField(_("preferred formats"), default=list, blank=True)
    copies_by = models.CharField(
        _("how copies are sent"), max_length=10, choices=Delivery.choices, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_memberships",
    )
    # An appointment gives a carer, family member or advocate access without the person's
    # consent: the person lacks capacity and someone must speak for them (R9), or the law
    # appointed them (a lasting power of attorney, a deputy).
    appointed_as = models.CharField(
        _("appointed as"), max_length=30, choices=Appointment.choices, default=Appointment.NONE
    )
    appointed_since = models.DateField(_("appointed since"), null=True, blank=True)
    appointment_note = models.CharField(_("appointment notes"), max_length=500, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_appointed(self) -> bool:
        return self.appointed_as != self.Appointment.NONE

    @property
    def can_represent(self) -> bool:
        """Carers, family and advocates may agree a plan on the person's behalf (A1, R9)."""
        return self.kind in {self.Kind.CARER, self.Kind.FAMILY, self.Kind.ADVOCATE}


ACTION_TAKEN_MAX_LENGTH = 5000


class SafeguardingReferral(models.Model):
    """P11: a concern raised anywhere goes to the safeguarding procedure at once."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="safeguarding_referrals"
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    concern = models.TextField(_("what is the concern?"), max_length=5000)
    immediate_risk = models.BooleanField(_("is anyone at immediate risk?"), default=False)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    alerted = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The form's one-time key, so the same form sent twice (a double click) is one referral.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    # A manager of the person's team records, once, that they have acted on the concern.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(
        _("what was done?"), max_length=ACTION_TAKEN_MAX_LENGTH, blank=True
    )

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["raised_by", "submission_key"], name="people_referral_once_per_submission"
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_by__isnull=True, acknowledged_at__isnull=True)
                | models.Q(acknowledged_by__isnull=False, acknowledged_at__isnull=False),
                name="safeguarding_acknowledged_by_and_at",
            ),
        ]

    def __str__(self) -> str:
        # Not the concern itself: this string shows up in logs and the admin.
        return f"Safeguarding referral {self.pk} ({self.person.local_identifier})"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class SafeguardingAlert(models.Model):
    """A team manager has been e-mailed about a referral. Saved in the same transaction that hands
    the e-mail to the mail server, so a task run again after a failure or a killed worker skips
    whoever already has one, and a manager is never left out."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        SafeguardingReferral, on_delete=models.CASCADE, related_name="alerts"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "recipient"], name="people_alert_once_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"Alert for referral {self.referral_id} to user {self.recipient_id}"


class ConsentRecord(models.Model):
    """The person's consent to share with one member of their circle, for one purpose: who gave
    it, how and when, and, once withdrawn, when and by whom. `CircleMember.consent_to_share` is
    the fast flag kept in step with these by the consent services only."""

    class Purpose(models.TextChoices):
        SHARE_PLAN = "share_plan", _("See and help with the plan, and be sent copies of it")
        CONSULT_AT_REVIEWS = "consult_at_reviews", _("Be consulted about reviews")

    class GivenBy(models.TextChoices):
        PERSON = "person", _("The person themselves")
        REPRESENTATIVE = "representative", _("Their representative")
        ADVOCATE = "advocate", _("Their advocate")
        LEGAL_REPRESENTATIVE = (
            "legal_representative",
            _("Their legal representative (lasting power of attorney or deputy)"),
        )

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")
        WRITING = "writing", _("In writing (a letter or a signed form)")
        EMAIL = "email", _("By email")
        OTHER = "other", _("Another way")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    member = models.ForeignKey(CircleMember, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("what it is for"), max_length=30, choices=Purpose.choices)
    given_by = models.CharField(_("who gave it"), max_length=30, choices=GivenBy.choices)
    given_by_name = models.CharField(_("their name"), max_length=200, blank=True)
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    given_on = models.DateField(_("when it was given"))
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    # Empty only for consent recorded before Tandem kept consent records (migration 0008).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("when it was withdrawn"), null=True, blank=True)
    withdrawn_by = models.CharField(
        _("who withdrew it"), max_length=30, choices=GivenBy.choices, blank=True
    )
    withdrawn_by_name = models.CharField(_("their name"), max_length=200, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-recorded_at", "-id"]
        constraints = [
            # One consent in force per member and purpose: giving it again while it stands is a
            # mistake (two pages sent at once), not a second consent.
            models.UniqueConstraint(
                fields=["member", "purpose"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="people_consent_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Consent {self.pk} ({self.purpose}) for circle member {self.member_id}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class BreakGlassAccess(models.Model):
    """A practitioner opened a record outside their relationship in an emergency, with a reason.
    It lasts until `expires_at` (the access rule compares it with the time now, so no job ends
    it), shows on the record, and waits on the managers' worklists until one reviews it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("why you need to open this record now"), max_length=2000)
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["user", "person", "expires_at"]),
            models.Index(fields=["person", "reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"Emergency access {self.pk} to person {self.person_id} by user {self.user_id}"


class SharingReview(models.Model):
    """After a safeguarding concern, the worker records that they have reviewed who the
    person's plan is shared with."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sharing_reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]

    def __str__(self) -> str:
        return f"Sharing review {self.pk} of person {self.person_id}"

"""A plan is one version of a person's support plan; its parts hang off it.

Plan rows are versions (A4): agreeing freezes a row, and a change after agreement copies it into a
new draft row. What was sent to people is kept as an issue with an exact snapshot.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.people.models import CircleMember, Person


class Funding(models.TextChoices):
    """P5: where each action and support arrangement is resourced from."""

    OWN = "own", _("The person's own resources")
    NATURAL = "natural", _("Natural support from family, friends or carers")
    COMMUNITY = "community", _("Community resources")
    PERSONAL_BUDGET = "personal_budget", _("Personal budget")
    SOCIAL_WORK = "social_work", _("Social work resources (needs a manager's approval)")
    OTHER_ORGANISATION = "other_organisation", _("Another organisation (joint arrangements)")


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for agreement")
        AGREED = "agreed", _("Agreed")
        SUPERSEDED = "superseded", _("Superseded")
        ENDED = "ended", _("Ended")

    class PreparedBy(models.TextChoices):
        PERSON = "person", _("The person, on their own")
        PERSON_WITH_CIRCLE = "person_with_circle", _("The person with family, friends or carers")
        WORKER_ONE_TO_ONE = "worker_one_to_one", _("The person with one-to-one help from a worker")
        PLANNING_MEETING = "planning_meeting", _("A multi-agency planning meeting")

    class BudgetArrangement(models.TextChoices):
        NOT_DECIDED = "", _("Not decided yet")
        NONE = "none", _("No personal budget")
        COUNCIL_MANAGED = "council_managed", _("Council-managed budget")
        DIRECT_PAYMENT = "direct_payment", _("Direct payment")
        INDIVIDUAL_SERVICE_FUND = "individual_service_fund", _("Individual service fund")
        MIXED = "mixed", _("A mix of these")

    class PaymentFrequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FOUR_WEEKLY = "four_weekly", _("Every 4 weeks")
        MONTHLY = "monthly", _("Every month")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plans")
    version_number = models.PositiveIntegerField(default=1)
    previous_version = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)

    # About this plan (P1)
    prepared_by = models.CharField(
        _("who prepared this plan?"), max_length=30, choices=PreparedBy.choices, blank=True
    )
    preparation_notes = models.TextField(_("how was it prepared?"), max_length=2000, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
        verbose_name=_("plan coordinator"),
    )
    support_starts_on = models.DateField(_("date new support starts"), null=True, blank=True)

    # What is important to me
    important_to_me = models.TextField(_("what is important to you?"), max_length=5000, blank=True)
    strengths = models.TextField(_("your strengths, skills and gifts"), max_length=5000, blank=True)

    # How I will use my personal budget (P8, P12)
    budget_arrangement = models.CharField(
        _("how will the personal budget be taken?"),
        max_length=30,
        choices=BudgetArrangement.choices,
        blank=True,
    )
    direct_payment_amount = models.DecimalField(
        _("direct payment amount (£)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    direct_payment_frequency = models.CharField(
        _("how often is the direct payment paid?"),
        max_length=20,
        choices=PaymentFrequency.choices,
        blank=True,
    )
    budget_use = models.TextField(
        _("how will you use your personal budget?"), max_length=5000, blank=True
    )

    # How my support will be managed (leadership)
    support_management = models.TextField(
        _("how will your support be managed?"), max_length=5000, blank=True
    )
    who_leads = models.TextField(
        _("who manages the budget and the support, and how will it be checked?"),
        max_length=2000,
        blank=True,
    )

    # How I will stay in control
    staying_in_control = models.TextField(
        _("how will you stay in control of your life?"), max_length=5000, blank=True
    )

    # P6 elements marked not applicable: {"risk": "reason", …}
    elements_not_applicable = models.JSONField(default=dict, blank=True)
    # Task list: {"important": "completed", …}; absent means derived from content.
    section_status = models.JSONField(default=dict, blank=True)
    # Optimistic locking, one counter per section: {"important": 3, …}
    section_revisions = models.JSONField(default=dict, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_for_agreement_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-version_number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version_number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} – version {self.version_number}"

    @property
    def is_editable(self) -> bool:
        """A4: only a draft (or one waiting for agreement) can change; agreed ones are frozen."""
        return self.status in {self.Status.DRAFT, self.Status.READY}

    @property
    def accepts_disagreements(self) -> bool:
        """A1–A3: a disagreement is noted, and decided on, while this version is being agreed
        or is in force; a superseded or ended version stays as it was."""
        return self.status in {self.Status.DRAFT, self.Status.READY, self.Status.AGREED}


class PlanPart(models.Model):
    """Common columns of everything that hangs off a plan version.

    `uid` is the part's identity across versions: a new version copies it, so an outcome is the
    same outcome in version 1 and version 4 (comparison, reviews, FHIR identifiers rely on it).
    `pk` is one version's row; `revision` counts its saves, for optimistic locking (ADR 0002).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="%(class)ss")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "uid"], name="%(app_label)s_%(class)s_uid")
        ]


class Outcome(PlanPart):
    """P2: in the person's words, specific, with a date."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Something to change or achieve")
        MAINTAIN = "maintain", _("Staying well and steady")

    words = models.TextField(_("what do you want, in your own words?"), max_length=2000)
    kind = models.CharField(
        _("is this about change, or staying well?"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.CHANGE,
    )
    achieve_by = models.DateField(_("by when?"))
    life_area = models.CharField(_("area of life"), max_length=60, blank=True)
    # Providers see only the outcomes their own actions serve (plans/provider_part.py); the
    # person may choose to let everyone supporting them see this one too. No by default.
    shared_with_supporters = models.BooleanField(
        _("share this outcome with everyone supporting me?"), default=False
    )

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.words


class Indicator(PlanPart):
    """P3: how we will know — concrete, measurable, due on a fixed date."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    description = models.TextField(_("how will we know?"), max_length=1000)
    due_on = models.DateField(_("by when?"))

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class Action(PlanPart):
    """P4: what needs to happen, by a named individual, by when; P5: how it is resourced."""

    class Kind(models.TextChoices):
        SELF = "self", _("The person themselves")
        NATURAL = "natural", _("Family, friends or carers (natural support)")
        COMMUNITY = "community", _("Community resources")
        EQUIPMENT = "equipment", _("Equipment or technology")
        PAID = "paid", _("Paid service")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("what needs to happen?"), max_length=2000)
    kind = models.CharField(_("what kind of help is this?"), max_length=20, choices=Kind.choices)
    responsible_is_person = models.BooleanField(default=False)
    responsible_member = models.ForeignKey(
        CircleMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("by when?"), null=True, blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    frequency = models.CharField(_("how often?"), max_length=200, blank=True)
    funded_by = models.CharField(
        _("how is this resourced?"), max_length=30, choices=Funding.choices, blank=True
    )
    funding_notes = models.CharField(_("resourcing details"), max_length=500, blank=True)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class SupportArrangement(PlanPart):
    """How the person will be supported: who provides what, and how it is resourced (P5)."""

    description = models.TextField(_("what support will there be?"), max_length=2000)
    provider = models.CharField(_("who provides it?"), max_length=200)
    # The provider or agency of the person's circle who gives this support, if they are in it:
    # they see this arrangement in their part of the plan (plans/provider_part.py).
    provider_member = models.ForeignKey(
        CircleMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider or agency in the circle of support"),
    )
    how_often = models.CharField(_("how often or how much?"), max_length=200, blank=True)
    funded_by = models.CharField(
        _("how is this resourced?"), max_length=30, choices=Funding.choices, blank=True
    )
    funding_notes = models.CharField(_("resourcing details"), max_length=500, blank=True)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class Risk(PlanPart):
    """P9: a risk, how it is managed, and what happens if it gets worse."""

    description = models.TextField(_("what could go wrong?"), max_length=2000)
    significant_harm = models.BooleanField(_("is there a risk of significant harm?"), default=False)
    how_managed = models.TextField(_("how is the risk managed?"), max_length=2000)
    contingency = models.TextField(
        _("contingency: who to call and what alternative support there is"),
        max_length=2000,
        blank=True,
    )
    triggers = models.TextField(_("what starts the contingency plan?"), max_length=2000, blank=True)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class Need(PlanPart):
    """P12: the needs the plan meets and whether they were assessed as eligible."""

    class Eligibility(models.TextChoices):
        ELIGIBLE = "eligible", _("Assessed as eligible")
        NOT_ELIGIBLE = "not_eligible", _("Assessed as not eligible")
        NOT_ASSESSED = "not_assessed", _("Not assessed")

    description = models.TextField(_("what is the need?"), max_length=2000)
    eligibility = models.CharField(
        _("eligibility"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.NOT_ASSESSED,
    )

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class Agreement(models.Model):
    """A1: who agreed the plan, when and how."""

    class Party(models.TextChoices):
        PERSON = "person", _("The person")
        REPRESENTATIVE = "representative", _("Representative or advocate for the person")
        WORKER = "worker", _("Worker")
        CARER = "carer", _("Carer")

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        SIGNED_PAPER = "signed_paper", _("Signed a paper copy")
        ELECTRONIC = "electronic", _("Electronically")
        VERBAL = "verbal", _("Verbally")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    party = models.CharField(max_length=20, choices=Party.choices)
    name = models.CharField(max_length=200)
    member = models.ForeignKey(
        CircleMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    agreed_on = models.DateField()
    best_interest = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_party_display()})"


class PlanIssue(models.Model):
    """A copy of an agreed plan as sent out (A2, A4): reproducible exactly from its snapshot."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="issues")
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500)
    snapshot = models.JSONField()
    recipients = models.JSONField(default=list)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_issue_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} – issue {self.number}"


class Disagreement(models.Model):
    """A1/A2: an area of disagreement noted in the plan itself; A3: the coordinator's decision."""

    class Renegotiation(models.TextChoices):
        NEEDED = "needed", _("Yes – the plan must be reviewed or renegotiated")
        NOT_NEEDED = "not_needed", _("No – note the disagreement and carry on")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="disagreements")
    section = models.CharField(_("which part of the plan?"), max_length=30)
    # Or one part of that section (an action, an outcome…): its kind and the uid it keeps
    # across versions (parts.py). Empty for a disagreement about the section as a whole.
    part_kind = models.CharField(max_length=30, blank=True)
    part_uid = models.UUIDField(null=True, blank=True)
    raised_by = models.CharField(_("who disagrees?"), max_length=200)
    raised_on = models.DateField(_("date raised"))  # may be before it was recorded here
    details = models.TextField(_("what is the disagreement?"), max_length=5000)
    after_agreement = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    issue = models.ForeignKey(
        PlanIssue, on_delete=models.PROTECT, null=True, blank=True, related_name="disagreements"
    )
    renegotiation = models.CharField(
        _("does the plan need to be reviewed or renegotiated?"),
        max_length=20,
        choices=Renegotiation.choices,
        blank=True,
    )
    renegotiation_reason = models.TextField(
        _("reason for the decision"), max_length=2000, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The form's one-time key, so the same form sent twice (a double click) is one disagreement.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "submission_key"],
                name="plans_disagreement_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.raised_by}: {self.details[:60]}"

"""Organisations, teams and the people who sign in.

Every user belongs to one organisation. Staff have a role and belong to teams; a person, a
carer or a provider sees only the records they have a legitimate relationship with (access.py).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class AdultFramework(models.TextChoices):
        ASCOT = "ascot", _("Adult Social Care Outcomes Toolkit (ASCOT) domains")
        TALKING_POINTS = "talking_points", _("Talking Points personal outcomes")

    name = models.CharField(_("name"), max_length=200)
    adult_outcome_framework = models.CharField(
        _("outcome framework for adults"),
        max_length=20,
        choices=AdultFramework.choices,
        default=AdultFramework.ASCOT,
    )
    # Review timescales (R1, R3, R8, R11): organisation settings with the guidance's defaults.
    first_review_weeks = models.PositiveSmallIntegerField(default=6)
    review_interval_months = models.PositiveSmallIntegerField(default=12)
    direct_payment_review_months = models.PositiveSmallIntegerField(default=6)
    consultation_weeks = models.PositiveSmallIntegerField(default=4)
    review_copy_weeks = models.PositiveSmallIntegerField(default=3)
    # R2 names no lead time: how long before an outcome or indicator deadline the review falls.
    deadline_lead_weeks = models.PositiveSmallIntegerField(default=4)
    # Counts saves of the timescales, so two administrators never overwrite each other.
    timescales_revision = models.PositiveIntegerField(default=1)
    # Work overdue for longer than this many days shows on the team managers' worklists too.
    escalate_after_days = models.PositiveSmallIntegerField(default=14)
    # Counts saves of the escalation setting, so two administrators never overwrite each other.
    escalation_revision = models.PositiveIntegerField(default=1)
    # Sign-in (issue 9): staff are signed out after this many minutes without activity, and
    # everyone after this many hours whatever they do.
    idle_timeout_minutes = models.PositiveSmallIntegerField(default=30)
    session_limit_hours = models.PositiveSmallIntegerField(default=12)
    # Counts saves of the sign-in settings, so two administrators never overwrite each other.
    sign_in_revision = models.PositiveIntegerField(default=1)
    # Data rights (issue 9): a closed record is anonymised this many years after it was closed.
    retention_years = models.PositiveSmallIntegerField(default=8)
    # Counts saves of the retention setting, so two administrators never overwrite each other.
    retention_revision = models.PositiveIntegerField(default=1)
    # Counts saves of the name and framework (tandem/administration), so two administrators
    # never overwrite each other.
    details_revision = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    # Counts renames, so two administrators never overwrite each other (tandem/administration).
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SOCIAL_WORK_ASSISTANT = "social_work_assistant", _("Social work assistant")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("Occupational therapist")
    SENSORY_IMPAIRMENT_WORKER = "sensory_impairment_worker", _("Sensory impairment worker")
    TEAM_MANAGER = "team_manager", _("Team manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    PERSON = "person", _("Person receiving support")
    CARER = "carer", _("Carer, family member or representative")
    PROVIDER = "provider", _("Provider or other agency")


STAFF_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.SOCIAL_WORK_ASSISTANT,
        Role.OCCUPATIONAL_THERAPIST,
        Role.SENSORY_IMPAIRMENT_WORKER,
        Role.TEAM_MANAGER,
    }
)


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, default=Role.PERSON)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    # Counts changes made by administrators (tandem/administration), so two of them changing the
    # same user never overwrite each other.
    revision = models.PositiveIntegerField(default=1)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_worker(self) -> bool:
        """Staff who facilitate plans: they see their teams' people."""
        return self.role in STAFF_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role == Role.TEAM_MANAGER

    def __str__(self) -> str:
        return self.display_name

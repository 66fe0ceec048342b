"""Between reviews (issue 7, build item 1): the plan being carried out.

Progress is recorded against an action of an agreed plan by the action's lasting `uid`
(PlanPart.uid, ADR 0004), so an action's history follows it into later versions of the plan. The
latest row for an action is its current status; rows are only ever added.

A review trigger is something that calls for a review before the one scheduled: a contingency
trigger, a change of circumstances or a rise in risk makes an urgent review due (R10); the person
asking for one makes a requested review due (R1).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.people.models import Person
from tandem.plans.models import Plan


class ActionProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # The agreed version the progress was recorded against; the action is found by its uid.
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="action_progress")
    action_uid = models.UUIDField(db_index=True)
    status = models.CharField(_("how is it going?"), max_length=20, choices=Status.choices)
    note = models.TextField(_("what has happened?"), max_length=2000, blank=True)
    happened_on = models.DateField(_("when?"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time key, so the same form sent twice (a double click) is recorded once.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-happened_on", "-recorded_at", "-id"]
        get_latest_by = ["happened_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["action_uid", "-happened_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "submission_key"],
                name="reviews_progress_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_uid}: {self.get_status_display()} on {self.happened_on}"


class ReviewTrigger(models.Model):
    class Kind(models.TextChoices):
        CONTINGENCY = "contingency", _("A contingency in the plan was triggered")
        CIRCUMSTANCES = "circumstances", _("The person’s circumstances changed")
        RISK = "risk", _("A risk has gone up")
        ASKED = "asked", _("The person asked for a review")

    URGENT_KINDS = frozenset({Kind.CONTINGENCY, Kind.CIRCUMSTANCES, Kind.RISK})

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_triggers")
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="review_triggers"
    )
    kind = models.CharField(_("what happened?"), max_length=20, choices=Kind.choices)
    details = models.TextField(_("details"), max_length=2000)
    happened_on = models.DateField(_("when?"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-happened_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "-happened_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "submission_key"],
                name="reviews_trigger_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} on {self.happened_on}"

    @property
    def is_urgent(self) -> bool:
        """R10: an urgent review; otherwise (R1) a review the person asked for."""
        return self.kind in self.URGENT_KINDS


class Review(models.Model):
    """The review record (R5, R6, R9): drafted, then finalised and frozen like an agreed plan.

    `plan` is the agreed version reviewed; each outcome's evaluation keeps the outcome's lasting
    uid, so its history follows it into later versions. `revision` counts saves (ADR 0002)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    class HowHeld(models.TextChoices):
        MEETING = "meeting", _("A meeting of the people involved")
        FACE_TO_FACE = "face_to_face", _("Face to face with the person")
        TELEPHONE = "telephone", _("By telephone")
        DIGITALLY = "digitally", _("Digitally, for example a video call")

    class Meets(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    held_on = models.DateField(_("when was the review held?"), null=True, blank=True)
    how_held = models.CharField(
        _("how was the review held?"), max_length=20, choices=HowHeld.choices, blank=True
    )
    why_proportionate = models.TextField(
        _("why is that proportionate?"), max_length=2000, blank=True
    )
    who_took_part = models.TextField(_("who took part?"), max_length=2000, blank=True)
    advocate_present = models.BooleanField(_("was an advocate there?"), default=False)
    best_interest_decisions = models.TextField(
        _("best-interest decisions"), max_length=4000, blank=True
    )
    needs_changed = models.BooleanField(_("have the person’s needs changed?"), default=False)
    new_assessment_needed = models.BooleanField(_("is a new assessment needed?"), default=False)
    services_meet_outcomes = models.CharField(
        _("do the services meet the outcomes?"), max_length=10, choices=Meets.choices, blank=True
    )
    what_must_change = models.TextField(_("what must change?"), max_length=4000, blank=True)
    new_plan_needed = models.BooleanField(_("is a new plan needed?"), default=False)
    next_review_on = models.DateField(_("next review agreed for"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    # R8: the record and a copy reach the person by this date (3 weeks after the review).
    copy_due_on = models.DateField(null=True, blank=True)
    copy_sent_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["person", "status", "-held_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="draft"),
                name="reviews_one_draft_review_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.person} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class OutcomeEvaluation(models.Model):
    """One outcome of the reviewed plan, rated at the review, by the outcome's lasting uid."""

    class Rating(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")
        NO_LONGER_WANTED = "no_longer_wanted", _("No longer wanted")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evaluations")
    outcome_uid = models.UUIDField(db_index=True)
    outcome_words = models.TextField(max_length=2000)
    rating = models.CharField(_("has it been achieved?"), max_length=20, choices=Rating.choices)
    evidence = models.TextField(_("evidence"), max_length=4000, blank=True)
    gas_level = models.SmallIntegerField(
        _("goal attainment level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "outcome_uid"], name="reviews_one_evaluation_per_outcome"
            ),
            models.CheckConstraint(
                condition=models.Q(gas_level__gte=-2, gas_level__lte=2)
                | models.Q(gas_level__isnull=True),
                name="reviews_gas_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome_words}: {self.get_rating_display()}"

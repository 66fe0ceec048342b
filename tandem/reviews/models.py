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
from tandem.plans.models import Outcome, Plan, PlanPart


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
    # R4/R5: the person's consultation and own answers this review used (kept when finalised).
    consultation = models.ForeignKey(
        "reviews.Consultation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
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


class Consultation(models.Model):
    """R3–R5: before a review, the person says whom they want there, how it should be held, and –
    in their own words – what is working, what is not and what they want to change.

    Asked four weeks before the review is due (R3), answered in the person's own login or by a
    worker with them (`with_person`). The current consultation is the latest one recorded since
    the person's last final review; the review that uses it keeps it (`Review.consultation`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consultations")
    # The agreed version the coming review will look at.
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="consultations")
    # The review date it prepares for, as the schedule said when it was asked.
    review_due_on = models.DateField(null=True, blank=True)
    who_to_invite = models.TextField(
        _("who do you want to be at your review?"), max_length=2000, blank=True
    )
    how_held = models.CharField(
        _("how would you like your review to be held?"),
        max_length=20,
        choices=Review.HowHeld.choices,
        blank=True,
    )
    how_held_notes = models.TextField(
        _("anything else about how, when or where?"), max_length=2000, blank=True
    )
    # R4/R5: the person's own answers, put in front of the worker at the review.
    what_is_working = models.TextField(_("what is working?"), max_length=4000, blank=True)
    what_is_not_working = models.TextField(_("what is not working?"), max_length=4000, blank=True)
    what_to_change = models.TextField(_("what do you want to change?"), max_length=4000, blank=True)
    # True when a worker recorded the answers with the person, not the person in their login.
    with_person = models.BooleanField(default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Consultation with {self.person} for the review due {self.review_due_on}"


class ProviderInvitation(models.Model):
    """R3: every provider in the plan is invited to the review, or why not is recorded."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="providers"
    )
    # The provider as the plan names it: a circle member responsible for an action, or the
    # provider of a support arrangement (free text in the plan).
    name = models.CharField(_("provider"), max_length=200)
    circle_member = models.ForeignKey(
        "people.CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited = models.BooleanField(_("invited?"), null=True, blank=True)
    reason_not_invited = models.TextField(_("why not?"), max_length=1000, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "name"], name="reviews_one_invitation_per_provider"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """Between reviews: a contact with someone in the plan – a visit, a call, a message."""

    class How(models.TextChoices):
        VISIT = "visit", _("A visit")
        TELEPHONE = "telephone", _("A telephone call")
        VIDEO = "video", _("A video call")
        MESSAGE = "message", _("A letter, email or message")
        MEETING = "meeting", _("A meeting")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    with_whom = models.CharField(_("who was the contact with?"), max_length=200)
    circle_member = models.ForeignKey(
        "people.CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    how = models.CharField(_("how?"), max_length=20, choices=How.choices)
    happened_on = models.DateField(_("when?"))
    note = models.TextField(_("what was said or agreed?"), max_length=4000)
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
                name="reviews_contact_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_how_display()} with {self.with_whom} on {self.happened_on}"


class ReviewOutcome(models.Model):
    """R5: a new outcome agreed at a review, or a different wording of an existing one
    (`changes_uid`). When the review starts a new plan, each becomes an outcome of the new draft
    version – a different one keeps the uid of the outcome it replaces, so its history goes on."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="new_outcomes")
    changes_uid = models.UUIDField(null=True, blank=True)
    words = models.TextField(_("what do you want, in your own words?"), max_length=2000)
    kind = models.CharField(
        _("is this about change, or staying well?"),
        max_length=10,
        choices=Outcome.Kind.choices,
        default=Outcome.Kind.CHANGE,
    )
    achieve_by = models.DateField(_("by when?"))
    # So outcomes can be counted across people, as for an outcome set in the plan.
    life_area = models.CharField(_("area of life"), max_length=60, blank=True)
    # The outcome this became in the new draft version, once it was started.
    outcome_uid = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.words


class AttainmentLevel(PlanPart):
    """Goal Attainment Scaling: what each level (−2 … +2) of an outcome would look like, in the
    person's words, written when the outcome is set so the review can rate against it. A part of
    the plan (registered by reviews with the plan registry), nested in its outcome."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="attainment_levels")
    level = models.SmallIntegerField(
        _("level"), validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    words = models.TextField(_("what would this look like?"), max_length=1000)

    class Meta(PlanPart.Meta):
        constraints = [
            *PlanPart.Meta.constraints,
            models.UniqueConstraint(
                fields=["outcome", "level"], name="reviews_one_description_per_level"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=-2, level__lte=2),
                name="reviews_attainment_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        """ "+1: Somewhat more than expected": how the level is named on the outcome's page, with
        the person's words beside it."""
        from tandem.reviews.sections import level_words

        return level_words(self.level)

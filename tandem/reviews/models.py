"""Between reviews (issue 7, build item 1): the plan being carried out.

Progress is recorded against an action of an agreed plan by the action's lasting `uid`
(PlanPart.uid, ADR 0004), so an action's history follows it into later versions of the plan. The
latest row for an action is its current status; rows are only ever added.

A review trigger is something that calls for a review before the one scheduled: a contingency
trigger, a change of circumstances or a rise in risk makes an urgent review due (R10); the person
asking for one makes a requested review due (R1).
"""

from django.conf import settings
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

"""Reminders sent by e-mail about what has come due, and each user's choice about them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.people.models import Person


class ReminderPreference(models.Model):
    """How a user wants their reminders. Without a row, the defaults apply (rules.py): staff get
    each reminder in its own e-mail; the person and carers get none until they opt in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    # The person and carers: they asked for reminders by e-mail (staff always get theirs).
    email_reminders = models.BooleanField(default=False)
    # Staff: one e-mail a day listing everything, rather than an e-mail for each reminder.
    daily_digest = models.BooleanField(default=False)
    # Counts saves, so a second tab or an old form never silently overwrites a newer choice.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reminder preference of user {self.user_id}"


class Notification(models.Model):
    """A reminder sent to one user about one due item (`DueItem.key`). Saved in the transaction
    that hands the e-mail to the mail server, so each is sent once however often the sweep runs:
    the unique constraint makes a second run (or a run killed and started again) skip it."""

    class As(models.TextChoices):
        """Why the recipient was reminded: whose work or interest the item is."""

        WORKER = "worker", _("the allocated worker")
        MANAGER = "manager", _("a team manager")
        STAFF = "staff", _("a member of staff")
        PERSON = "person", _("the person")
        CARER = "carer", _("a carer")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recipient_as = models.CharField(max_length=20, choices=As.choices)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    item_key = models.CharField(max_length=200)
    # What was due, in the words the reminder used (no names), and by when.
    what = models.CharField(max_length=300)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    in_digest = models.BooleanField(default=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["person", "-sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "item_key"], name="reminders_once_per_recipient_and_item"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder of {self.item_key} to user {self.recipient_id}"

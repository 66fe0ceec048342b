"""The worklist's own records: each worker's private calendar feed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """A member of staff's private iCalendar feed of what is due for them.

    The feed is read by calendar apps that cannot sign in, so its address carries a secret. Only
    the secret's SHA-256 hash is kept: a copy of the database does not give anyone the feeds.
    Revoking clears the hash (the address answers 404 at once) and keeps the row, so `revision`
    only ever goes up and a form loaded before a revoke can never pass for one loaded after.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # Hex SHA-256 of the secret in the feed's address. NULL while the feed is off: the unique
    # index (which finds a feed by its hash) then holds any number of them.
    token_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    include_names = models.BooleanField(
        _("show people’s names and why each thing is due"),
        default=False,
        help_text=_("Off by default: events say what is due and the person’s local identifier."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the address in use now was made: created, or last renewed.
    issued_at = models.DateTimeField(null=True, blank=True)
    # When a calendar app last read the feed: a read the worker does not expect is worth a renew.
    last_read_at = models.DateTimeField(null=True, blank=True)
    # Counts changes, so a page left open in another window never undoes a newer change.
    revision = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"

    @property
    def is_active(self) -> bool:
        return self.token_hash is not None

"""A worker's private calendar feed: made, renewed, turned off, and read by calendar apps.

Calendar apps cannot sign in, so the feed's address carries a secret. The secret is shown to the
worker once, when it is made, and kept only as its SHA-256 hash: a copy of the database, a
backup or an audit trail gives nobody a feed. A long random secret needs no slow hash (there is
nothing to guess from), and looking the hash up by its unique index gives nothing away by timing.

Each change is one function that checks the revision the page was loaded with (ADR 0002) and
writes its audit event in the same transaction.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.worklist.calendar import ics
from tandem.worklist.due import worklist_for
from tandem.worklist.models import CalendarFeed

# 32 random bytes: 43 characters in the address.
TOKEN_BYTES = 32
# Anything longer is not one of ours: refused before hashing.
TOKEN_MAX_LENGTH = 100


def may_have_calendar(user: User) -> bool:
    """Staff in an organisation (the people with a worklist), while their sign-in is active."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_worker
        and user.organisation_id is not None
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(token: str) -> str:
    """The feed's full address, for the worker to give their calendar app."""
    path = reverse("worklist:calendar_feed", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def calendar_feed_for(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def revision_of(feed: CalendarFeed | None) -> int:
    return feed.revision if feed is not None else 0


def _locked(user: User, revision: int) -> CalendarFeed | None:
    """The user's feed, locked for the change, if it is still as the page showed it."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if revision_of(feed) != revision:
        raise EditConflict(
            _(
                "Your calendar link was changed in another window or tab since this page was "
                "opened. Nothing was changed here: check what is set now, below, and try again."
            ),
            current=feed,
        )
    return feed


@dataclass(frozen=True)
class Issued:
    """A feed just made or renewed, with its address: the only time the address is known."""

    feed: CalendarFeed
    url: str
    renewed: bool


def calendar_link_issue(*, user: User, revision: int) -> Issued:
    """Make the feed's address, or a new one in place of the old, which stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        feed = _locked(user, revision) or CalendarFeed(user=user)
        renewed = feed.is_active
        feed.token_hash = token_hash(token)
        feed.issued_at = timezone.now()
        feed.revision += 1
        try:
            with transaction.atomic():
                feed.save()
        except IntegrityError:
            # Made at the same moment in another window: that one stands.
            raise EditConflict(
                _("Your calendar link was made in another window or tab. Check it below."),
                current=calendar_feed_for(user),
            ) from None
        audit_record(
            actor=user,
            action=AuditAction.CALENDAR_RENEW if renewed else AuditAction.CALENDAR_CREATE,
            summary=_("Renewed their calendar link") if renewed else _("Made a calendar link"),
        )
    return Issued(feed=feed, url=feed_url(token), renewed=renewed)


def calendar_link_revoke(*, user: User, revision: int) -> CalendarFeed:
    """Turn the feed off: its address answers 404 from now on. The names choice is kept."""
    with transaction.atomic():
        feed = _locked(user, revision)
        if feed is None or not feed.is_active:
            raise Refused(_("You have no calendar link to turn off."))
        feed.token_hash = None
        feed.issued_at = None
        feed.revision += 1
        feed.save(update_fields=["token_hash", "issued_at", "revision"])
        audit_record(
            actor=user, action=AuditAction.CALENDAR_REVOKE, summary=_("Turned off their calendar")
        )
    return feed


def calendar_names_set(*, user: User, include_names: bool, revision: int) -> CalendarFeed:
    """Opt in to people's names in the feed's events, or out again (the default)."""
    with transaction.atomic():
        feed = _locked(user, revision)
        if feed is None or not feed.is_active:
            raise Refused(_("Make a calendar link first, then choose whether it shows names."))
        feed.include_names = include_names
        feed.revision += 1
        feed.save(update_fields=["include_names", "revision"])
        audit_record(
            actor=user,
            action=AuditAction.CALENDAR_NAMES,
            summary=_("Chose to show names in their calendar")
            if include_names
            else _("Chose not to show names in their calendar"),
            detail={"include_names": include_names},
        )
    return feed


def calendar_feed_get(token: str) -> CalendarFeed:
    """Fetch and authorise a feed by the secret in its address: 404 for an address that is
    unknown, turned off or renewed, and for a sign-in no longer active or no longer staff."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise Http404
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if feed is None or not may_have_calendar(feed.user):
        raise Http404
    return feed


def calendar_feed_read(*, feed: CalendarFeed, today: date, now: datetime) -> bytes:
    """The feed as a calendar app reads it: everything on the worker's worklist and everything
    known to come due for them, each on its date. Audited (never with the secret), in a fixed
    number of queries however many people and items."""
    entries = worklist_for(feed.user, today, upcoming=True)
    body = ics.calendar_for(
        entries,
        feed_id=feed.pk,
        include_names=feed.include_names,
        stamp=now,
        site_url=settings.SITE_URL,
        time_zone_name=settings.TIME_ZONE,
    )
    with transaction.atomic():
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
        audit_record(
            actor=feed.user,
            action=AuditAction.CALENDAR_VIEW,
            summary=_("Their calendar app read their calendar feed"),
            detail={
                "events": len(entries),
                "include_names": feed.include_names,
                "people": sorted({entry.person.pk for entry in entries}),
            },
        )
    return body

"""A worklist as an iCalendar feed (RFC 5545), built with the `icalendar` library.

One all-day event per item, on the day it is due. The event's UID is the item's stable key, so a
calendar app that reads the feed again updates the event rather than adding a second one; an
item whose date moves gets a new key, and its old event goes.

What an event says about the person, by default: what is due in words with no plan text and no
names (`DueItem.outside`), its date and the person's local identifier. The identifier means nothing
to someone who reads the calendar without Tandem (a family member on a shared phone, an assistant,
the company that syncs the calendar), yet lets the worker tell their events apart and find the
person in Tandem; with nothing at all, twenty events reading "Review of the plan" would push
workers to turn names on just to use the feed. The reason (`DueItem.why`) is left out too, as it
can quote the person's plan ("No hospital admission for 6 months" was due on …): the event links to
Tandem, where it is shown behind the sign-in. A worker who opts in gets names, what is due in the
plan's words, and the reasons in full.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration
from icalendar.enums import TRANSP

from tandem.ui.templatetags.govuk import govuk_date
from tandem.worklist.due import Entry

PRODID = "-//Tandem//Worklist calendar//EN"
# Calendar apps that honour it read the feed again every hour.
REFRESH = timedelta(hours=1)


def host_of(site_url: str) -> str:
    return urlsplit(site_url).hostname or "tandem"


def summary(entry: Entry, *, include_names: bool) -> str:
    """What is due, and for whom: the local identifier; the name, and what is due in the plan's own
    words, only if opted in."""
    person = entry.person
    if include_names:
        return f"{entry.item.what} – {person.full_name} ({person.local_identifier})"
    return f"{entry.item.outside} – {person.local_identifier}"


def description(entry: Entry, *, include_names: bool, url: str) -> str:
    """Why it is due, if opted in (it may quote the plan); else only when, and where to look."""
    if include_names:
        lines = [entry.item.why]
    else:
        lines = [
            _("Due on %(date)s. Sign in to Tandem to see why, and for whom.")
            % {"date": govuk_date(entry.item.due_on)}
        ]
    if entry.escalated:
        lines.append(_("Escalated to you: it is overdue for longer than your organisation allows."))
    lines.append(_("Open it in Tandem: %(url)s") % {"url": url})
    return "\n\n".join(lines)


def event_for(entry: Entry, *, include_names: bool, stamp: datetime, site_url: str) -> Event:
    item = entry.item
    url = urljoin(site_url, item.url)
    return Event.new(
        uid=f"{item.key}@{host_of(site_url)}",
        stamp=stamp,
        start=item.due_on,
        end=item.due_on + timedelta(days=1),
        summary=summary(entry, include_names=include_names),
        description=description(entry, include_names=include_names, url=url),
        url=url,
        # A due date is not a meeting: it leaves the worker free in free/busy look-ups.
        transparency=TRANSP.TRANSPARENT,
    )


def time_zone(name: str, today: date) -> Timezone:
    """The site's time zone, from last year to the year after next. RFC 5545 asks for at least
    one component, so a worker with nothing due still gets a valid calendar; it also tells the
    app which zone the calendar is in (the events themselves are all-day dates, in no zone)."""
    return Timezone.from_tzid(
        name, first_date=date(today.year - 1, 1, 1), last_date=date(today.year + 2, 1, 1)
    )


def calendar_for(
    entries: Sequence[Entry],
    *,
    feed_id: int,
    include_names: bool,
    stamp: datetime,
    site_url: str,
    time_zone_name: str,
) -> bytes:
    """The whole feed, as the bytes to send (CRLF line endings, lines folded at 75 octets)."""
    calendar = Calendar.new(
        prodid=PRODID,
        calscale="GREGORIAN",
        name=_("Tandem: what is due"),
        uid=f"calendar-{feed_id}@{host_of(site_url)}",
        subcomponents=[
            time_zone(time_zone_name, stamp.date()),
            *(
                event_for(entry, include_names=include_names, stamp=stamp, site_url=site_url)
                for entry in entries
            ),
        ],
    )
    calendar.add("X-WR-TIMEZONE", time_zone_name)
    # How often to read the feed again: RFC 7986, and the older name Outlook reads.
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    return calendar.to_ical()

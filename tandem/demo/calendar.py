"""The demo worker's private calendar feed, at an address printed by `load_demo` and given in
README.md, so anyone trying Tandem can add it to a calendar app without making one first.

Demo only: a real feed's secret is random, shown once and never written down (see
tandem/worklist/calendar/services.py). This one is published, so it guards nothing: the demo holds
synthetic data only. Stored the same way as a real one (only its hash), so it works, renews and
turns off like one.
"""

from django.utils import timezone

from tandem.accounts.models import User
from tandem.worklist.calendar.services import feed_url, token_hash
from tandem.worklist.models import CalendarFeed

# Published on purpose, for the demonstration: never a real feed's secret.
DEMO_CALENDAR_TOKEN = "demo-worker-synthetic-calendar-not-a-secret"


def create_calendar_feed(*, worker: User) -> str:
    """Give the demo worker a feed at the published address; returns its full address."""
    CalendarFeed.objects.create(
        user=worker,
        token_hash=token_hash(DEMO_CALENDAR_TOKEN),
        issued_at=timezone.now(),
        revision=1,
    )
    return feed_url(DEMO_CALENDAR_TOKEN)

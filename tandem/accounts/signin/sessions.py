"""What a sign-in keeps in the session: when it began, when it was last used, its limits, and
that the second factor was given. Written and read only here.

The organisation's limits are copied in at sign-in, so that no page pays a query to read them;
a change to the settings applies from each user's next sign-in.
"""

import datetime

from django.contrib.sessions.backends.base import SessionBase
from django_otp import DEVICE_ID_SESSION_KEY

from tandem.accounts.signin.rules import has_idle_timeout, needs_second_factor

SIGNED_IN_AT = "tandem_signed_in_at"
LAST_SEEN = "tandem_last_seen"
IDLE_MINUTES = "tandem_idle_minutes"
LIMIT_HOURS = "tandem_limit_hours"
# The last-seen time is written at most this often, so most pages save no session.
LAST_SEEN_RESOLUTION = datetime.timedelta(seconds=60)
# A user without an organisation (an operator) gets the defaults.
DEFAULT_IDLE_MINUTES = 30
DEFAULT_LIMIT_HOURS = 12


def session_begin(session: SessionBase, user, now: datetime.datetime) -> None:
    """Start the clocks of a new sign-in (after the password)."""
    organisation = user.organisation
    idle = organisation.idle_timeout_minutes if organisation else DEFAULT_IDLE_MINUTES
    session[SIGNED_IN_AT] = now.timestamp()
    session[LAST_SEEN] = now.timestamp()
    session[IDLE_MINUTES] = idle if has_idle_timeout(user) else None
    session[LIMIT_HOURS] = organisation.session_limit_hours if organisation else DEFAULT_LIMIT_HOURS


def session_clocks(session: SessionBase) -> dict | None:
    """The clocks for rules.session_ending, or None for a session no sign-in started here."""
    if SIGNED_IN_AT not in session:
        return None
    return {
        "signed_in_at": _when(session[SIGNED_IN_AT]),
        "last_seen": _when(session[LAST_SEEN]),
        "idle_minutes": session[IDLE_MINUTES],
        "limit_hours": session[LIMIT_HOURS],
    }


def session_seen(session: SessionBase, now: datetime.datetime) -> None:
    """Note activity, at most once a minute."""
    if now - _when(session[LAST_SEEN]) >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now.timestamp()


def second_factor_given(session: SessionBase) -> bool:
    return DEVICE_ID_SESSION_KEY in session


def signed_in_fully(request) -> bool:
    """Signed in, with the second factor given by those who need one."""
    return request.user.is_authenticated and (
        not needs_second_factor(request.user) or second_factor_given(request.session)
    )


def _when(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)

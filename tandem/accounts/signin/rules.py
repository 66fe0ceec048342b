"""Who must give a second factor, and when a session has run out: plain rules, one place."""

import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from tandem.accounts.models import STAFF_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tandem.accounts.models import User

# Staff (workers and team managers) and administrators see or manage many people's records, so a
# stolen password alone must not open them. People, carers and providers see only their own part.
SECOND_FACTOR_ROLES = frozenset({*STAFF_ROLES, Role.ADMINISTRATOR})


def needs_second_factor(user: "User | AnonymousUser") -> bool:
    """Staff, administrators and operators (superusers) sign in with a second factor."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in SECOND_FACTOR_ROLES))


def has_idle_timeout(user: "User | AnonymousUser") -> bool:
    """Staff leave sessions open on shared office computers: theirs end when left idle too."""
    return needs_second_factor(user)


class Ending(StrEnum):
    IDLE = "idle"
    LIMIT = "limit"


def session_ending(
    *,
    now: datetime.datetime,
    signed_in_at: datetime.datetime,
    last_seen: datetime.datetime,
    idle_minutes: int | None,
    limit_hours: int,
) -> Ending | None:
    """Why a session has run out, or None while it may go on.

    The absolute limit applies to everyone, whatever they do; the idle timeout only when given
    (staff). A clock that went backwards ends nothing."""
    if now - signed_in_at >= datetime.timedelta(hours=limit_hours):
        return Ending.LIMIT
    if idle_minutes is not None and now - last_seen >= datetime.timedelta(minutes=idle_minutes):
        return Ending.IDLE
    return None

"""Who gets reminders and how: pure rules, with no database.

- Staff always get reminders about their own work (the worklist's `is_for` decides which): the
  statutory timescales (R1, R3, R8) must not slip because an e-mail was turned off. They choose
  an e-mail for each reminder, or one daily digest.
- The person and carers (with the person's consent to share) get reminders only once they have
  opted in, and only about what is theirs to know or do: their review coming up (R1) and being
  asked about it beforehand (R3). Everything found for them in one sweep comes in one e-mail.
- Nobody without an e-mail address gets anything; providers and administrators get none.
"""

import datetime
from enum import StrEnum
from typing import Protocol

from tandem.accounts.models import Role

# The due items the person and carers are told about (tandem.worklist.due kinds). The rest is the
# worker's or the manager's to do (recording a review, sending its copy, decisions).
FOR_THE_PERSON = frozenset({"review", "consultation"})
# Who may opt in to reminders about a person's plan.
OPT_IN_ROLES = frozenset({Role.PERSON, Role.CARER})


class Delivery(StrEnum):
    SINGLE = "single"  # an e-mail for each reminder
    DIGEST = "digest"  # one e-mail a sweep listing them all


class Recipient(Protocol):
    email: str
    role: str
    is_active: bool

    @property
    def is_worker(self) -> bool: ...


class Preference(Protocol):
    email_reminders: bool
    daily_digest: bool


def may_choose(user: Recipient) -> bool:
    """Whether the reminders page offers this user a choice: staff, the person and carers."""
    return user.is_worker or user.role in OPT_IN_ROLES


def gets_reminders(user: Recipient, preference: Preference | None) -> bool:
    """Staff always; the person and carers only when they opted in. Never without an address."""
    if not user.is_active or not user.email:
        return False
    if user.is_worker:
        return True
    return user.role in OPT_IN_ROLES and preference is not None and preference.email_reminders


def delivery(user: Recipient, preference: Preference | None) -> Delivery:
    """Staff choose; the person and carers get one e-mail with everything found for them, so the
    review and the consultation before it (due the same day) come together."""
    if not user.is_worker:
        return Delivery.DIGEST
    return (
        Delivery.DIGEST if preference is not None and preference.daily_digest else Delivery.SINGLE
    )


def next_sweep_at(now: datetime.datetime, at: datetime.time) -> datetime.datetime:
    """The next time of day `at` after `now`, in `now`'s time zone (the sweep's morning run)."""
    candidate = datetime.datetime.combine(now.date(), at, tzinfo=now.tzinfo)
    if candidate <= now:
        candidate = datetime.datetime.combine(
            now.date() + datetime.timedelta(days=1), at, tzinfo=now.tzinfo
        )
    return candidate

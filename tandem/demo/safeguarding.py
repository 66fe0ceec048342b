"""Two demo safeguarding concerns (P11): one a manager has acknowledged, one still awaiting it.

Raised and acknowledged through the people services, so each is validated, audited and alerted
like a real one: the alert is queued for the demo manager's example.org address, and `make run`'s
task worker sends it (the default console e-mail backend prints it). Only the times are moved
back afterwards, so the demo reads as days that have passed. Everything here is invented.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from tandem.accounts.models import User
from tandem.people.models import Person, SafeguardingReferral
from tandem.people.services import safeguarding_acknowledge, safeguarding_raise


@dataclass(frozen=True)
class Concern:
    identifier: str  # the person's local identifier (people.py)
    raised_by: str  # a demo username
    days_ago: int
    concern: str
    immediate_risk: bool = False
    acknowledged: str = ""  # what the manager recorded as done; empty: awaiting acknowledgement
    acknowledged_after_hours: int = 0


CONCERNS = (
    Concern(
        "DEMO-0002",
        "demo-provider",
        9,
        "Our carer found Margaret without her pension card again. She said a neighbour "
        "takes it to the shop for her and she has not had any change back for three weeks.",
        acknowledged="Rang Margaret and her son Peter the same afternoon. Referred to the adult "
        "protection team as possible financial abuse; the bank has stopped the card and sent a "
        "new one to Peter. Case discussion with Sam booked for next week.",
        acknowledged_after_hours=3,
    ),
    Concern(
        "DEMO-0010",
        "demo-worker",
        1,
        "On my home visit Tomasz had a burn on the back of his hand. He said his flatmate "
        "“gets angry when the money runs out” and asked me not to tell anyone.",
    ),
)


def create_concerns(*, users: dict[str, User], now: datetime | None = None) -> None:
    now = now or timezone.now()
    for row in CONCERNS:
        person = Person.objects.get(
            organisation=users["demo-manager"].organisation, local_identifier=row.identifier
        )
        referral = safeguarding_raise(
            person=person,
            plan=None,
            concern=row.concern,
            immediate_risk=row.immediate_risk,
            actor=users[row.raised_by],
        )
        raised_at = now - timedelta(days=row.days_ago)
        SafeguardingReferral.objects.filter(pk=referral.pk).update(raised_at=raised_at)
        if row.acknowledged:
            safeguarding_acknowledge(
                referral=referral, actor=users["demo-manager"], action_taken=row.acknowledged
            )
            SafeguardingReferral.objects.filter(pk=referral.pk).update(
                acknowledged_at=raised_at + timedelta(hours=row.acknowledged_after_hours)
            )

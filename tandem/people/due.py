"""What the people app says is due (tandem.worklist.due): a safeguarding concern waiting for a
team manager to acknowledge it (P11).

The managers of the person's team see each concern to acknowledge, urgent when someone is at
immediate risk; whoever raised it sees it too, waiting, until a manager has acknowledged it. A
concern is due the day it was raised: safeguarding comes first, so it is never "upcoming"."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import Role
from tandem.people.models import Person, SafeguardingReferral
from tandem.worklist.due import Audience, DueItem, registry


def safeguarding_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """Each concern not yet acknowledged: one to acknowledge for the team's managers, and one
    waiting for whoever raised it (unless they are a team manager, who has the first). Off the
    list once a manager acknowledges it. One query."""
    referrals = (
        SafeguardingReferral.objects.filter(
            person_id__in=[p.pk for p in people], acknowledged_at__isnull=True
        )
        .select_related("raised_by")
        .only("pk", "person_id", "raised_at", "immediate_risk", "raised_by__id", "raised_by__role")
        .order_by("pk")
    )
    for referral in referrals:
        raised_on = timezone.localdate(referral.raised_at)
        url = reverse("people:safeguarding_referral", args=[referral.person_id, referral.pk])
        urgent = referral.immediate_risk
        yield DueItem(
            kind="safeguarding",
            key=f"safeguarding:{referral.pk}",
            person_id=referral.person_id,
            due_on=raised_on,
            what=_("Acknowledge a safeguarding concern (someone is at immediate risk)")
            if urgent
            else _("Acknowledge a safeguarding concern"),
            why=_(
                "A safeguarding concern goes to the organisation's safeguarding procedure at "
                "once, and a team manager records what was done (P11)"
            ),
            url=url,
            urgent=urgent,
            audience=Audience.MANAGER,
        )
        if referral.raised_by.role != Role.TEAM_MANAGER:
            yield DueItem(
                kind="safeguarding_raised",
                key=f"safeguarding_raised:{referral.pk}",
                person_id=referral.person_id,
                due_on=raised_on,
                what=_("Your safeguarding concern is waiting for a team manager"),
                why=_(
                    "A team manager acknowledges each concern and records what was done; until "
                    "then, follow your organisation's safeguarding procedure (P11)"
                ),
                url=url,
                urgent=urgent,
                for_user_id=referral.raised_by_id,
            )


def register() -> None:
    registry.register(
        safeguarding_due,
        {
            "safeguarding": gettext_lazy("Safeguarding concerns to acknowledge"),
            "safeguarding_raised": gettext_lazy("Safeguarding concerns you raised"),
        },
    )

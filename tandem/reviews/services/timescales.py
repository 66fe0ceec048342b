"""The organisation's review timescales (R1, R2, R3, R8, R11): an administrator's setting.

The guidance's timescales are the longest allowed: an organisation may review more often (a
shorter interval) but never less often than R1, R8 and R11 say."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import Organisation, Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict


@dataclass(frozen=True)
class Setting:
    name: str
    low: int
    high: int  # the rule's own timescale, where a rule sets the longest allowed


# Each setting's allowed range; the form's messages say why for those a rule caps.
SETTINGS = (
    Setting("first_review_weeks", 1, 26),
    Setting("review_interval_months", 1, 12),  # R1: at least every 12 months
    Setting("direct_payment_review_months", 1, 6),  # R11: within the first 6 months
    Setting("consultation_weeks", 1, 12),
    Setting("review_copy_weeks", 1, 3),  # R8: within 3 weeks
    Setting("deadline_lead_weeks", 0, 26),
)
NAMES = tuple(setting.name for setting in SETTINGS)


def may_set_timescales(user: User) -> bool:
    """The organisation's administrator, not the staff who work to the timescales."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def timescales_update(
    *, organisation: Organisation, data: dict[str, Any], revision: int, actor: User
) -> Organisation:
    """Save the timescales; every review date follows them at once (they are read, not stored).

    Refused with EditConflict when another administrator saved since this form was loaded."""
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if locked.timescales_revision != revision:
            raise EditConflict(
                _(
                    "Someone else changed the review timescales while you were editing them. "
                    "What is saved now is shown below: check it, then save again to keep your "
                    "numbers."
                ),
                current=locked,
            )
        before = {name: getattr(locked, name) for name in NAMES}
        for name in NAMES:
            setattr(locked, name, data[name])
        locked.timescales_revision += 1
        locked.save(update_fields=[*NAMES, "timescales_revision"])
        audit_record(
            actor=actor,
            action=AuditAction.TIMESCALES_CHANGE,
            summary=_("Changed the review timescales"),
            detail={
                "changed": {
                    name: [before[name], data[name]] for name in NAMES if before[name] != data[name]
                }
            },
        )
    return locked

"""Writes of the reminders app: a user's own reminder settings."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.reminders import rules
from tandem.reminders.models import ReminderPreference

CONFLICT = _(
    "Your reminder settings were changed in another window or tab while this page was open. "
    "What is saved now is shown below: choose again and save to change it."
)


def reminder_preference_update(
    *, user: User, revision: int, email_reminders: bool = False, daily_digest: bool = False
) -> ReminderPreference:
    """Save the user's own choice: staff a daily digest or not, the person and carers whether
    they want reminders at all. `revision` is what the form was loaded with (0: nothing saved
    yet); a save over a newer one is refused with EditConflict. Audited."""
    if not rules.may_choose(user) or user.organisation_id is None:
        raise Refused(_("Tandem does not send reminders to your role."))
    if email_reminders and not user.email:
        raise Refused(_("You need an e-mail address on your account to get reminders."))
    with transaction.atomic():
        current = ReminderPreference.objects.select_for_update().filter(user=user).first()
        if (current.revision if current else 0) != revision:
            raise EditConflict(CONFLICT, current=current)
        preference = current or ReminderPreference(
            user=user, organisation_id=user.organisation_id, revision=0
        )
        before = {
            "email_reminders": preference.email_reminders,
            "daily_digest": preference.daily_digest,
        }
        if user.is_worker:
            preference.daily_digest = daily_digest
        else:
            preference.email_reminders = email_reminders
        preference.revision += 1
        try:
            with transaction.atomic():
                preference.save()
        except IntegrityError:
            # The first save of this user's settings, made twice at once: the other one won.
            raise EditConflict(
                CONFLICT, current=ReminderPreference.objects.filter(user=user).first()
            ) from None
        after = {
            "email_reminders": preference.email_reminders,
            "daily_digest": preference.daily_digest,
        }
        audit_record(
            actor=user,
            action=AuditAction.REMINDERS_CHANGE,
            summary=_("Changed their reminder settings"),
            detail={"changed": {k: [before[k], after[k]] for k in after if before[k] != after[k]}},
        )
    return preference

"""Reads of the reminders sent and of a user's reminder settings."""

from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.people.models import Person
from tandem.reminders.models import Notification, ReminderPreference
from tandem.reviews.history import Event
from tandem.ui.templatetags.govuk import govuk_date

# The most recent reminders shown on a person's progress page (years of them would be hundreds).
TIMELINE_LIMIT = 200


def reminder_events(person: Person) -> list[Event]:
    """Each reminder sent about the person, for their progress page: to whom, as what, about
    what (one query)."""
    sent = (
        Notification.objects.filter(person=person)
        .select_related("recipient")
        .order_by("-sent_at", "-id")[:TIMELINE_LIMIT]
    )
    return [Event(at=n.sent_at, text=_describe(n)) for n in sent]


def _describe(notification: Notification) -> str:
    values = {
        "what": notification.what,
        "date": govuk_date(notification.due_on),
        "name": notification.recipient.display_name,
        "as": notification.get_recipient_as_display(),
    }
    if notification.recipient_as == Notification.As.PERSON:
        text = _("Reminder sent to the person about: %(what)s (due by %(date)s)") % values
    else:
        text = _("Reminder sent to %(name)s, %(as)s, about: %(what)s (due by %(date)s)") % values
    if notification.in_digest:
        text += _(", with their other reminders in one e-mail")
    return text


def preference_for(user: User) -> ReminderPreference | None:
    return ReminderPreference.objects.filter(user=user).first()

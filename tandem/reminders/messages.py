"""The reminder e-mails. They leave the organisation's systems, so they carry no names and nothing
about the person beyond what the recipient needs to act: what is due, by when, and a link to it
behind the sign-in. Staff e-mails give the person's local identifier, as the safeguarding alert
does (tandem/people/tasks.py), so a worker can tell one person's reminder from another's; the
person's and carers' e-mails give nothing that identifies anyone.

The person's e-mail follows their preferred formats where an e-mail can: easy-read wording, large
text (an HTML part) for large print, and a note that their worker can give it in audio or braille.
"""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import User
from tandem.people.models import Person
from tandem.reminders import rules
from tandem.reminders.models import Notification
from tandem.ui.templatetags.govuk import govuk_date

if TYPE_CHECKING:
    from tandem.reminders.sweep import Reminder


def link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _when(reminder: "Reminder", today: date) -> str:
    due = govuk_date(reminder.item.due_on)
    if reminder.item.is_overdue(today):
        return _("overdue: it was due by %(date)s") % {"date": due}
    return _("due by %(date)s") % {"date": due}


STAFF_AS = {
    Notification.As.WORKER: _("the person’s allocated worker"),
    Notification.As.MANAGER: _("a manager of the person’s team"),
    Notification.As.STAFF: _("a member of staff"),
}


def staff_single(reminder: "Reminder", today: date) -> tuple[str, str]:
    item = reminder.item
    subject = _("Tandem reminder: %(what)s, %(when)s") % {
        "what": item.outside,
        "when": _when(reminder, today),
    }
    lines = [
        _("A reminder from Tandem about the person with local identifier %(identifier)s.")
        % {"identifier": reminder.person.local_identifier},
        "",
        item.outside,
        _("It is %(when)s.") % {"when": _when(reminder, today)},
        "",
        _("Do it in Tandem:"),
        link(reminder.path),
        "",
        _("You get this as %(as)s.") % {"as": STAFF_AS[reminder.recipient_as]},
        _(
            "To get one e-mail a day listing all your reminders instead, change your reminder "
            "settings:"
        ),
        link(reverse("reminders:settings")),
    ]
    return subject, "\n".join(lines)


def staff_digest(reminders: Sequence["Reminder"], today: date) -> tuple[str, str]:
    count = len(reminders)
    subject = ngettext(
        "Tandem: %(count)s reminder today", "Tandem: %(count)s reminders today", count
    ) % {"count": count}
    lines = [_("Your reminders from Tandem today, most urgent first:"), ""]
    for number, reminder in enumerate(reminders, start=1):
        lines += [
            _("%(number)s. %(what)s (person %(identifier)s), %(when)s")
            % {
                "number": number,
                "what": reminder.item.outside,
                "identifier": reminder.person.local_identifier,
                "when": _when(reminder, today),
            },
            "   " + link(reminder.path),
        ]
    lines += [
        "",
        _(
            "You chose one e-mail a day. To get an e-mail for each reminder instead, change your "
            "reminder settings:"
        ),
        link(reverse("reminders:settings")),
    ]
    return subject, "\n".join(lines)


# What the person and carers are told about each kind (rules.FOR_THE_PERSON), in plain English:
# (to the person, to the person in easy read, to a carer).
FOR_THE_PERSON_WORDS = {
    "review": (
        _(
            "Your support plan is due to be reviewed by %(date)s. At a review you, and the "
            "people you choose, look at how your plan is going and what should change."
        ),
        _(
            "Your plan will be looked at again soon.\nThis is called a review.\n"
            "It will happen by %(date)s."
        ),
        _(
            "The support plan of someone you care for is due to be reviewed by %(date)s. You can "
            "help them get ready for it."
        ),
    ),
    "consultation": (
        _(
            "Before your review, your worker will ask you who you would like to be there and what "
            "matters to you. You can tell them in Tandem now."
        ),
        _(
            "Before your review, we want to know:\n- who you want to be there\n"
            "- what matters to you\nYou can tell us in Tandem."
        ),
        _(
            "Before the review, the person you care for will be asked who they would like to be "
            "there and what matters to them."
        ),
    ),
}

OTHER_FORMATS = {
    Person.Format.AUDIO: _(
        "You asked for things as an audio summary. Your worker can give you this reminder that way."
    ),
    Person.Format.BRAILLE: _(
        "You asked for things in braille. Your worker can give you this reminder in braille."
    ),
}


def _formats(reminders: Sequence["Reminder"]) -> set[str]:
    """The person's own preferred formats (a carer's e-mail is standard)."""
    if reminders[0].recipient_as != Notification.As.PERSON:
        return set()
    return set(reminders[0].person.preferred_formats or [])


def for_the_person(reminders: Sequence["Reminder"]) -> tuple[str, str, str | None]:
    """The person's or a carer's e-mail: what is coming up, in plain English, and where to see
    it; with large text as well when the person asked for large print."""
    formats = _formats(reminders)
    carer = reminders[0].recipient_as == Notification.As.CARER
    if carer:
        subject = _("A reminder from Tandem about a support plan you help with")
    else:
        subject = _("A reminder from Tandem about your support plan")
    column = 2 if carer else 1 if Person.Format.EASY_READ in formats else 0
    lines = [_("Hello,"), ""]
    paths = {r.path for r in reminders}
    for reminder in reminders:
        words = FOR_THE_PERSON_WORDS[reminder.item.kind][column]
        lines += [words % {"date": govuk_date(reminder.item.due_on)}, ""]
        if len(paths) > 1:
            lines += [link(reminder.path), ""]
    if len(paths) == 1:
        lines += [_("Sign in to Tandem to see more:"), link(reminders[0].path), ""]
    lines += [str(OTHER_FORMATS[f]) for f in OTHER_FORMATS if f in formats]
    lines += [
        _("You asked for reminders by e-mail. To stop them, change your reminder settings:"),
        link(reverse("reminders:settings")),
    ]
    body = "\n".join(lines)
    html = None
    if Person.Format.LARGE_PRINT in formats:
        html = (
            '<div style="font-size: 24px; line-height: 1.5; font-family: Arial, sans-serif">'
            f"{linebreaks(body, autoescape=True)}</div>"
        )
    return subject, body, html


def compose(reminders: Sequence["Reminder"], today: date) -> tuple[str, str, str | None]:
    """The e-mail for these reminders to one recipient: subject, text and any HTML part."""
    first = reminders[0]
    if first.recipient_as in (Notification.As.PERSON, Notification.As.CARER):
        return for_the_person(reminders)
    if len(reminders) == 1 and first.delivery == rules.Delivery.SINGLE:
        return (*staff_single(first, today), None)
    return (*staff_digest(reminders, today), None)


def send(recipient: User, reminders: Sequence["Reminder"], today: date) -> None:
    subject, body, html = compose(reminders, today)
    message = EmailMultiAlternatives(subject, body, to=[recipient.email])
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()

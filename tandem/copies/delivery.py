"""How a copy reaches its recipient: the email that carries it, and the covering letter that
goes in the envelope with a copy sent by post."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.copies.models import Copy


def copy_what(copy: Copy) -> str:
    """What the copy is a copy of, in a sentence."""
    if copy.issue_id:
        return _("%(name)s’s support plan") % {"name": copy.person.known_as}
    return _("%(name)s’s review record") % {"name": copy.person.known_as}


def download_url(copy: Copy) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("copies:download", args=[copy.pk])


def copy_email(copy: Copy, content: bytes) -> None:
    """Email the copy: a PDF is attached; audio is a link behind sign-in (a sound file is too
    big for many inboxes, and the player is on the person's page). Audited (by the system)."""
    audio = copy.form == "audio"
    body = render_to_string(
        "copies/email.txt",
        {"copy": copy, "what": copy_what(copy), "audio": audio, "url": download_url(copy)},
    )
    message = EmailMessage(
        subject=_("Your copy of %(what)s") % {"what": copy_what(copy)},
        body=body,
        to=[copy.email],
    )
    if not audio:
        message.attach(copy.filename, content, copy.media_type)
    message.send()
    audit_record(
        actor=None,
        action=AuditAction.COPY_EMAIL,
        summary=_("Emailed a %(form)s copy to %(name)s")
        % {"form": copy.get_form_display().lower(), "name": copy.recipient_name},
        person=copy.person,
        plan=copy.plan,
        detail={"copy": copy.pk, "attached": not audio},
    )


def covering_letter_pdf(copy: Copy, enclosed: list[Copy]) -> bytes:
    """A printable letter to go in the envelope: the recipient's address where a window
    envelope shows it, and the list of what is enclosed."""
    html = render_to_string(
        "copies/letter.html",
        {
            "copy": copy,
            "what": copy_what(copy),
            "enclosed": enclosed,
            "address_lines": [line for line in copy.postal_address.splitlines() if line.strip()],
            "organisation": copy.person.organisation,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()

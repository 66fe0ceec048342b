"""Background work for copies: making each copy and sending it the chosen way.

Safe to run twice (docs/adr/0005-background-tasks.md): a copy is claimed before it is made, and
one already made is left alone. A copy left "being made" by a worker that was killed is made when
the task runs again (the worker queues it again); two runs at once make the same bytes, and its
email is claimed before it is sent, so it goes once.
"""

import hashlib
import logging

from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.copies import delivery
from tandem.copies.models import Copy, CopyContent
from tandem.documents import render
from tandem.documents.audio import SpeechError
from tandem.people.models import Delivery

logger = logging.getLogger(__name__)

# What each route leaves the copy as once it is made.
MADE_STATUS = {
    Delivery.SIGN_IN: Copy.Status.READY,
    Delivery.EMAIL: Copy.Status.EMAILED,
    Delivery.POST: Copy.Status.TO_POST,
}


def _failed(copy_id: int, reason: str) -> None:
    Copy.objects.filter(pk=copy_id).update(
        status=Copy.Status.FAILED, failure=reason[:500], made_at=None
    )


@task
def copy_make(copy_id: int) -> str:
    """Make the copy from its saved source, keep its bytes and hash, and send it; returns the
    copy's status."""
    if not Copy.objects.filter(
        pk=copy_id, status__in=[Copy.Status.QUEUED, Copy.Status.RENDERING]
    ).update(status=Copy.Status.RENDERING, attempts=F("attempts") + 1):
        return "claimed elsewhere"
    copy = Copy.objects.select_related("person", "recipient_user").get(pk=copy_id)
    try:
        rendered = render.render_copy(copy.source, copy.form)
    except render.UnknownForm:
        logger.exception("Copy %s: no renderer for this form", copy_id)
        _failed(
            copy_id,
            _("Tandem cannot make a copy of this in %(form)s yet. Choose another form.")
            % {"form": copy.get_form_display().lower()},
        )
        return Copy.Status.FAILED
    except SpeechError:
        logger.exception("Copy %s: the audio could not be made", copy_id)
        _failed(
            copy_id,
            _(
                "The audio could not be made: the speech tools on the server are missing or did "
                "not finish. Try again; if it fails again, tell your administrator."
            ),
        )
        return Copy.Status.FAILED
    except Exception:
        logger.exception("Copy %s could not be made", copy_id)
        _failed(
            copy_id,
            _(
                "Something went wrong while the copy was being made. Try again; if it fails "
                "again, tell your administrator."
            ),
        )
        return Copy.Status.FAILED
    CopyContent.objects.update_or_create(copy=copy, defaults={"data": rendered.content})
    copy.media_type = rendered.media_type
    copy.extension = rendered.extension
    copy.size = len(rendered.content)
    copy.sha256 = hashlib.sha256(rendered.content).hexdigest()
    copy.made_at = timezone.now()
    Copy.objects.filter(pk=copy_id).update(
        media_type=copy.media_type,
        extension=copy.extension,
        size=copy.size,
        sha256=copy.sha256,
        made_at=copy.made_at,
    )
    if copy.route == Delivery.EMAIL:
        if not Copy.objects.filter(
            pk=copy_id, status=Copy.Status.RENDERING, delivered_at__isnull=True
        ).update(delivered_at=timezone.now()):
            return "emailed elsewhere"
        try:
            delivery.copy_email(copy, rendered.content)
        except Exception:
            logger.exception("Copy %s could not be emailed", copy_id)
            Copy.objects.filter(pk=copy_id).update(delivered_at=None)
            _failed(
                copy_id,
                _(
                    "The copy was made but the email could not be sent. Check the email address, "
                    "then try again."
                ),
            )
            return Copy.Status.FAILED
    status = MADE_STATUS[Delivery(copy.route)]
    delivered = timezone.now() if status != Copy.Status.TO_POST else None
    Copy.objects.filter(pk=copy_id).update(status=status, delivered_at=delivered)
    return status

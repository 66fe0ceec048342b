"""Copies made straight in the database, in any state, for tests that are not about making them."""

import hashlib

from django.utils import timezone

from tandem.copies.models import Copy, CopyContent
from tandem.documents import render
from tandem.people.models import Delivery

PDF = b"%PDF-1.7\n% a test copy\n"


def make_copy(
    issue,
    *,
    form: str = "standard",
    route: str = Delivery.SIGN_IN,
    status: str = Copy.Status.READY,
    recipient_user=None,
    recipient_key: str = "person",
    content: bytes = PDF,
    **extra,
) -> Copy:
    """A copy of an issued plan for the person (by default), made and delivered."""
    made = status not in {Copy.Status.QUEUED, Copy.Status.RENDERING, Copy.Status.FAILED}
    audio = form == "audio"
    copy = Copy.objects.create(
        organisation_id=issue.organisation_id,
        person_id=issue.plan.person_id,
        plan_id=issue.plan_id,
        issue=issue,
        form=form,
        recipient_key=recipient_key,
        recipient_name=extra.pop("recipient_name", "Priya Patel"),
        recipient_role=extra.pop("recipient_role", "The person"),
        recipient_user=recipient_user,
        route=route,
        postal_address=extra.pop("postal_address", "1 High Street\nRiverside\nRV1 1AA")
        if route == Delivery.POST
        else "",
        source=render.plan_copy_source(issue),
        status=status,
        sent_by=issue.issued_by,
        media_type=("audio/mpeg" if audio else "application/pdf") if made else "",
        extension=("mp3" if audio else "pdf") if made else "",
        size=len(content) if made else 0,
        sha256=hashlib.sha256(content).hexdigest() if made else "",
        made_at=timezone.now() if made else None,
        failure="Something went wrong while the copy was being made."
        if status == Copy.Status.FAILED
        else "",
        **extra,
    )
    if made:
        CopyContent.objects.create(copy=copy, data=content)
    return copy

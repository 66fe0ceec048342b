"""Copies in the demo (issue 10): Margaret Thistlewood (demo-review-due) asked for her plan in
easy read with an audio version, behind her sign-in, and a standard copy for her files came by
post; her son Peter had his by email, and an easy read one to go through with her waits to be
posted; a copy for the district nurses could not be made. So every state of a copy is there to
see: ready, sent by email, waiting to be posted, posted and failed.

The demo person (demo-person) is still writing his own first plan, so no copy of it has been
issued: Margaret's is the person's side of copies. Sign in as demo-review-due to download her
easy read copy and listen to its audio.

Each form is rendered once (a copy of the same plan in the same form is the same bytes), so
loading the demo renders three files (easy read, its audio, standard), not six. Nothing is
emailed while the demo loads: the email copy is recorded as sent.
"""

import hashlib
import json
from datetime import timedelta

from django.utils import timezone

from tandem.accounts.models import User
from tandem.copies import services
from tandem.copies.models import Copy, CopyContent
from tandem.copies.recipients import recipients_for
from tandem.documents import render
from tandem.people.models import Delivery, Person
from tandem.plans.models import PlanIssue

MARGARET = "DEMO-0002"
PETER_EMAIL = "peter.thistlewood@example.org"
NURSES = "Sampletown District Nurses"


def _prepare(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(
        preferred_formats=[Person.Format.EASY_READ, Person.Format.AUDIO],
        copies_by=Delivery.SIGN_IN,
        communication_needs="Since her stroke long letters tire her: easy read, and an audio "
        "version she can listen to on her tablet.",
    )
    person.circle.filter(name="Peter Thistlewood").update(
        email=PETER_EMAIL,
        address="14 Example Street, Sampletown",
        copies_by=Delivery.EMAIL,
        preferred_formats=[Person.Format.STANDARD],
    )
    person.circle.filter(name=NURSES).update(
        address="The Health Centre, 1 Surgery Lane, Sampletown"
    )
    person.refresh_from_db()


def _make(copy: Copy, status: str, rendered: dict, *, when) -> None:
    """Render (once per source and form) and record the copy as the background task would."""
    key = (json.dumps(copy.source, sort_keys=True, default=str), copy.form)
    try:
        if key not in rendered:
            rendered[key] = render.render_copy(copy.source, copy.form)
    except render.UnknownForm:
        status = Copy.Status.FAILED
    made = rendered.get(key)
    if status == Copy.Status.FAILED or made is None:
        Copy.objects.filter(pk=copy.pk).update(
            status=Copy.Status.FAILED,
            attempts=1,
            failure="Something went wrong while the copy was being made. Try again; if it fails "
            "again, tell your administrator.",
        )
        return
    CopyContent.objects.create(copy=copy, data=made.content)
    Copy.objects.filter(pk=copy.pk).update(
        status=status,
        attempts=1,
        media_type=made.media_type,
        extension=made.extension,
        size=len(made.content),
        sha256=hashlib.sha256(made.content).hexdigest(),
        made_at=when,
        delivered_at=None if status == Copy.Status.TO_POST else when,
    )


def create_copies(*, users: dict[str, User]) -> list[Copy]:
    worker = users["demo-worker"]
    person = Person.objects.get(local_identifier=MARGARET)
    _prepare(person)
    issue = PlanIssue.objects.filter(plan__person=person).select_related("plan").latest("pk")
    people = {r.name: r for r in recipients_for(person)}
    margaret, peter, nurses = people[person.full_name], people["Peter Thistlewood"], people[NURSES]
    choices = [
        services.Choice(margaret, [Person.Format.EASY_READ, Person.Format.AUDIO], Delivery.SIGN_IN),
        services.Choice(margaret, [Person.Format.STANDARD], Delivery.POST),
        services.Choice(peter, [Person.Format.STANDARD], Delivery.EMAIL),
        services.Choice(peter, [Person.Format.EASY_READ], Delivery.POST),
        services.Choice(nurses, [Person.Format.STANDARD], Delivery.POST),
    ]
    made: list[Copy] = []
    for choice in choices:
        # One sending per route (a recipient is sent each form once).
        made += services.copies_send(of=issue, choices=[choice], actor=worker).made
    # Sent a week ago. The tasks queued for them find them made already, and do nothing.
    when = timezone.now() - timedelta(days=7)
    Copy.objects.filter(pk__in=[c.pk for c in made]).update(created_at=when)
    rendered: dict = {}
    states = {
        (margaret.key, Person.Format.EASY_READ): Copy.Status.READY,
        (margaret.key, Person.Format.AUDIO): Copy.Status.READY,
        (margaret.key, Person.Format.STANDARD): Copy.Status.POSTED,
        (peter.key, Person.Format.STANDARD): Copy.Status.EMAILED,
        (peter.key, Person.Format.EASY_READ): Copy.Status.TO_POST,
        (nurses.key, Person.Format.STANDARD): Copy.Status.FAILED,
    }
    for copy in made:
        _make(copy, states[(copy.recipient_key, copy.form)], rendered, when=when)
    Copy.objects.filter(status=Copy.Status.POSTED, person=person).update(posted_by=worker)
    return made

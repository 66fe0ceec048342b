"""Reads for the data rights pages."""

import datetime

from django.http import Http404
from django.utils import timezone

from tandem.people.models import Person
from tandem.records.held import held
from tandem.records.models import SubjectAccessExport

EXPORTS_SHOWN = 10


def held_counts(person: Person) -> list[tuple[str, int]]:
    """How many records of each kind are held about the person: one count per kind, however
    many rows there are."""
    return [(kind.title, kind.rows(person.pk).count()) for kind in held()]


def exports_for(person: Person) -> list[SubjectAccessExport]:
    """The person's latest archives, newest first, without their bytes; each says whether it
    can still be downloaded (`downloadable`)."""
    kept_since = timezone.now() - datetime.timedelta(days=SubjectAccessExport.KEPT_DAYS)
    exports = list(
        SubjectAccessExport.objects.filter(person=person)
        .defer("archive")
        .select_related("requested_by")[:EXPORTS_SHOWN]
    )
    for found in exports:
        found.downloadable = (  # type: ignore[attr-defined]
            found.status == SubjectAccessExport.Status.READY
            and found.finished_at is not None
            and found.finished_at >= kept_since
        )
    return exports


def get_export(person: Person, pk: int | str) -> SubjectAccessExport:
    """A ready archive of this person's, still kept: 404 for anything else."""
    kept_since = timezone.now() - datetime.timedelta(days=SubjectAccessExport.KEPT_DAYS)
    try:
        return SubjectAccessExport.objects.select_related("person").get(
            pk=pk,
            person=person,
            status=SubjectAccessExport.Status.READY,
            finished_at__gte=kept_since,
        )
    except (SubjectAccessExport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

"""Background work for data rights: making a subject-access archive.

Safe to run twice (docs/adr/0005-background-tasks.md): an archive already made is not made again.
"""

import logging

from django.tasks import task
from django.utils import timezone

from tandem.records import export
from tandem.records.models import SubjectAccessExport

logger = logging.getLogger(__name__)


@task
def subject_access_archive_make(export_id: int) -> int:
    """Make the archive asked for; returns its size in bytes."""
    request = SubjectAccessExport.objects.select_related("person").get(pk=export_id)
    if request.status == SubjectAccessExport.Status.READY:
        return request.archive_size
    try:
        gathered = export.gather(
            request.person, withhold_safeguarding=request.withhold_safeguarding
        )
        archive = export.as_archive(gathered)
    except Exception:
        logger.exception("Subject access export %s could not be made", export_id)
        SubjectAccessExport.objects.filter(pk=export_id).update(
            status=SubjectAccessExport.Status.FAILED, finished_at=timezone.now()
        )
        raise
    SubjectAccessExport.objects.filter(pk=export_id).update(
        status=SubjectAccessExport.Status.READY,
        archive=archive,
        archive_size=len(archive),
        finished_at=timezone.now(),
    )
    return len(archive)

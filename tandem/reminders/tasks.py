"""The daily reminders sweep as a background task (docs/adr/0005-background-tasks.md).

Each sweep first queues the next one, for the next morning (REMINDER_SWEEP_TIME, 07:00 by
default, in the site's time zone), unless a sweep is already queued: the chain never doubles,
and a sweep that fails still leaves tomorrow's queued. The worker queues the first one when it
starts (tandem/worker/startup.py). The sweep is safe to run twice, or killed and run again.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tandem.reminders import rules, sweep

logger = logging.getLogger(__name__)


class RemindersNotSent(Exception):
    """Some reminders could not be sent this time; the next sweep sends them."""


def sweep_time() -> datetime.time | None:
    """The time of day of the daily sweep, or None when it is turned off."""
    value = settings.REMINDER_SWEEP_TIME.strip()
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"REMINDER_SWEEP_TIME must be a time of day like 07:00, or empty; not {value!r}"
        ) from None


def schedule_next_sweep() -> DBTaskResult | None:
    """Queue the next morning's sweep unless one is queued already; return what was queued."""
    at = sweep_time()
    if at is None:
        return None
    run_after = rules.next_sweep_at(timezone.localtime(), at)
    with transaction.atomic():
        queued = DBTaskResult.objects.filter(
            task_path=reminders_sweep.module_path, status=TaskResultStatus.READY
        )
        if queued.exists():
            return None
        result = reminders_sweep.using(run_after=run_after).enqueue()
    logger.info("Reminders: the next sweep is queued for %s", run_after)
    return DBTaskResult.objects.get(pk=result.id)


@task
def reminders_sweep() -> dict[str, int]:
    """Send every reminder due today, once. Returns how many were sent."""
    schedule_next_sweep()
    result = sweep.run(today=timezone.localdate())
    if result.failed:
        raise RemindersNotSent(f"{result.failed} sends failed; the next sweep tries them again")
    return {"notifications": result.notifications, "emails": result.emails}

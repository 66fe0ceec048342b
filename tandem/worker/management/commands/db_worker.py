"""django-tasks-db's worker, plus what it does not do itself: run again the tasks that a stopped
worker left half done.

django-tasks-db marks a task RUNNING when a worker claims it, and only that worker marks it
finished. A worker that is killed (SIGKILL, a crash, the machine losing power) leaves its task
RUNNING for ever, and no worker picks it up again. So before it takes any task, this worker puts
such tasks back in the queue:

- started with ``--worker-id``, only the tasks it was itself running when it stopped (give each
  worker of a pool a fixed id, e.g. from systemd's instance name);
- without one (``make run``), every task left running on the queues it serves. A task another live
  worker is running at that moment then runs twice, which is why every Tandem task must be safe
  to run twice.

Then it queues the first task of each recurring chain not queued yet (startup.py: the daily
reminders sweep).
"""

import logging
import os

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from tandem.worker import startup

logger = logging.getLogger("django_tasks_db")


def requeue_interrupted(
    *, backend_name: str, queue_names: list[str], exclude: list[str], worker_id: str | None
) -> int:
    """Put tasks left RUNNING by a stopped worker back in the queue; return how many."""
    tasks = DBTaskResult.objects.running().filter(backend_name=backend_name)
    if "*" not in queue_names:
        tasks = tasks.filter(queue_name__in=queue_names)
    if exclude:
        tasks = tasks.exclude(queue_name__in=exclude)
    with transaction.atomic(using=tasks.db):
        interrupted = [
            task
            for task in tasks.select_for_update()
            if worker_id is None or task.worker_ids[-1:] == [worker_id]
        ]
        for task in interrupted:
            logger.warning(
                "Task id=%s (%s) was left running by worker %s: queued again",
                task.id,
                task.task_path,
                task.worker_ids[-1] if task.worker_ids else "?",
            )
        return DBTaskResult.objects.filter(pk__in=[task.pk for task in interrupted]).update(
            status=TaskResultStatus.READY
        )


class Command(db_worker.Command):
    help = (
        "Run a database background worker. Tasks a stopped worker left running are queued again "
        "first (only its own with --worker-id)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # None means "not given", so a fixed id can be told from a generated one.
        parser.set_defaults(worker_id=None)

    def handle(self, *args, **options) -> None:
        given_id = options["worker_id"]
        options["worker_id"] = given_id or get_random_string(32)
        # With --reload the parent process only restarts the child; the child takes tasks.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            self.configure_logging(options["verbosity"])
            exclude = options["exclude_queues"]
            requeue_interrupted(
                backend_name=options["backend_name"],
                queue_names=options["queue_name"].split(","),
                exclude=exclude.split(",") if exclude else [],
                worker_id=given_id,
            )
            startup.run()
        super().handle(*args, **options)

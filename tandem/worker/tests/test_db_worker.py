"""Tandem's db_worker: django-tasks-db's worker, which also runs again what a killed worker left."""

import signal

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)


@task
def echo(value: str) -> str:
    return value


@pytest.fixture(autouse=True)
def keep_signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def run_worker(*args: str) -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", *args, verbosity=0)


def left_running(value: str, *, by: str) -> DBTaskResult:
    """A task a worker claimed and was then killed running: django-tasks-db leaves it RUNNING."""
    result = DBTaskResult.objects.get(id=echo.enqueue(value).id)
    result.claim(by)
    return result


def status(result: DBTaskResult) -> str:
    result.refresh_from_db()
    return result.status


def test_it_runs_queued_tasks():
    result = echo.enqueue("hello")
    run_worker()
    assert result.refresh() is None
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, "hello")


def test_it_runs_again_a_task_a_killed_worker_left_running():
    result = left_running("again", by="killed-worker")
    run_worker()
    result.refresh_from_db()
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, "again")
    assert result.worker_ids[0] == "killed-worker" and len(result.worker_ids) == 2


def test_with_an_id_it_runs_again_only_its_own_tasks():
    """In a pool, each worker has its own id: it must not take over a task a live one is running."""
    mine = left_running("mine", by="worker-1")
    theirs = left_running("theirs", by="worker-2")
    run_worker("--worker-id", "worker-1")
    assert status(mine) == TaskResultStatus.SUCCESSFUL
    assert status(theirs) == TaskResultStatus.RUNNING


def test_it_runs_again_only_the_tasks_of_its_queues():
    other = left_running("x", by="killed-worker")
    DBTaskResult.objects.filter(id=other.id).update(queue_name="other")
    run_worker()  # serves the "default" queue
    assert status(other) == TaskResultStatus.RUNNING


def test_it_leaves_finished_tasks_alone():
    result = echo.enqueue("once")
    run_worker()
    run_worker()
    result = DBTaskResult.objects.get(id=result.id)
    assert result.worker_ids[-1:] == result.worker_ids and len(result.worker_ids) == 1

"""Acceptance (issue 11): several task workers share one queue and send nothing twice.

Two real ``manage.py db_worker`` processes, each with its own fixed ``--worker-id`` (as a
deployment gives each worker: docs/scaling.md), wait on the test database; then 30 safeguarding
alerts are queued at once. Each e-mail takes a tenth of a second (tests.mail.SlowEmailBackend),
so both workers are at it together. Every alert is sent exactly once, every task run by one
worker, and both workers took a share."""

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem import testing
from tandem.accounts.models import Role
from tandem.people import services
from tandem.people.models import SafeguardingAlert
from tandem.people.tasks import safeguarding_alert_send
from tests import processes
from tests.mail import sent_messages

pytestmark = pytest.mark.django_db(transaction=True)

ALERTS = 30
WORKERS = ("worker-a", "worker-b")


def test_two_workers_draining_one_queue_send_each_alert_exactly_once(tmp_path):
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
    people = [testing.make_person(org, team, local_identifier=f"TW{n:04d}") for n in range(ALERTS)]
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = processes.environment(
        EMAIL_BACKEND="tests.mail.SlowEmailBackend", EMAIL_FILE_PATH=str(outbox)
    )

    logs = {name: tmp_path / f"{name}.log" for name in WORKERS}
    running = [
        processes.manage(
            "db_worker",
            f"--worker-id={name}",
            "--no-startup-delay",
            "--no-reload",
            "--interval=0.1",
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        for name, log in logs.items()
    ]
    try:
        for name, log in logs.items():
            processes.wait_for(
                lambda log=log: "Starting worker" in log.read_text(),
                timeout=60,
                what=f"{name} to start",
            )
        with transaction.atomic():  # queued together, when this commits
            for person in people:
                services.safeguarding_raise(
                    person=person, plan=None, concern="c", immediate_risk=True, actor=worker
                )
        tasks = DBTaskResult.objects.filter(task_path=safeguarding_alert_send.module_path)
        processes.wait_for(
            lambda: tasks.filter(status=TaskResultStatus.SUCCESSFUL).count() == ALERTS,
            timeout=120,
            what="every alert to be sent",
        )
    finally:
        exits = [processes.stop(process) for process in running]
    assert exits == [0, 0], _output(logs)

    subjects = Counter(
        re.search(r"^Subject: (.*)$", message, re.MULTILINE).group(1)  # type: ignore[union-attr]
        for message in sent_messages(outbox)
    )
    assert subjects == {
        f"Safeguarding concern raised for {person.local_identifier}": 1 for person in people
    }
    assert SafeguardingAlert.objects.filter(recipient=manager).count() == ALERTS
    # Each task claimed once, by one worker; both workers took a share of the queue.
    runs = Counter(
        worker_id for ids in tasks.values_list("worker_ids", flat=True) for worker_id in ids
    )
    assert sum(runs.values()) == ALERTS
    assert set(runs) == set(WORKERS), runs


def _output(logs: dict[str, Path]) -> str:
    return "\n".join(f"{name}:\n{log.read_text()}" for name, log in logs.items())

"""Acceptance: a safeguarding alert reaches the manager exactly once even when the worker is killed
(SIGKILL) while sending it and then started again.

The real ``manage.py db_worker`` runs as a separate process on the test database, sending e-mail
with tests.mail.HoldingEmailBackend, which waits before it sends while the test holds it."""

import signal

import pytest
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


def test_a_worker_killed_while_sending_leads_to_exactly_one_email(tmp_path):
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
    person = testing.make_person(org, team, local_identifier="RC0001")
    referral = services.safeguarding_raise(
        person=person, plan=None, concern="c", immediate_risk=True, actor=worker
    )
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = processes.environment(
        EMAIL_BACKEND="tests.mail.HoldingEmailBackend", EMAIL_FILE_PATH=str(outbox)
    )
    worker_args = ["db_worker", "--no-startup-delay", "--no-reload", "--interval=0.1"]

    (outbox / "hold").touch()
    first = processes.manage(*worker_args, env=env)
    try:
        processes.wait_for(
            (outbox / "sending").exists, timeout=60, what="the worker to start sending"
        )
    finally:
        processes.stop(first, signal.SIGKILL)

    # The worker also queued tomorrow's reminders sweep when it started (tandem/reminders).
    task = DBTaskResult.objects.get(task_path=safeguarding_alert_send.module_path)
    assert task.status == TaskResultStatus.RUNNING  # and django-tasks-db would leave it so
    assert sent_messages(outbox) == []
    assert not SafeguardingAlert.objects.exists()  # rolled back with the killed transaction

    (outbox / "hold").unlink()
    second = processes.manage(*worker_args, "--batch", env=env)
    assert second.wait(timeout=60) == 0

    messages = sent_messages(outbox)
    assert len(messages) == 1
    assert f"To: {manager.email}" in messages[0]
    assert "Subject: Safeguarding concern raised for RC0001" in messages[0]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2  # run by both workers
    assert SafeguardingAlert.objects.get().recipient == manager
    assert referral.alerts.count() == 1

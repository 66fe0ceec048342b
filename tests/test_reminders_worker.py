"""Acceptance: a reminders sweep over 150 people, killed (SIGKILL) part way through its e-mails and
started again, sends every reminder exactly once: each recorded once, each e-mailed once.

The real ``manage.py db_worker`` runs as a separate process on the test database, sending e-mail
with tests.mail.HoldAfterEmailBackend, which lets 40 e-mails through and then waits while the test
holds it: the worker is killed there, mid-run."""

import re
import signal
from collections import Counter

import pytest
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem import testing
from tandem.accounts.models import Role
from tandem.reminders.models import Notification, ReminderPreference
from tandem.reminders.tasks import reminders_sweep
from tandem.reminders.tests.helpers import due_people
from tests import processes
from tests.mail import sent_messages

pytestmark = pytest.mark.django_db(transaction=True)

LET_THROUGH = 40


def test_a_sweep_killed_mid_run_sends_every_reminder_exactly_once(tmp_path):
    org = testing.make_organisation()
    team = testing.make_team(org)
    workers = [testing.make_worker(org, team) for _ in range(3)]
    manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
    ReminderPreference.objects.create(organisation=org, user=manager, daily_digest=True)
    caseloads = [due_people(org, team, 40, by=manager, worker=worker) for worker in workers]
    due_people(org, team, 30, by=manager)  # nobody allocated: the manager's, in a digest
    for person in caseloads[0][:10]:
        own = testing.make_user_for_person(person)  # opted in: one e-mail with both items
        ReminderPreference.objects.create(organisation=org, user=own, email_reminders=True)
    # 150 people with 2 reminders each (an e-mail each for the 120 allocated, the manager's 60 in
    # one), and 10 people's own (one e-mail each): 320 reminders in 251 e-mails.
    singles, digests, reminders = 2 * 120, 1 + 10, 2 * 150 + 2 * 10

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = processes.environment(
        EMAIL_BACKEND="tests.mail.HoldAfterEmailBackend", EMAIL_FILE_PATH=str(outbox)
    )
    worker_args = ["db_worker", "--no-startup-delay", "--no-reload", "--interval=0.1"]
    sweep = DBTaskResult.objects.get(id=reminders_sweep.enqueue().id)

    (outbox / "hold-after").write_text(str(LET_THROUGH))
    first = processes.manage(*worker_args, env=env)
    try:
        processes.wait_for(
            (outbox / "sending").exists, timeout=120, what=f"{LET_THROUGH} reminders to be sent"
        )
    finally:
        processes.stop(first, signal.SIGKILL)

    sweep.refresh_from_db()
    assert sweep.status == TaskResultStatus.RUNNING  # killed mid-run
    assert len(sent_messages(outbox)) == LET_THROUGH
    assert Notification.objects.count() == LET_THROUGH  # the one being sent was rolled back

    (outbox / "hold-after").unlink()
    second = processes.manage(*worker_args, "--batch", env=env)
    assert second.wait(timeout=300) == 0

    sweep.refresh_from_db()
    assert sweep.status == TaskResultStatus.SUCCESSFUL
    assert len(sweep.worker_ids) == 2  # run by both workers
    messages = sent_messages(outbox)
    assert len(messages) == singles + digests
    assert Notification.objects.count() == reminders
    assert set(Counter(Notification.objects.values_list("recipient_id", "item_key")).values()) == {
        1
    }
    # Each reminder e-mailed once: every single e-mail's link and subject differ...
    single = [m for m in messages if "Subject: Tandem reminder:" in m]
    assert len(single) == singles
    assert len({_link_and_subject(m) for m in single}) == singles
    # ...and the digest lists each of the manager's reminders once.
    (digest,) = [m for m in messages if f"To: {manager.email}" in m]
    assert "Subject: Tandem: 60 reminders today" in digest
    assert len(set(re.findall(r"^\d+\. .*$", digest, re.MULTILINE))) == 60
    assert sum(f"To: {worker.email}" in m for worker in workers for m in messages) == singles


def _link_and_subject(message: str) -> tuple[str, str]:
    subject = re.search(r"^Subject: (.*)$", message, re.MULTILINE)
    links = re.findall(r"^http\S+/(?:reviews|people)/\S+$", message, re.MULTILINE)
    assert subject and len(links) == 1, message
    to = re.search(r"^To: (.*)$", message, re.MULTILINE)
    assert to
    return (to.group(1) + links[0], subject.group(1))

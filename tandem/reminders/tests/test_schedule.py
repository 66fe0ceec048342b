"""The daily sweep: each morning's queues the next, never two; the worker starts the chain; and
`manage.py send_reminders` runs it now."""

import datetime
import signal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem import testing
from tandem.reminders import rules, tasks
from tandem.reminders.models import Notification
from tandem.reminders.tests.helpers import due_people

LONDON = ZoneInfo("Europe/London")
SEVEN = datetime.time(7)


def queued_sweeps():
    return DBTaskResult.objects.filter(
        task_path=tasks.reminders_sweep.module_path, status=TaskResultStatus.READY
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 3, 3, 6, 59), datetime.datetime(2026, 3, 3, 7, 0)),
        (datetime.datetime(2026, 3, 3, 7, 0), datetime.datetime(2026, 3, 4, 7, 0)),
        (datetime.datetime(2026, 3, 3, 23, 30), datetime.datetime(2026, 3, 4, 7, 0)),
        # The clocks go forward on 29 March 2026: still seven in the morning, local time.
        (datetime.datetime(2026, 3, 28, 9, 0), datetime.datetime(2026, 3, 29, 7, 0)),
    ],
)
def test_the_next_sweep_is_the_next_morning_local_time(now, expected):
    at = rules.next_sweep_at(now.replace(tzinfo=LONDON), SEVEN)
    assert at == expected.replace(tzinfo=LONDON)


@pytest.mark.django_db
def test_it_queues_the_next_sweep_only_if_none_is_queued():
    first = tasks.schedule_next_sweep()
    assert first is not None
    assert first.run_after.astimezone(LONDON).time() == SEVEN
    assert tasks.schedule_next_sweep() is None
    assert queued_sweeps().count() == 1


@pytest.mark.django_db
def test_no_daily_sweep_is_queued_when_it_is_turned_off(settings):
    settings.REMINDER_SWEEP_TIME = ""
    assert tasks.schedule_next_sweep() is None
    assert not queued_sweeps().exists()


def test_a_sweep_time_that_is_not_a_time_says_so(settings):
    settings.REMINDER_SWEEP_TIME = "seven"
    with pytest.raises(ImproperlyConfigured, match="like 07:00"):
        tasks.sweep_time()


@pytest.mark.django_db
def test_a_sweep_sends_what_is_due_and_queues_tomorrows(org, team, worker):
    due_people(org, team, 2, by=worker, worker=worker)
    tasks.reminders_sweep.enqueue()
    assert testing.run_queued_tasks() == 1  # tomorrow's is not due yet
    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 4
    (tomorrow,) = queued_sweeps()
    assert tomorrow.run_after.astimezone(LONDON).time() == SEVEN


@pytest.mark.django_db
def test_send_reminders_sends_them_now_and_says_how_many(org, team, worker):
    due_people(org, team, 1, by=worker, worker=worker)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "Sent 2 reminders in 2 e-mails.\n"
    call_command("send_reminders", stdout=out)
    assert out.getvalue().endswith("Sent 0 reminders in 0 e-mails.\n")
    assert len(mail.outbox) == 2


@pytest.fixture
def keep_signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("keep_signal_handlers")
def test_the_worker_starts_the_daily_chain_once():
    for _ in range(2):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert queued_sweeps().count() == 1

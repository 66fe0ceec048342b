"""The safeguarding alert task: each manager e-mailed once, however often it runs.

The worker killed while sending is tests/test_safeguarding_alert_worker.py."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tandem import testing
from tandem.accounts.models import Role
from tandem.people import services, tasks
from tandem.people.models import SafeguardingAlert


@pytest.fixture
def second_manager(org, team):
    return testing.make_worker(org, team, role=Role.TEAM_MANAGER, first_name="Mo")


@pytest.fixture
def referral(worker, manager, second_manager, person):
    return services.safeguarding_raise(
        person=person, plan=None, concern="c", immediate_risk=True, actor=worker
    )


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def test_it_emails_each_manager_once_however_often_it_runs(
    referral, manager, second_manager, mailoutbox
):
    testing.run_queued_tasks()
    tasks.safeguarding_alert_send.enqueue(referral.pk)  # queued again, e.g. by a retry
    testing.run_queued_tasks()
    assert tasks.safeguarding_alert_send.call(referral.pk) == []

    assert recipients(mailoutbox) == sorted([manager.email, second_manager.email])
    assert set(SafeguardingAlert.objects.values_list("recipient", flat=True)) == {
        manager.pk,
        second_manager.pk,
    }


def test_it_retries_only_the_alerts_that_failed(
    referral, manager, second_manager, mailoutbox, monkeypatch
):
    def mail_server_refuses_manager(subject, body, sender, to):
        if to == [manager.email]:
            raise ConnectionRefusedError("The mail server is down")
        mail.send_mail(subject, body, sender, to)

    monkeypatch.setattr(tasks, "send_mail", mail_server_refuses_manager)
    with pytest.raises(tasks.AlertsNotSent):
        tasks.safeguarding_alert_send.call(referral.pk)
    assert recipients(mailoutbox) == [second_manager.email]
    assert not SafeguardingAlert.objects.filter(recipient=manager).exists()
    retry = DBTaskResult.objects.get(args_kwargs__kwargs={"attempt": 2})
    assert retry.run_after > timezone.now()  # not at once: give the mail server time

    monkeypatch.undo()
    DBTaskResult.objects.update(run_after=timezone.now())
    testing.run_queued_tasks()
    assert recipients(mailoutbox) == sorted([manager.email, second_manager.email])


def test_it_gives_up_after_the_last_retry(referral, mailoutbox, monkeypatch):
    def mail_server_down(*args):
        raise ConnectionRefusedError("The mail server is down")

    monkeypatch.setattr(tasks, "send_mail", mail_server_down)
    DBTaskResult.objects.all().delete()
    with pytest.raises(tasks.AlertsNotSent, match="no more retries"):
        tasks.safeguarding_alert_send.call(referral.pk, attempt=len(tasks.RETRY_AFTER) + 1)
    assert not DBTaskResult.objects.exists()


def test_the_link_is_on_the_sites_address(referral, person, mailoutbox, settings):
    settings.SITE_URL = "https://tandem.example.org/"
    testing.run_queued_tasks()
    link = f"https://tandem.example.org/people/{person.pk}/safeguarding/{referral.pk}/"
    assert all(link in message.body.splitlines() for message in mailoutbox)
    assert "127.0.0.1" not in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_the_worker_emails_each_manager_once(referral, manager, second_manager, mailoutbox):
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)

    assert recipients(mailoutbox) == sorted([manager.email, second_manager.email])
    # The worker also queued tomorrow's reminders sweep when it started (tandem/reminders).
    alert = DBTaskResult.objects.get(task_path=tasks.safeguarding_alert_send.module_path)
    assert alert.status == TaskResultStatus.SUCCESSFUL

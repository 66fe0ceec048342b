"""Background work for people: e-mail that leaves Tandem, queued in the transaction that needs it.

Each task is safe to run twice (docs/adr/0005-background-tasks.md): a worker that is killed runs
its task again when it starts, and a task may be queued again to retry.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.people.models import SafeguardingAlert, SafeguardingReferral

logger = logging.getLogger(__name__)

# After a send fails (the mail server is down, say), try again after each of these waits.
RETRY_AFTER = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 480)]


class AlertsNotSent(Exception):
    """Some managers could not be e-mailed this time: the task is marked failed, and retried."""


@task
def safeguarding_alert_send(referral_id: int, attempt: int = 1) -> list[int]:
    """P11: e-mail each manager the referral alerts, once each however often this runs.

    Returns the users e-mailed by this run."""
    referral = SafeguardingReferral.objects.select_related("person").get(pk=referral_id)
    subject, body = alert_message(referral)
    sent, failed = [], []
    for manager in referral.alerted.exclude(pk__in=referral.alerts.values("recipient")):
        if not manager.email:
            logger.error("Safeguarding referral %s: user %s has no e-mail", referral.pk, manager.pk)
            continue
        try:
            if _send_once(referral, manager, subject, body):
                sent.append(manager.pk)
        except Exception:
            # One failed address must not stop the others being alerted.
            logger.exception(
                "Safeguarding referral %s: alert to user %s failed", referral.pk, manager.pk
            )
            failed.append(manager.pk)
    if failed:
        _retry(referral, attempt, failed)
    return sent


def _send_once(referral: SafeguardingReferral, manager: User, subject: str, body: str) -> bool:
    """Record the alert and hand the e-mail to the mail server in one transaction.

    If sending fails, or the worker is killed before the commit, no record stays and the next run
    sends it. Another run recording it first (it waits on the unique constraint) means it is sent:
    False. A crash between the mail server accepting the e-mail and the commit (milliseconds)
    sends it twice; never not at all."""
    with transaction.atomic():
        _, created = SafeguardingAlert.objects.get_or_create(
            referral=referral,
            recipient=manager,
            defaults={"organisation_id": referral.organisation_id},
        )
        if created:
            send_mail(subject, body, None, [manager.email])
    return created


def _retry(referral: SafeguardingReferral, attempt: int, failed: list[int]) -> None:
    if attempt > len(RETRY_AFTER):
        logger.error(
            "Safeguarding referral %s: alerts to users %s not sent after %s attempts; giving up",
            referral.pk,
            failed,
            attempt,
        )
        raise AlertsNotSent(f"Users {failed} not alerted; no more retries")
    run_after = timezone.now() + RETRY_AFTER[attempt - 1]
    safeguarding_alert_send.using(run_after=run_after).enqueue(referral.pk, attempt=attempt + 1)
    raise AlertsNotSent(f"Users {failed} not alerted; trying again after {run_after}")


def alert_message(referral: SafeguardingReferral) -> tuple[str, str]:
    """The e-mail names neither the person nor the concern: it leaves the organisation's systems,
    so it only points to the record."""
    identifier = referral.person.local_identifier
    path = reverse("people:safeguarding_referral", args=[referral.person_id, referral.pk])
    subject = _("Safeguarding concern raised for %(identifier)s") % {"identifier": identifier}
    lines = [
        _(
            "A safeguarding concern has been raised in Tandem for the person with local "
            "identifier %(identifier)s."
        )
        % {"identifier": identifier},
        "",
    ]
    if referral.immediate_risk:
        lines += [_("The person who raised it said someone may be at immediate risk."), ""]
    lines += [_("Read the concern and act on it in Tandem:"), settings.SITE_URL.rstrip("/") + path]
    return subject, "\n".join(lines)

"""Reminders (issue 8): the demo logins' reminder settings, and reminders already sent, so the
progress pages show them and the reminder settings page has something chosen.

- `demo-worker` gets one e-mail each morning (a daily digest); `demo-manager` keeps the default,
  an e-mail for each reminder.
- `demo-review-due` (Margaret Thistlewood) asked for reminders by e-mail; `demo-person` (Den) and
  `demo-carer` did not, so they get none.
- Yesterday's sweep reminded Margaret and her worker of her review and the consultation before
  it, and the worker and the manager of Norman Drystone's overdue review and Winston Applebury's
  late copy: recorded as sent (no e-mail goes out when the demo loads), so `manage.py
  send_reminders` sends only what is left.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tandem.accounts.models import User
from tandem.demo.people import Someone
from tandem.people.models import Person
from tandem.reminders import sweep
from tandem.reminders.models import Notification, ReminderPreference

# Margaret Thistlewood, Norman Drystone and Winston Applebury (demo/reviews.py).
ALREADY_REMINDED = (2, 26, 3)


def create_reminders(
    *, people: list[tuple[Someone, Person]], users: dict[str, User], today: date
) -> int:
    """The settings and the reminders sent yesterday; returns how many were recorded."""
    worker, margaret = users["demo-worker"], users["demo-review-due"]
    ReminderPreference.objects.create(
        organisation_id=worker.organisation_id, user=worker, daily_digest=True
    )
    ReminderPreference.objects.create(
        organisation_id=margaret.organisation_id, user=margaret, email_reminders=True
    )
    by_number = {row.number: person for row, person in people}
    chosen = [by_number[number].pk for number in ALREADY_REMINDED]
    reminders = sweep.plan(list(sweep.people_queryset().filter(pk__in=chosen)), today)
    made = Notification.objects.bulk_create(sweep.as_sent(r) for r in reminders)
    yesterday = datetime.combine(
        today - timedelta(days=1), time(7), timezone.get_current_timezone()
    )
    Notification.objects.filter(pk__in=[n.pk for n in made]).update(sent_at=yesterday)
    return len(made)

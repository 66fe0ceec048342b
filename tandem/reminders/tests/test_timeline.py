"""The reminders sent about a person show on their progress page, for staff: to whom, as what,
about what and when, in one query however many there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.reminders.models import Notification

pytestmark = pytest.mark.django_db


def sent(person, recipient, recipient_as, n=1, **fields):
    for number in range(n):
        Notification.objects.create(
            organisation=person.organisation,
            recipient=recipient,
            recipient_as=recipient_as,
            person=person,
            kind="review",
            item_key=f"review:{person.pk}:{number}:{recipient.pk}",
            what="Review of the plan",
            due_on=datetime.date(2027, 3, 4),
            **fields,
        )


def history(client, person):
    return client.get(reverse("reviews:history", args=[person.pk]))


def test_staff_see_each_reminder_sent_on_the_progress_page(
    client_for, person, worker, person_user, carer_user
):
    sent(person, worker, Notification.As.WORKER)
    sent(person, person_user, Notification.As.PERSON, in_digest=True)
    sent(person, carer_user, Notification.As.CARER, in_digest=True)
    page = history(client_for(worker), person).content.decode()
    assert "Between reviews" in page
    assert (
        "Reminder sent to Wendy Worker, the allocated worker, about: Review of the plan "
        "(due by 4 March 2027)"
    ) in page
    assert "Reminder sent to the person about: Review of the plan (due by 4 March 2027)" in page
    assert "Reminder sent to Carol Carer, a carer, about: Review of the plan" in page


def test_the_person_does_not_see_whom_reminders_went_to(client_for, person, worker, person_user):
    sent(person, worker, Notification.As.WORKER)
    response = history(client_for(person_user), person)
    assert response.status_code == 200
    assert "Reminder sent" not in response.content.decode()


def test_an_empty_timeline_says_so(client_for, person, worker):
    page = history(client_for(worker), person).content.decode()
    assert "Nothing has been recorded here yet" in page


def test_the_timeline_reads_in_one_query_however_many_reminders(
    client_for, person, worker, manager
):
    client = client_for(worker)
    sent(person, worker, Notification.As.WORKER)
    with CaptureQueriesContext(connection) as one:
        history(client, person)
    sent(person, manager, Notification.As.MANAGER, n=30)
    with CaptureQueriesContext(connection) as many:
        page = history(client, person).content.decode()
    assert len(many) == len(one)
    assert page.count("Reminder sent to Morgan Manager, a team manager") == 30

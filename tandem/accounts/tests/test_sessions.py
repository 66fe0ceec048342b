"""Sessions end: staff after the organisation's idle timeout, everyone at its absolute limit."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.signin.rules import Ending, session_ending
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def at(minutes: float) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def test_the_rule():
    clocks = {"signed_in_at": START, "idle_minutes": 30, "limit_hours": 12}
    assert session_ending(now=at(29), last_seen=START, **clocks) is None
    assert session_ending(now=at(30), last_seen=START, **clocks) == Ending.IDLE
    assert session_ending(now=at(12 * 60 - 1), last_seen=at(12 * 60 - 2), **clocks) is None
    assert session_ending(now=at(12 * 60), last_seen=at(12 * 60 - 1), **clocks) == Ending.LIMIT
    no_idle = {**clocks, "idle_minutes": None}
    assert session_ending(now=at(600), last_seen=START, **no_idle) is None
    assert session_ending(now=at(-5), last_seen=START, **clocks) is None  # clock went back


def test_staff_are_signed_out_after_the_idle_timeout_and_told_why(worker, org):
    org.idle_timeout_minutes = 20
    org.save()
    worklist = reverse("worklist:list")
    with time_machine.travel(START, tick=False) as traveller:
        client = testing.client_for(worker)
        traveller.move_to(at(19))
        assert client.get(worklist).status_code == 200
        traveller.move_to(at(38))  # 19 minutes after the last page: still in
        assert client.get(worklist).status_code == 200
        traveller.move_to(at(58))

        response = client.get(worklist)

        assert response["Location"] == f"{reverse('login')}?next=%2Fworklist%2F"
        page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 20 minutes without activity." in page
    assert client.get(worklist).status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.SESSION_EXPIRED)
    assert (event.actor, event.detail) == (worker, {"ending": "idle"})


def test_people_are_not_signed_out_for_idling_but_are_at_the_absolute_limit(person_user, org):
    org.session_limit_hours = 3
    org.save()
    home = reverse("people:home")
    with time_machine.travel(START, tick=False) as traveller:
        client = testing.client_for(person_user)
        traveller.move_to(at(170))
        assert client.get(home).status_code == 200
        traveller.move_to(at(180))

        response = client.get(home)

        page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for 3 hours." in page
    assert AuditEvent.objects.get(action=AuditAction.SESSION_EXPIRED).actor == person_user


def test_a_session_no_tandem_sign_in_started_is_ended(worker, client):
    client.force_login(worker)

    assert client.get(reverse("worklist:list"))["Location"].startswith(reverse("login"))


def test_the_session_cookie_lasts_no_longer_than_the_longest_limit(settings):
    from tandem.accounts.signin.forms import LIMIT_RANGE

    assert settings.SESSION_COOKIE_AGE <= LIMIT_RANGE[1] * 3600


def test_a_page_seen_within_the_minute_saves_no_session(worker, django_assert_num_queries):
    client = testing.client_for(worker)
    client.get(reverse("signin:recovery_codes"))
    with django_assert_num_queries(3):  # session, user, recovery codes left: no session write
        client.get(reverse("signin:recovery_codes"))
    assert timezone.now()

"""Sending copies of an issued plan: who may, what is made, sending twice, and refusals."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.copies.models import Copy
from tandem.copies.tests.helpers import make_copy
from tandem.people.models import Delivery, Person
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.testing_refusals import (
    STAFF,
    Write,
    assert_allowed,
    assert_refused,
    case_id,
    permissions,
    refusals,
    rows,
)

pytestmark = pytest.mark.django_db


def checked(page: str, name: str, value: str) -> bool:
    return re.search(rf'name="{name}" value="{value}"[^>]*checked', page) is not None


def send_url(issue) -> str:
    return reverse("copies:send_plan", args=[issue.plan_id, issue.number])


def issued(person, worker):
    _plan, issue = build_agreed_plan(person=person, actor=worker)
    return issue


def test_it_offers_each_recipient_the_forms_they_need_the_way_they_chose(
    person, person_user, worker
):
    Person.objects.filter(pk=person.pk).update(
        preferred_formats=["easy_read", "audio"], copies_by=Delivery.EMAIL
    )
    type(person_user).objects.filter(pk=person_user.pk).update(email="")
    testing.make_circle_member(person, name="Ann Sister", address="2 Mill Lane")
    issue = issued(person, worker)

    page = testing.client_for(worker).get(send_url(issue)).text

    # Asked for email, but no address is recorded: their sign-in instead, and the page says so.
    assert "asked for copies by email, but no email address is recorded" in page
    assert checked(page, "person-forms", "easy_read") and checked(page, "person-forms", "audio")
    assert not checked(page, "person-forms", "standard")
    assert checked(page, "person-route", "sign_in") and "Ann Sister" in page


def test_it_makes_each_copy_once_and_audits_the_sending(person, person_user, worker):
    Person.objects.filter(pk=person.pk).update(preferred_formats=["easy_read", "audio"])
    issue = issued(person, worker)
    client = testing.client_for(worker)
    form = {"person-forms": ["standard", "easy_read"], "person-route": "sign_in"}

    first = client.post(send_url(issue), form)
    # A double click, or a colleague sending the same copies at the same moment.
    second = client.post(send_url(issue), form)

    progress = reverse("copies:plan_progress", args=[issue.plan_id, issue.number])
    assert first["Location"] == second["Location"] == progress
    copies = Copy.objects.filter(issue=issue)
    assert sorted(copies.values_list("form", flat=True)) == ["easy_read", "standard"]
    assert {(c.recipient_user, c.route, c.status) for c in copies} == {
        (person_user, "sign_in", "queued")
    }
    sends = AuditEvent.objects.filter(action=AuditAction.COPY_SEND)
    assert sends.count() == 1
    assert sends.get().actor == worker and sends.get().person_id == person.pk
    page = client.get(progress).text
    assert page.count("Waiting to be made") == 2


def test_it_keeps_what_was_chosen_and_says_what_is_missing(person, person_user, worker):
    issue = issued(person, worker)
    client = testing.client_for(worker)

    nothing = client.post(send_url(issue), {"person-route": "sign_in"})
    no_route = client.post(send_url(issue), {"person-forms": ["large_print"]})

    assert "Select at least one form for someone to send a copy" in nothing.text
    assert f"Select how {person.full_name} gets their copies" in no_route.text
    assert checked(no_route.text, "person-forms", "large_print")
    assert not Copy.objects.exists()


def test_it_refuses_a_route_that_is_not_open_to_the_recipient(person, person_user, worker):
    """Email is not offered to someone who did not choose it, even with an address."""
    Person.objects.filter(pk=person.pk).update(email="priya@example.org")
    issue = issued(person, worker)

    page = testing.client_for(worker).post(
        send_url(issue), {"person-forms": ["standard"], "person-route": "email"}
    )

    assert page.status_code == 200
    assert f"Select how {person.full_name} gets their copies" in page.text
    assert not Copy.objects.exists()


def test_it_emails_audio_only_to_someone_with_a_sign_in_to_hear_it(person, worker):
    member = testing.make_circle_member(
        person, name="Ann Sister", email="ann@example.org", copies_by=Delivery.EMAIL
    )
    issue = issued(person, worker)

    page = testing.client_for(worker).post(
        send_url(issue),
        {f"member{member.pk}-forms": ["audio"], f"member{member.pk}-route": "email"},
    )

    assert "Ann Sister has no Tandem sign-in to listen to audio" in page.text
    assert not Copy.objects.exists()


def test_it_sends_nobody_a_copy_who_cannot_be_reached(person, worker):
    issue = issued(person, worker)  # no sign-in, no address, no email

    page = testing.client_for(worker).get(send_url(issue)).text

    assert "has no Tandem sign-in, and no postal address is recorded" in page
    assert "There is nobody a copy can be sent to yet." in page


# Refusals: every role that may not send, and nothing changes.


def scene_issued(cast):
    person = cast.person
    Person.objects.filter(pk=person.pk).update(address="1 High Street")
    return SimpleNamespace(issue=issued(person, cast.worker), person=person)


def scene_failed(cast):
    scene = scene_issued(cast)
    scene.copy = make_copy(scene.issue, status=Copy.Status.FAILED)
    return scene


def scene_to_post(cast):
    scene = scene_issued(cast)
    scene.copy = make_copy(scene.issue, route=Delivery.POST, status=Copy.Status.TO_POST)
    return scene


def copies_of(scene):
    return rows(Copy.objects.filter(person=scene.person))


WRITES = [
    Write(
        name="send",
        scene=scene_issued,
        url=lambda s: send_url(s.issue),
        data=lambda s: {"person-forms": ["standard"], "person-route": "post"},
        state=copies_of,
        allowed=STAFF,
    ),
    Write(
        name="retry",
        scene=scene_failed,
        url=lambda s: reverse("copies:retry", args=[s.copy.pk]),
        data=lambda s: {},
        state=copies_of,
        allowed=STAFF,
    ),
    Write(
        name="posted",
        scene=scene_to_post,
        url=lambda s: reverse("copies:posted", args=[s.copy.pk]),
        data=lambda s: {},
        state=copies_of,
        allowed=STAFF,
    ),
]


@pytest.mark.parametrize(("write", "role"), refusals(WRITES), ids=case_id)
def test_it_refuses_the_write_and_changes_nothing(cast, write, role):
    assert_refused(write, cast, role)


@pytest.mark.parametrize(("write", "role"), permissions(WRITES), ids=case_id)
def test_it_lets_an_allowed_role_make_the_same_write(cast, write, role):
    assert_allowed(write, cast, role)

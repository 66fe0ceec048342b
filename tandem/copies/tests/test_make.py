"""Making and sending copies in the background: kept byte for byte, emailed, posted, failed and
tried again, and a review record's copy recorded once (R8)."""

import datetime
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.copies import services
from tandem.copies.models import Copy
from tandem.copies.recipients import recipients_for
from tandem.copies.tasks import copy_make
from tandem.documents import render
from tandem.people.models import Delivery, Person
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.reviews.models import Review
from tandem.reviews.tests.history_helpers import final_review

pytestmark = pytest.mark.django_db

FAKE_PDF = render.RenderedCopy(b"%PDF-1.7 fake", "application/pdf", "pdf")
FAKE_MP3 = render.RenderedCopy(b"ID3 fake", "audio/mpeg", "mp3")


@pytest.fixture
def fake_render(monkeypatch):
    """Rendering is the documents app's (and slow): here, a tiny file of the right kind."""

    def fake(source, form):
        return FAKE_MP3 if form == "audio" else FAKE_PDF

    monkeypatch.setattr(render, "render_copy", fake)


def send(person, worker, *, key="person", forms=("standard",), route="sign_in", of=None):
    of = of or build_agreed_plan(person=person, actor=worker)[1]
    [recipient] = [r for r in recipients_for(person) if r.key == key]
    choice = services.Choice(recipient=recipient, forms=list(forms), route=route)
    return services.copies_send(of=of, choices=[choice], actor=worker).made


def test_it_keeps_the_copy_and_produces_it_again_byte_for_byte(person, person_user, worker):
    [copy] = send(person, worker)

    assert testing.run_queued_tasks() == 1

    copy.refresh_from_db()
    assert copy.status == Copy.Status.READY and copy.delivered_at is not None
    assert bytes(copy.content.data).startswith(b"%PDF")
    assert copy.size == len(copy.content.data) and copy.media_type == "application/pdf"
    again = services.reproduce(copy)
    assert again.same and again.sha256 == copy.sha256


def test_it_emails_the_pdf_to_someone_who_chose_email(person, worker, fake_render):
    member = testing.make_circle_member(
        person, name="Ann Sister", email="ann@example.org", copies_by=Delivery.EMAIL
    )
    [copy] = send(person, worker, key=f"member:{member.pk}", route="email")

    testing.run_queued_tasks()

    copy.refresh_from_db()
    assert copy.status == Copy.Status.EMAILED and copy.email == "ann@example.org"
    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    [(filename, content, media_type)] = message.attachments
    assert filename.endswith(".pdf") and content == FAKE_PDF.content
    assert media_type == "application/pdf"
    assert AuditEvent.objects.filter(action=AuditAction.COPY_EMAIL, person=person).count() == 1


def test_it_emails_audio_as_a_link_behind_sign_in(person, worker, fake_render):
    member = testing.make_circle_member(
        person, name="Ann Sister", email="ann@example.org", copies_by=Delivery.EMAIL
    )
    [copy] = send(person, worker, key=f"member:{member.pk}", forms=["audio"], route="email")

    testing.run_queued_tasks()

    [message] = mail.outbox
    assert message.attachments == []
    assert reverse("copies:download", args=[copy.pk]) in message.body


def test_it_emails_nobody_the_person_has_not_shared_their_plan_with(person, worker, fake_render):
    Person.objects.filter(pk=person.pk).update(address="1 High Street")
    member = testing.make_circle_member(
        person,
        name="Not Shared",
        email="ns@example.org",
        copies_by=Delivery.EMAIL,
        consent_to_share=False,
    )
    _plan, issue = build_agreed_plan(person=person, actor=worker)
    client = testing.client_for(worker)
    url = reverse("copies:send_plan", args=[issue.plan_id, issue.number])

    assert "Not Shared" not in client.get(url).text
    client.post(
        url,
        {
            "person-forms": ["standard"],
            "person-route": "post",
            f"member{member.pk}-forms": ["standard"],
            f"member{member.pk}-route": "email",
        },
    )
    testing.run_queued_tasks()

    assert list(Copy.objects.values_list("recipient_key", "route")) == [("person", "post")]
    assert mail.outbox == []


def test_a_copy_that_fails_says_why_and_can_be_tried_again(
    person, person_user, worker, monkeypatch
):
    def broken(source, form):
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(render, "render_copy", broken)
    [copy] = send(person, worker)
    testing.run_queued_tasks()
    copy.refresh_from_db()
    assert copy.status == Copy.Status.FAILED
    assert copy.failure.startswith("Something went wrong while the copy was being made. Try again")
    client = testing.client_for(worker)
    progress = client.get(reverse("copies:plan_progress", args=[copy.plan_id, 1])).text
    assert "Could not be made" in progress and "Try again" in progress

    monkeypatch.setattr(render, "render_copy", lambda source, form: FAKE_PDF)
    client.post(reverse("copies:retry", args=[copy.pk]))
    client.post(reverse("copies:retry", args=[copy.pk]))  # a double click: tried once
    assert testing.run_queued_tasks() == 1

    copy.refresh_from_db()
    assert (copy.status, copy.failure, copy.attempts) == (Copy.Status.READY, "", 2)
    assert AuditEvent.objects.filter(action=AuditAction.COPY_RETRY).count() == 1


def test_a_form_that_cannot_be_made_yet_says_so(person, person_user, worker, monkeypatch):
    def not_yet(source, form):
        raise render.UnknownForm(form)

    monkeypatch.setattr(render, "render_copy", not_yet)
    [copy] = send(person, worker, forms=["large_print"])

    testing.run_queued_tasks()

    copy.refresh_from_db()
    assert (
        copy.failure == "Tandem cannot make a copy of this in large print yet. Choose another form."
    )


def test_running_the_task_twice_makes_the_copy_once(person, person_user, worker, fake_render):
    [copy] = send(person, worker)

    assert copy_make.call(copy.pk) == Copy.Status.READY
    assert copy_make.call(copy.pk) == "claimed elsewhere"

    copy.refresh_from_db()
    assert copy.attempts == 1


def test_a_copy_left_half_made_by_a_killed_worker_is_made_when_run_again(
    person, worker, fake_render
):
    member = testing.make_circle_member(
        person, name="Ann Sister", email="ann@example.org", copies_by=Delivery.EMAIL
    )
    [copy] = send(person, worker, key=f"member:{member.pk}", route="email")
    Copy.objects.filter(pk=copy.pk).update(status=Copy.Status.RENDERING, attempts=1)

    assert copy_make.call(copy.pk) == Copy.Status.EMAILED
    assert copy_make.call(copy.pk) == "claimed elsewhere"

    assert len(mail.outbox) == 1


def test_a_posted_copy_waits_with_its_covering_letter_until_marked_posted(
    person, worker, fake_render
):
    Person.objects.filter(pk=person.pk).update(address="1 High Street\nRiverside\nRV1 1AA")
    person.refresh_from_db()
    [copy] = send(person, worker, route="post")
    testing.run_queued_tasks()
    client = testing.client_for(worker)

    listed = client.get(reverse("copies:to_post")).text
    letter = client.get(reverse("copies:letter", args=[copy.pk]))
    client.post(reverse("copies:posted", args=[copy.pk]))

    assert person.full_name in listed and "1 High Street" in listed
    assert letter["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(letter.content)).pages)
    assert "1 High Street" in text and "RV1 1AA" in text and "Standard print copy" in text
    copy.refresh_from_db()
    assert copy.status == Copy.Status.POSTED and copy.posted_by == worker
    assert "There are no copies waiting to be posted." in client.get(reverse("copies:to_post")).text
    assert AuditEvent.objects.filter(action=AuditAction.COPY_POSTED, actor=worker).count() == 1


def test_sending_a_review_records_its_copy_once(person, person_user, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    review = final_review(person, plan, worker, datetime.date(2026, 1, 5), [None])
    url = reverse("copies:send_review", args=[review.pk])
    client = testing.client_for(worker)

    client.post(url, {"person-forms": ["standard"], "person-route": "sign_in"})
    sent_at = Review.objects.get(pk=review.pk).copy_sent_at
    client.post(url, {"person-forms": ["standard", "large_print"], "person-route": "sign_in"})

    assert sent_at is not None and Review.objects.get(pk=review.pk).copy_sent_at == sent_at
    assert sorted(Copy.objects.filter(review=review).values_list("form", flat=True)) == [
        "large_print",
        "standard",
    ]
    recorded = AuditEvent.objects.filter(action=AuditAction.REVIEW_UPDATE, detail__copy_sent=True)
    assert recorded.count() == 1
    assert Copy.objects.filter(review=review).first().source["kind"] == "review"

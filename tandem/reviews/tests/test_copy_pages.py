"""The review record as a document the person can read, and sending its copy (R8)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.reviews import services
from tandem.reviews.models import Review
from tandem.reviews.tests.test_record_services import ready_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    return person, worker


def final_review(person, worker, outcomes: int = 1, **answers) -> Review:
    review = ready_review(person, worker, outcomes=outcomes, **answers)
    return services.review_finalise(review=review, actor=worker).review


def sends(worker):
    return AuditEvent.objects.filter(
        action=AuditAction.REVIEW_UPDATE, actor=worker, detail__copy_sent=True
    )


def test_it_shows_everything_recorded_in_the_document(setting):
    person, worker = setting
    review = final_review(
        person,
        worker,
        why_proportionate="She prefers the phone",
        who_took_part="Sam and her sister",
        advocate_present=True,
        needs_changed=True,
        new_assessment_needed=True,
        services_meet_outcomes=Review.Meets.PARTLY,
        what_must_change="More evening support",
    )
    page = testing.client_for(worker).get(reverse("reviews:review_document", args=[review.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    evaluation = review.evaluations.get()
    for expected in (
        review.held_on.strftime("%-d %B %Y"),
        "By telephone",
        "She prefers the phone",
        "Sam and her sister",
        "Was an advocate there?",
        evaluation.outcome_words,
        "Achieved",
        "Goes to the club every week",
        "+1: somewhat more than expected",
        "Partly",
        "More evening support",
        review.next_review_on.strftime("%-d %B %Y"),
        "Print this review record",
    ):
        assert expected in text, expected


def test_a_draft_review_has_no_document(setting):
    person, worker = setting
    review = ready_review(person, worker)
    page = testing.client_for(worker).get(reverse("reviews:review_document", args=[review.pk]))
    assert page.status_code == 404


def test_it_shows_the_person_their_review_and_audits_it(setting):
    person, worker = setting
    review = final_review(person, worker)
    user = testing.make_user_for_person(person)
    page = testing.client_for(user).get(reverse("reviews:review_document", args=[review.pk]))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.REVIEW_VIEW, actor=user).exists()


def test_a_carer_with_consent_sees_the_review(setting):
    person, worker = setting
    review = final_review(person, worker)
    carer = testing.make_carer_user(person, consent_to_share=True)
    page = testing.client_for(carer).get(reverse("reviews:review_document", args=[review.pk]))
    assert page.status_code == 200
    carrying_out = testing.client_for(carer).get(
        reverse("reviews:carrying_out", args=[review.plan_id])
    )
    assert reverse("reviews:review_document", args=[review.pk]) in carrying_out.content.decode()


def test_a_carer_without_consent_cannot_see_the_review(setting):
    person, worker = setting
    review = final_review(person, worker)
    carer = testing.make_carer_user(person, consent_to_share=False)
    page = testing.client_for(carer).get(reverse("reviews:review_document", args=[review.pk]))
    assert page.status_code == 404


def test_another_organisation_cannot_see_the_review(setting):
    person, worker = setting
    review = final_review(person, worker)
    other = testing.make_organisation()
    outsider = testing.make_worker(other, testing.make_team(other))
    for name in ("reviews:review_document", "reviews:review_send"):
        page = testing.client_for(outsider).get(reverse(name, args=[review.pk]))
        assert page.status_code == 404


def test_sending_records_the_copy_once_with_its_recipients(setting):
    person, worker = setting
    testing.make_circle_member(person, name="Jo Sister", consent_to_share=True)
    testing.make_circle_member(person, name="Not Shared", consent_to_share=False)
    review = final_review(person, worker)
    client = testing.client_for(worker)
    url = reverse("reviews:review_send", args=[review.pk])
    confirm = client.get(url).content.decode()
    assert "Jo Sister" in confirm and "Not Shared" not in confirm
    assert client.post(url).status_code == 302
    first_sent = Review.objects.get(pk=review.pk).copy_sent_at
    assert first_sent is not None
    assert client.post(url).status_code == 302
    assert Review.objects.get(pk=review.pk).copy_sent_at == first_sent
    assert sends(worker).count() == 1
    names = [r["name"] for r in sends(worker).get().detail["recipients"]]
    assert person.full_name in names and "Jo Sister" in names and "Not Shared" not in names
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Copy sent on" in page


def test_sending_refuses_a_draft_review(setting):
    person, worker = setting
    review = ready_review(person, worker)
    client = testing.client_for(worker)
    assert client.post(reverse("reviews:review_send", args=[review.pk])).status_code == 404
    with pytest.raises(services.Refused):
        services.review_send_copy(review=review, actor=worker)
    assert Review.objects.get(pk=review.pk).copy_sent_at is None
    assert not sends(worker).exists()


def test_only_a_worker_who_may_coordinate_sends_the_copy(setting):
    person, worker = setting
    review = final_review(person, worker)
    user = testing.make_user_for_person(person)
    page = testing.client_for(user).post(reverse("reviews:review_send", args=[review.pk]))
    assert page.status_code == 403
    assert Review.objects.get(pk=review.pk).copy_sent_at is None


LATE = '<strong class="govuk-tag govuk-tag--red">Late</strong>'


def test_a_late_copy_is_shown_on_the_review_and_carrying_out_pages(setting):
    person, worker = setting
    review = final_review(person, worker)
    pages = [
        reverse("reviews:review", args=[review.pk]),
        reverse("reviews:carrying_out", args=[review.plan_id]),
    ]
    due = review.copy_due_on
    due_text = f"Copy due by {due.strftime('%-d %B %Y')}"
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(due, datetime.time(12)))
    ):
        for url in pages:
            text = testing.client_for(worker).get(url).content.decode()
            assert due_text in text and LATE not in text
    day_after = due + datetime.timedelta(days=1)
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(day_after, datetime.time(12)))
    ):
        for url in pages:
            text = testing.client_for(worker).get(url).content.decode()
            assert due_text in text and LATE in text


@pytest.mark.parametrize("outcomes", [1, 20])
def test_the_document_keeps_a_constant_number_of_queries(
    setting, outcomes, django_assert_num_queries
):
    person, worker = setting
    review = final_review(person, worker, outcomes=outcomes)
    assert review.evaluations.count() == outcomes
    client = testing.client_for(worker)
    url = reverse("reviews:review_document", args=[review.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)


QUERIES = 7  # with the outcomes agreed at the review

"""Shared by the preparation tests: progress, contacts, triggers and consultations built directly
with the ORM on given dates, and a draft review of a plan."""

import datetime

from django.utils import timezone

from tandem.reviews.models import ActionProgress, Consultation, Contact, Review, ReviewTrigger
from tandem.reviews.services import review_start
from tandem.reviews.tests.between_helpers import first_action


def draft_review(plan, worker, held_on=None) -> Review:
    review = review_start(plan=plan, actor=worker)
    if held_on is not None:
        Review.objects.filter(pk=review.pk).update(held_on=held_on)
        review.refresh_from_db()
    review.plan = plan
    return review


def progress_on(plan, worker, happened_on, note, action=None):
    return ActionProgress.objects.create(
        organisation=plan.organisation,
        plan=plan,
        action_uid=(action or first_action(plan)).uid,
        status=ActionProgress.Status.UNDER_WAY,
        note=note,
        happened_on=happened_on,
        recorded_by=worker,
    )


def contact_on(plan, worker, happened_on, note):
    return Contact.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        with_whom="Jo, her sister",
        how=Contact.How.TELEPHONE,
        happened_on=happened_on,
        note=note,
        recorded_by=worker,
    )


def trigger_on(plan, worker, happened_on, details):
    return ReviewTrigger.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        kind=ReviewTrigger.Kind.RISK,
        details=details,
        happened_on=happened_on,
        recorded_by=worker,
    )


def consultation(plan, user, created_at, **answers):
    found = Consultation.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        answered_by=user,
        **answers,
    )
    Consultation.objects.filter(pk=found.pk).update(created_at=created_at)
    return found


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

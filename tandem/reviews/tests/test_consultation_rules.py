"""The consultation before a review (R3) and the person's own answers (R4, R5): who the
providers in the plan are, that each is invited or has a reason, who may answer, saving and
changing it, and when it is due."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.errors import EditConflict, Refused
from tandem.people.models import CircleMember
from tandem.plans.models import SupportArrangement
from tandem.reviews import services as review_services
from tandem.reviews.models import Consultation, OutcomeEvaluation, ProviderInvitation, Review
from tandem.reviews.services.consultation import (
    State,
    consultation_save,
    consultation_state,
    current_consultation,
    plan_providers,
)
from tandem.reviews.tests.consultation_helpers import (
    DUE,
    NOT_YET_DUE,
    SUPPORT_PROVIDER,
    agreed_plan,
    circle_provider,
    invitations,
    provider_user,
)

pytestmark = pytest.mark.django_db

ANSWERS = {"how_held": "telephone", "what_is_working": "The gardening club"}


@pytest.fixture(autouse=True)
def on_the_day_it_is_due():
    with time_machine.travel(DUE, tick=False):
        yield


def save(plan, actor, *, revision: int = 0, data=None, **answers):
    return consultation_save(
        person=plan.person,
        data=data if data is not None else ANSWERS,
        invitations=invitations(plan, **answers),
        revision=revision,
        actor=actor,
    )


# The providers in the plan -------------------------------------------------------------------


def test_it_lists_every_provider_in_the_plan_once_by_name(worker, person):
    plan = agreed_plan(person, worker)
    circle_provider(plan, "Brightside Care")
    # The support arrangement's provider again, spelt differently.
    SupportArrangement.objects.create(
        organisation=plan.organisation,
        plan=plan,
        description="Meals",
        provider="riverside  care ltd",
        position=99,
    )
    assert [p.name for p in plan_providers(plan)] == ["Brightside Care", SUPPORT_PROVIDER]


def test_it_counts_an_agency_responsible_for_an_action_as_a_provider(worker, person):
    plan = agreed_plan(person, worker)
    circle_provider(plan, "Age Well", kind=CircleMember.Kind.AGENCY)
    assert [p.name for p in plan_providers(plan)] == ["Age Well", SUPPORT_PROVIDER]


def test_it_does_not_count_a_carer_responsible_for_an_action_as_a_provider(worker, person):
    plan = agreed_plan(person, worker)
    circle_provider(plan, "Meena Patel", kind=CircleMember.Kind.CARER)
    assert [p.name for p in plan_providers(plan)] == [SUPPORT_PROVIDER]


def test_it_keeps_the_circle_member_of_a_provider_from_the_circle(worker, person):
    plan = agreed_plan(person, worker)
    member = circle_provider(plan)
    [brightside, _riverside] = plan_providers(plan)
    assert brightside.circle_member_id == member.pk


# R3: every provider invited, or why not ------------------------------------------------------


def test_it_refuses_a_provider_neither_invited_nor_given_a_reason(worker, person):
    plan = agreed_plan(person, worker)
    circle_provider(plan)
    with pytest.raises(Refused, match="Say whether Brightside Care is invited, or why not"):
        save(plan, worker, Brightside_Care=None)
    assert not Consultation.objects.exists()


def test_it_refuses_a_provider_not_invited_without_a_reason(worker, person):
    plan = agreed_plan(person, worker)
    with pytest.raises(Refused, match=f"Say why {SUPPORT_PROVIDER} is not invited"):
        save(plan, worker, Riverside_Care_Ltd="  ")
    assert not Consultation.objects.exists()


def test_it_refuses_a_consultation_without_how_the_review_is_held(worker, person):
    plan = agreed_plan(person, worker)
    with pytest.raises(Refused, match="Select how you would like your review to be held"):
        save(plan, worker, data={"how_held": ""})


def test_it_records_each_provider_invited_or_why_not(worker, person):
    plan = agreed_plan(person, worker)
    circle_provider(plan)
    consultation = save(plan, worker, Riverside_Care_Ltd="They send a written report")
    rows = {row.name: row for row in consultation.providers.all()}
    assert rows["Brightside Care"].invited is True
    assert rows["Brightside Care"].circle_member is not None
    assert rows[SUPPORT_PROVIDER].invited is False
    assert rows[SUPPORT_PROVIDER].reason_not_invited == "They send a written report"


def test_it_keeps_no_reason_for_a_provider_who_is_invited(worker, person):
    plan = agreed_plan(person, worker)
    found = invitations(plan)
    found[0] = type(found[0])(name=found[0].name, invited=True, reason_not_invited="Stale")
    consultation = consultation_save(
        person=person, data=ANSWERS, invitations=found, revision=0, actor=worker
    )
    assert consultation.providers.get().reason_not_invited == ""


# Who answers ----------------------------------------------------------------------------------


def test_the_person_answers_as_themself_and_a_worker_with_the_person(worker, person, person_user):
    plan = agreed_plan(person, worker)
    consultation = save(plan, person_user)
    assert (consultation.with_person, consultation.answered_by) == (False, person_user)
    changed = save(plan, worker, revision=consultation.revision)
    assert changed.pk == consultation.pk
    assert (changed.with_person, changed.answered_by) == (True, worker)


def test_a_carer_who_may_represent_the_person_may_answer(worker, person, carer_user):
    plan = agreed_plan(person, worker)
    assert save(plan, carer_user).with_person is False


@pytest.mark.parametrize("who", ["provider", "friend", "carer without consent", "other person"])
def test_it_refuses_someone_who_may_not_answer(worker, person, who):
    plan = agreed_plan(person, worker)
    if who == "provider":
        actor = provider_user(person)
    elif who == "friend":
        actor = testing.make_carer_user(person)
        CircleMember.objects.filter(user=actor).update(kind=CircleMember.Kind.FRIEND)
    elif who == "carer without consent":
        actor = testing.make_carer_user(person, consent_to_share=False)
    else:
        actor = testing.make_user_for_person(testing.make_person(person.organisation, person.team))
    with pytest.raises(Refused):
        save(plan, actor)
    assert not Consultation.objects.exists()


def test_it_refuses_a_worker_of_another_organisation(worker, person, other_org_worker):
    plan = agreed_plan(person, worker)
    with pytest.raises(Refused):
        save(plan, other_org_worker)


# Saving, changing, auditing -------------------------------------------------------------------


def test_it_audits_recording_and_changing_the_consultation(worker, person, person_user):
    plan = agreed_plan(person, worker)
    consultation = save(plan, person_user, Riverside_Care_Ltd="They send a report")
    save(plan, worker, revision=consultation.revision)
    events = AuditEvent.objects.filter(action=AuditAction.CONSULTATION_RECORD).order_by("id")
    assert [(e.actor, e.person, e.plan, e.detail["created"]) for e in events] == [
        (person_user, person, plan, True),
        (worker, person, plan, False),
    ]
    assert events[0].detail["not_invited"] == [SUPPORT_PROVIDER]
    assert events[1].detail["invited"] == [SUPPORT_PROVIDER]


def test_it_keeps_the_review_date_the_schedule_gave(worker, person):
    plan = agreed_plan(person, worker)
    assert save(plan, worker).review_due_on == datetime.date(2026, 4, 27)


def test_it_refuses_a_save_over_someone_elses_newer_answers(worker, person, person_user):
    plan = agreed_plan(person, worker)
    first = save(plan, person_user)
    save(plan, worker, revision=first.revision, data={**ANSWERS, "what_to_change": "More"})
    with pytest.raises(EditConflict) as conflict:
        save(plan, person_user, revision=first.revision, data={**ANSWERS, "what_to_change": "Less"})
    assert conflict.value.current.what_to_change == "More"
    assert Consultation.objects.get().what_to_change == "More"


def test_two_first_saves_make_one_consultation(worker, person, person_user):
    plan = agreed_plan(person, worker)
    save(plan, person_user)
    with pytest.raises(EditConflict):
        save(plan, worker, data={**ANSWERS, "what_to_change": "Other"})
    assert Consultation.objects.count() == 1


def test_the_same_answers_sent_twice_are_saved_once(worker, person, person_user):
    plan = agreed_plan(person, worker)
    first = save(plan, person_user)
    again = save(plan, person_user)  # a double click: revision 0 both times
    assert (again.pk, again.revision) == (first.pk, first.revision)
    assert AuditEvent.objects.filter(action=AuditAction.CONSULTATION_RECORD).count() == 1


def test_it_refuses_a_consultation_when_there_is_no_agreed_plan(worker, person):
    testing.make_plan(person, worker)
    with pytest.raises(Refused, match="no agreed plan"):
        consultation_save(person=person, data=ANSWERS, invitations=[], revision=0, actor=worker)


def test_it_refuses_fields_a_consultation_does_not_have(worker, person):
    plan = agreed_plan(person, worker)
    with pytest.raises(Refused):
        save(plan, worker, data={**ANSWERS, "with_person": False})


# The current consultation, and the review that uses it -----------------------------------------


def finalise_review(plan, worker) -> Review:
    review = review_services.review_start(plan=plan, actor=worker)
    today = timezone.localdate()
    review = review_services.review_update(
        review=review,
        data={
            "held_on": today,
            "how_held": Review.HowHeld.TELEPHONE,
            "next_review_on": today + datetime.timedelta(days=180),
        },
        revision=review.revision,
        actor=worker,
    )
    for outcome in plan.outcomes.all():
        review_services.evaluation_save(
            review=review,
            outcome_uid=outcome.uid,
            rating=OutcomeEvaluation.Rating.ACHIEVED,
            evidence="",
            gas_level=None,
            actor=worker,
        )
    return review_services.review_finalise(review=review, actor=worker).review


def test_a_finalised_review_keeps_the_consultation_it_used(worker, person, person_user):
    plan = agreed_plan(person, worker)
    consultation = save(plan, person_user)
    assert current_consultation(person) == consultation
    review = finalise_review(plan, worker)
    assert review.consultation == consultation
    # Used: the next review starts afresh.
    assert current_consultation(person) is None


def test_a_review_finalised_without_a_consultation_keeps_none(worker, person):
    plan = agreed_plan(person, worker)
    assert finalise_review(plan, worker).consultation is None


def test_a_new_consultation_after_a_review_is_a_new_one(worker, person, person_user):
    plan = agreed_plan(person, worker)
    used = save(plan, person_user)
    finalise_review(plan, worker)
    with time_machine.travel(DUE + datetime.timedelta(days=1), tick=False):
        fresh_one = save(plan, person_user)
    assert fresh_one.pk != used.pk
    assert current_consultation(person) == fresh_one
    assert ProviderInvitation.objects.filter(consultation=used).count() == 1


# When it is due --------------------------------------------------------------------------------


def test_it_is_not_due_before_four_weeks_before_the_review(worker, person):
    plan = agreed_plan(person, worker)
    state = consultation_state(plan, today=NOT_YET_DUE.date())
    assert state.state == State.NOT_YET_DUE
    assert not state.is_open


def test_it_is_due_from_four_weeks_before_the_review(worker, person):
    plan = agreed_plan(person, worker)
    state = consultation_state(plan, today=datetime.date(2026, 3, 30))
    assert state.state == State.DUE
    assert state.next_review.due_on == datetime.date(2026, 4, 27)
    assert state.is_open


def test_it_is_recorded_once_answered(worker, person):
    plan = agreed_plan(person, worker)
    consultation = save(plan, worker)
    state = consultation_state(plan, today=DUE.date())
    assert (state.state, state.consultation) == (State.RECORDED, consultation)
    assert state.is_open


def test_there_is_no_state_for_a_plan_not_agreed(worker, person):
    assert consultation_state(testing.make_plan(person, worker), today=DUE.date()) is None
    assert consultation_state(None, today=DUE.date()) is None

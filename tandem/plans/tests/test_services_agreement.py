"""Agreeing a plan (A1), disagreements before and after agreement (A1, A2), and the
coordinator's decision on them (A3)."""

import datetime
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem import testing
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Agreement, Disagreement, Plan, PlanIssue
from tandem.plans.services import (
    AgreementIncomplete,
    PlanError,
    disagreement_add,
    disagreement_decide,
    plan_item_delete,
    plan_item_update,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import (
    AGREED_ON,
    build_agreed_plan,
    build_ready_plan,
    fresh,
    person_and_worker_agree,
    snapshot_of,
)


@pytest.fixture
def ready_plan(person, worker):
    plan = build_ready_plan(person=person, actor=worker)
    # Fresh from the database: the plan the service returns holds its (empty) disagreements.
    return fresh(plan_send_for_agreement(plan=plan, actor=worker))


@pytest.fixture
def agreed_plan(person, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    return plan


def party(kind: str, name: str, **extra) -> dict:
    return {
        "party": kind,
        "name": name,
        "method": Agreement.Method.SIGNED_PAPER,
        "agreed_on": AGREED_ON,
        **extra,
    }


def assert_not_agreed(plan: Plan) -> None:
    plan = fresh(plan)
    assert plan.status == Plan.Status.READY
    assert plan.agreed_at is None
    assert not plan.agreements.exists()
    assert not plan.issues.exists()


# A1: agreeing


def test_it_refuses_to_agree_a_plan_that_has_not_been_sent(person, worker):
    plan = build_ready_plan(person=person, actor=worker)

    with pytest.raises(PlanError):
        plan_record_agreement(
            plan=plan, parties=person_and_worker_agree(person, worker), actor=worker
        )

    assert fresh(plan).status == Plan.Status.DRAFT
    assert not plan.agreements.exists()


def test_it_refuses_to_agree_a_plan_twice(agreed_plan, person, worker):
    with pytest.raises(PlanError):
        plan_record_agreement(
            plan=agreed_plan, parties=person_and_worker_agree(person, worker), actor=worker
        )

    assert agreed_plan.agreements.count() == 2
    assert agreed_plan.issues.count() == 1


def test_it_refuses_agreement_without_the_person_or_their_representative(ready_plan, worker):
    with pytest.raises(AgreementIncomplete) as refusal:
        plan_record_agreement(
            plan=ready_plan,
            parties=[party("worker", "Wendy Worker"), party("carer", "Sue Patel")],
            actor=worker,
        )

    [problem] = refusal.value.problems
    assert "person or their representative" in problem
    assert_not_agreed(ready_plan)


def test_it_refuses_agreement_without_the_worker(ready_plan, worker):
    with pytest.raises(AgreementIncomplete) as refusal:
        plan_record_agreement(
            plan=ready_plan, parties=[party("person", "Priya Patel")], actor=worker
        )

    [problem] = refusal.value.problems
    assert "worker" in problem
    assert_not_agreed(ready_plan)


def test_it_lists_everyone_still_missing(ready_plan, worker):
    with pytest.raises(AgreementIncomplete) as refusal:
        plan_record_agreement(plan=ready_plan, parties=[], actor=worker)

    assert len(refusal.value.problems) == 2
    assert all(problem in str(refusal.value) for problem in refusal.value.problems)


def test_it_needs_a_representative_when_the_person_lacks_capacity(ready_plan, person, worker):
    person.capacity = Person.Capacity.LACKS_CAPACITY
    person.save()

    with pytest.raises(AgreementIncomplete) as refusal:
        plan_record_agreement(
            plan=ready_plan, parties=person_and_worker_agree(person, worker), actor=worker
        )

    assert "lacks capacity" in refusal.value.problems[0]
    assert_not_agreed(ready_plan)


def test_it_accepts_a_representative_for_a_person_who_lacks_capacity(ready_plan, person, worker):
    person.capacity = Person.Capacity.LACKS_CAPACITY
    person.save()
    advocate = testing.make_circle_member(
        person, name="Ade Advocate", kind=CircleMember.Kind.ADVOCATE
    )

    plan_record_agreement(
        plan=ready_plan,
        parties=[
            party("representative", advocate.name, member=advocate, best_interest=True),
            party("worker", worker.display_name),
        ],
        actor=worker,
    )

    representative = fresh(ready_plan).agreements.get(party="representative")
    assert (representative.member, representative.best_interest) == (advocate, True)


def test_it_needs_the_best_interest_decision_recorded_when_the_person_lacks_capacity(
    ready_plan, person, worker
):
    # R9, and what the refusal message and the agreement form both promise.
    person.capacity = Person.Capacity.LACKS_CAPACITY
    person.save()
    advocate = testing.make_circle_member(
        person, name="Ade Advocate", kind=CircleMember.Kind.ADVOCATE
    )

    with pytest.raises(AgreementIncomplete) as refusal:
        plan_record_agreement(
            plan=ready_plan,
            parties=[
                party("representative", advocate.name, member=advocate, best_interest=False),
                party("worker", worker.display_name),
            ],
            actor=worker,
        )

    assert "best interest" in refusal.value.problems[0]
    assert_not_agreed(ready_plan)


def test_it_records_who_agreed_and_freezes_the_plan(ready_plan, person, worker):
    plan_record_agreement(
        plan=ready_plan,
        parties=[*person_and_worker_agree(person, worker), party("carer", "Sue Patel")],
        actor=worker,
    )

    plan = fresh(ready_plan)
    assert plan.status == Plan.Status.AGREED
    assert plan.agreed_at is not None
    assert not plan.is_editable
    assert [(a.party, a.name, a.agreed_on, a.recorded_by) for a in plan.agreements.all()] == [
        ("person", "Priya Patel", AGREED_ON, worker),
        ("worker", "Wendy Worker", AGREED_ON, worker),
        ("carer", "Sue Patel", AGREED_ON, worker),
    ]


def test_it_issues_the_first_copy_with_an_exact_snapshot(ready_plan, person, worker):
    issue = plan_record_agreement(
        plan=ready_plan, parties=person_and_worker_agree(person, worker), actor=worker
    )

    issue = PlanIssue.objects.get(pk=issue.pk)
    assert (issue.number, issue.plan_id, issue.issued_by) == (1, ready_plan.pk, worker)
    assert issue.snapshot == snapshot_of(ready_plan)
    assert issue.snapshot["plan"]["status"] == "agreed"
    assert [a["party"] for a in issue.snapshot["agreements"]] == ["person", "worker"]
    assert issue.snapshot["outcomes"][0]["words"] == (
        "I want to go to the gardening club every Tuesday"
    )


def test_it_sends_the_copy_to_the_person_consenting_circle_and_coordinator(
    ready_plan, person, worker
):
    person.preferred_formats = ["easy_read", "large_print"]
    person.save()
    testing.make_circle_member(person, name="Sue Patel", kind=CircleMember.Kind.FAMILY)
    testing.make_circle_member(
        person, name="Nosy Neighbour", kind=CircleMember.Kind.FRIEND, consent_to_share=False
    )

    issue = plan_record_agreement(
        plan=ready_plan, parties=person_and_worker_agree(person, worker), actor=worker
    )

    assert [(r["name"], r["formats"]) for r in issue.recipients] == [
        ("Priya Patel", ["easy_read", "large_print"]),
        ("Sue Patel", ["standard"]),
        ("Wendy Worker", ["standard"]),
    ]
    assert "Nosy Neighbour" not in str(issue.recipients)


def test_it_supersedes_the_previous_agreed_version(agreed_plan, person, worker):
    second = plan_start_new_version(plan=agreed_plan, actor=worker)
    plan_send_for_agreement(plan=second, actor=worker)

    plan_record_agreement(
        plan=second, parties=person_and_worker_agree(person, worker), actor=worker
    )

    assert fresh(agreed_plan).status == Plan.Status.SUPERSEDED
    assert fresh(second).status == Plan.Status.AGREED


# A1: disagreements noted before agreement


@pytest.mark.parametrize("stage", ["draft", "ready"])
def test_it_notes_a_disagreement_before_agreement_without_reissuing(person, worker, stage):
    plan = build_ready_plan(person=person, actor=worker)
    if stage == "ready":
        plan_send_for_agreement(plan=plan, actor=worker)

    disagreement = disagreement_add(
        plan=plan,
        section="support",
        raised_by="Sue Patel",
        details="Two hours a week is not enough",
        actor=worker,
    )

    disagreement.refresh_from_db()
    assert disagreement.after_agreement is False
    assert disagreement.issue is None
    assert not plan.issues.exists()
    assert fresh(plan).status == stage
    assert snapshot_of(plan)["disagreements"][0]["details"] == "Two hours a week is not enough"


def test_it_keeps_a_disagreement_noted_before_agreement_in_the_agreed_copy(
    ready_plan, person, worker
):
    disagreement_add(
        plan=ready_plan,
        section="risks",
        raised_by="Priya Patel",
        details="I don't want the pendant alarm",
        actor=worker,
    )

    issue = plan_record_agreement(
        plan=ready_plan, parties=person_and_worker_agree(person, worker), actor=worker
    )

    assert [(d["raised_by"], d["after_agreement"]) for d in issue.snapshot["disagreements"]] == [
        ("Priya Patel", False)
    ]


def test_it_refuses_a_disagreement_about_no_part_of_the_plan(ready_plan, worker):
    with pytest.raises(PlanError):
        disagreement_add(
            plan=ready_plan, section="weather", raised_by="Sue", details="Too cold", actor=worker
        )

    assert not ready_plan.disagreements.exists()


# A2: disagreements added after agreement


def test_it_reissues_the_plan_when_a_disagreement_is_added_after_agreement(
    agreed_plan, person, worker
):
    testing.make_circle_member(person, name="Sue Patel", kind=CircleMember.Kind.FAMILY)
    first = agreed_plan.issues.get()

    disagreement = disagreement_add(
        plan=agreed_plan,
        section="support",
        raised_by="Riverside Care Ltd",
        details="We cannot staff Sunday visits",
        actor=worker,
    )

    disagreement.refresh_from_db()
    assert disagreement.after_agreement is True
    second = agreed_plan.issues.get(number=2)
    assert disagreement.issue == second
    assert "Riverside Care Ltd" in second.reason
    assert [
        (d["raised_by"], d["details"], d["after_agreement"])
        for d in second.snapshot["disagreements"]
    ] == [("Riverside Care Ltd", "We cannot staff Sunday visits", True)]
    assert [r["name"] for r in second.recipients] == ["Priya Patel", "Sue Patel", "Wendy Worker"]
    # The first copy is still exactly what was sent.
    assert PlanIssue.objects.get(pk=first.pk).snapshot == first.snapshot
    assert first.snapshot["disagreements"] == []
    assert fresh(agreed_plan).status == Plan.Status.AGREED


def test_it_numbers_each_reissue(agreed_plan, worker):
    for n in range(2):
        disagreement_add(
            plan=agreed_plan, section="needs", raised_by=f"Agency {n}", details="No", actor=worker
        )

    assert list(agreed_plan.issues.values_list("number", flat=True)) == [1, 2, 3]
    assert len(agreed_plan.issues.get(number=3).snapshot["disagreements"]) == 2


def test_it_refuses_a_disagreement_on_a_version_no_longer_in_force(agreed_plan, person, worker):
    second = plan_start_new_version(plan=agreed_plan, actor=worker)
    plan_send_for_agreement(plan=second, actor=worker)
    plan_record_agreement(
        plan=second, parties=person_and_worker_agree(person, worker), actor=worker
    )

    with pytest.raises(PlanError):
        disagreement_add(
            plan=agreed_plan, section="support", raised_by="Sue", details="Late", actor=worker
        )

    assert not agreed_plan.disagreements.exists()
    assert agreed_plan.issues.count() == 1


# A3: the coordinator decides


@pytest.fixture
def disagreement(agreed_plan, worker):
    return disagreement_add(
        plan=agreed_plan,
        section="support",
        raised_by="Riverside Care Ltd",
        details="We cannot staff Sunday visits",
        actor=worker,
    )


def test_it_records_the_coordinators_decision(disagreement, worker):
    assert disagreement.plan.coordinator == worker

    disagreement_decide(
        disagreement=disagreement,
        renegotiation=Disagreement.Renegotiation.NEEDED,
        reason="Sunday visits are essential for her medication",
        actor=worker,
    )

    disagreement.refresh_from_db()
    assert disagreement.renegotiation == "needed"
    assert disagreement.renegotiation_reason == "Sunday visits are essential for her medication"
    assert disagreement.decided_by == worker
    assert disagreement.decided_at is not None


def test_it_lets_the_team_manager_decide(disagreement, manager):
    disagreement_decide(
        disagreement=disagreement,
        renegotiation=Disagreement.Renegotiation.NOT_NEEDED,
        reason="Family cover Sundays",
        actor=manager,
    )

    disagreement.refresh_from_db()
    assert (disagreement.renegotiation, disagreement.decided_by) == ("not_needed", manager)


def test_it_refuses_a_decision_by_a_worker_who_is_not_the_coordinator(disagreement, org, team):
    colleague = testing.make_worker(org, team, first_name="Colin")

    with pytest.raises(PlanError):
        disagreement_decide(
            disagreement=disagreement,
            renegotiation=Disagreement.Renegotiation.NOT_NEEDED,
            reason="Not my call",
            actor=colleague,
        )

    disagreement.refresh_from_db()
    assert (disagreement.renegotiation, disagreement.decided_by) == ("", None)


def test_it_refuses_a_decision_without_a_choice(disagreement, worker):
    with pytest.raises((PlanError, ValidationError)):
        disagreement_decide(
            disagreement=disagreement, renegotiation="", reason="Thinking", actor=worker
        )

    disagreement.refresh_from_db()
    assert disagreement.decided_by is None


def test_it_keeps_the_issued_copy_unchanged_by_the_decision(disagreement, worker):
    issue = disagreement.issue
    before = PlanIssue.objects.get(pk=issue.pk).snapshot

    disagreement_decide(
        disagreement=disagreement,
        renegotiation=Disagreement.Renegotiation.NEEDED,
        reason="Must renegotiate",
        actor=worker,
    )

    assert PlanIssue.objects.get(pk=issue.pk).snapshot == before
    assert before["disagreements"][0]["renegotiation"] == ""


def test_it_records_the_agreement_date_given(ready_plan, person, worker):
    parties = person_and_worker_agree(person, worker)
    parties[0]["agreed_on"] = datetime.date(2025, 2, 28)

    issue = plan_record_agreement(plan=ready_plan, parties=parties, actor=worker)

    assert issue.snapshot["agreements"][0]["agreed_on"] == "2025-02-28"


def test_it_refuses_a_second_decision_on_the_same_disagreement(person, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    disagreement = disagreement_add(
        plan=plan,
        section="support",
        raised_by="Sunrise Care",
        details="Too few hours",
        actor=worker,
    )
    disagreement_decide(
        disagreement=disagreement, renegotiation="needed", reason="Review the hours", actor=worker
    )
    with pytest.raises(PlanError):
        disagreement_decide(
            disagreement=disagreement,
            renegotiation="not_needed",
            reason="Changed mind",
            actor=worker,
        )
    disagreement.refresh_from_db()
    assert (disagreement.renegotiation, disagreement.renegotiation_reason) == (
        "needed",
        "Review the hours",
    )


def test_it_records_a_decision_on_a_disagreement_noted_before_agreement(ready_plan, worker):
    noted = disagreement_add(
        plan=ready_plan,
        section="support",
        raised_by="Sue Patel",
        details="Two hours a week is not enough",
        actor=worker,
    )

    disagreement_decide(
        disagreement=noted, renegotiation="needed", reason="Look at the hours again", actor=worker
    )

    noted.refresh_from_db()
    assert (noted.after_agreement, noted.renegotiation, noted.decided_by) == (
        False,
        "needed",
        worker,
    )


def test_it_refuses_a_decision_once_the_version_is_no_longer_in_force(agreed_plan, person, worker):
    undecided = disagreement_add(
        plan=agreed_plan, section="support", raised_by="Sue", details="Late", actor=worker
    )
    second = plan_start_new_version(plan=agreed_plan, actor=worker)
    plan_send_for_agreement(plan=second, actor=worker)
    plan_record_agreement(
        plan=second, parties=person_and_worker_agree(person, worker), actor=worker
    )

    with pytest.raises(PlanError, match="no longer in force"):
        disagreement_decide(
            disagreement=undecided, renegotiation="needed", reason="Too late", actor=worker
        )

    undecided.refresh_from_db()
    assert (undecided.renegotiation, undecided.decided_by) == ("", None)


# A disagreement about one part of the plan, not a whole section


def test_it_notes_a_disagreement_about_one_action(ready_plan, worker):
    action = ready_plan.actions.get()

    disagreement = disagreement_add(
        plan=ready_plan,
        section="actions",
        part_kind="action",
        part_uid=action.uid,
        raised_by="Sue Patel",
        details="A taxi would be more reliable",
        actor=worker,
    )

    disagreement.refresh_from_db()
    assert (disagreement.section, disagreement.part_kind, disagreement.part_uid) == (
        "actions",
        "action",
        action.uid,
    )
    (entry,) = snapshot_of(ready_plan)["disagreements"]
    assert entry["part_title"] == "Find a lift to the club"
    assert entry["part_about"] == "About the action “Find a lift to the club”"
    assert entry["section_title"] == "My action plan"


def test_it_notes_a_disagreement_about_an_indicator_inside_an_outcome(ready_plan, worker):
    indicator = ready_plan.indicators.get()

    disagreement_add(
        plan=ready_plan,
        section="outcomes",
        part_kind="indicator",
        part_uid=str(indicator.uid),
        raised_by="Sue Patel",
        details="Three Tuesdays is too many",
        actor=worker,
    )

    (entry,) = snapshot_of(ready_plan)["disagreements"]
    assert entry["part_about"] == (
        "About the indicator “Goes to the club at least 3 Tuesdays a month”"
    )


def test_it_keeps_a_section_wide_disagreement_about_no_single_part(ready_plan, worker):
    disagreement_add(
        plan=ready_plan, section="support", raised_by="Sue", details="Too few", actor=worker
    )

    (entry,) = snapshot_of(ready_plan)["disagreements"]
    assert (entry["part_kind"], entry["part_uid"], entry["part_title"], entry["part_about"]) == (
        "",
        "",
        "",
        "",
    )


@pytest.mark.parametrize(
    "part",
    [
        {"part_kind": "action", "part_uid": "elsewhere"},  # an action of another plan
        {"part_kind": "action", "part_uid": "d0c2ab4e-0000-4000-8000-000000000000"},
        {"part_kind": "action", "part_uid": "not a uid"},
        {"part_kind": "outcome", "part_uid": "action"},  # this plan's action, as an outcome
        {"part_kind": "weather", "part_uid": "action"},
        {"part_kind": "action", "part_uid": None},
        {"part_kind": "", "part_uid": "action"},
    ],
)
def test_it_refuses_a_part_that_is_not_in_this_version(ready_plan, person, worker, part):
    other = build_ready_plan(
        person=testing.make_person(person.organisation, person.team), actor=worker
    )
    uids = {"elsewhere": other.actions.get().uid, "action": ready_plan.actions.get().uid}
    part = {key: uids.get(value, value) for key, value in part.items()}

    with pytest.raises(PlanError, match="not part of this version of the plan"):
        disagreement_add(
            plan=ready_plan, section="actions", raised_by="Sue", details="No", actor=worker, **part
        )

    assert not ready_plan.disagreements.exists()


def test_it_refuses_a_part_of_another_section(ready_plan, worker):
    with pytest.raises(PlanError, match="not part of this version of the plan"):
        disagreement_add(
            plan=ready_plan,
            section="support",
            part_kind="action",
            part_uid=ready_plan.actions.get().uid,
            raised_by="Sue",
            details="No",
            actor=worker,
        )

    assert not ready_plan.disagreements.exists()


def test_it_says_when_the_part_has_since_been_removed(ready_plan, worker):
    action = ready_plan.actions.get()
    disagreement_add(
        plan=ready_plan,
        section="actions",
        part_kind="action",
        part_uid=action.uid,
        raised_by="Sue",
        details="No",
        actor=worker,
    )
    plan_item_delete(item=action, revision=action.revision, actor=worker)

    (entry,) = snapshot_of(ready_plan)["disagreements"]
    assert entry["part_about"] == "About a part of “My action plan” that has since been removed"


def test_it_keeps_the_parts_words_in_the_copy_it_was_sent_in(agreed_plan, worker):
    action = agreed_plan.actions.get()
    disagreement_add(
        plan=agreed_plan,
        section="actions",
        part_kind="action",
        part_uid=action.uid,
        raised_by="Riverside Care Ltd",
        details="We cannot drive on Tuesdays",
        actor=worker,
    )
    draft = plan_start_new_version(plan=agreed_plan, actor=worker)
    copied = draft.actions.get(uid=action.uid)
    plan_item_update(
        item=copied, data={"description": "Book a taxi to the club"}, revision=1, actor=worker
    )

    (entry,) = agreed_plan.issues.get(number=2).snapshot["disagreements"]
    assert entry["part_about"] == "About the action “Find a lift to the club”"
    assert snapshot_of(agreed_plan)["disagreements"][0]["part_title"] == "Find a lift to the club"


# The date a disagreement was raised, which may be before it was recorded here


def started_on(plan, day: datetime.date) -> None:
    """As if the plan had been started on `day` (created_at is set when the row is saved)."""
    Plan.objects.filter(pk=plan.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    )


def test_it_dates_a_disagreement_today_unless_told_otherwise(ready_plan, worker):
    disagreement = disagreement_add(
        plan=ready_plan, section="support", raised_by="Sue", details="Late", actor=worker
    )

    disagreement.refresh_from_db()
    assert disagreement.raised_on == timezone.localdate()
    assert snapshot_of(ready_plan)["disagreements"][0]["raised_on"] == (
        timezone.localdate().isoformat()
    )


def test_it_dates_a_disagreement_the_day_it_was_raised(ready_plan, worker):
    started_on(ready_plan, datetime.date(2025, 3, 1))

    disagreement = disagreement_add(
        plan=ready_plan,
        section="support",
        raised_by="Sue",
        details="Said so at the meeting",
        raised_on=datetime.date(2025, 3, 1),
        actor=worker,
    )

    disagreement.refresh_from_db()
    assert disagreement.raised_on == datetime.date(2025, 3, 1)
    assert snapshot_of(ready_plan)["disagreements"][0]["raised_on"] == "2025-03-01"


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "The date the disagreement was raised must be today or in the past"),
        (
            -11,
            "The date the disagreement was raised must be the same as or after 1 March 2025, "
            "when this version of the plan was started",
        ),
    ],
)
def test_it_refuses_a_date_in_the_future_or_before_the_plan(ready_plan, worker, days, message):
    started_on(ready_plan, datetime.date(2025, 3, 1))
    today = datetime.date(2025, 3, 11)

    with time_machine.travel(datetime.datetime(2025, 3, 11, 12, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(PlanError) as refused:
            disagreement_add(
                plan=ready_plan,
                section="support",
                raised_by="Sue",
                details="Late",
                raised_on=today + datetime.timedelta(days=days),
                actor=worker,
            )

    assert str(refused.value) == message
    assert not ready_plan.disagreements.exists()


def test_it_notes_a_disagreement_about_one_part_once_when_the_form_is_sent_twice(
    ready_plan, worker
):
    key = uuid.uuid4()
    sent = {
        "plan": ready_plan,
        "section": "actions",
        "part_kind": "action",
        "part_uid": str(ready_plan.actions.get().uid),  # as the form sends it
        "raised_by": "Sue",
        "raised_on": timezone.localdate(),
        "details": "A taxi would be better",
        "actor": worker,
        "submission_key": key,
    }

    first, second = disagreement_add(**sent), disagreement_add(**sent)

    assert first == second
    assert ready_plan.disagreements.count() == 1

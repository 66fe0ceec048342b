"""Every change to a plan writes exactly one audit event, in the same transaction as the change."""

import pytest

from tandem.audit.models import AuditAction, AuditEvent
from tandem.plans.models import Action, Plan
from tandem.plans.services import (
    AgreementIncomplete,
    EditConflict,
    PlanError,
    PlanNotReady,
    agreement,
    disagreement_add,
    disagreement_decide,
    editing,
    plan_create,
    plan_end,
    plan_item_create,
    plan_item_delete,
    plan_item_update,
    plan_mark_not_applicable,
    plan_mark_section,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
    plan_update_section,
    versions,
)
from tandem.plans.tests.helpers import (
    ITEM_DEFAULTS,
    add_item,
    build_agreed_plan,
    build_ready_plan,
    fresh,
    person_and_worker_agree,
    update_section,
)


@pytest.fixture
def plan(person, worker):
    return build_ready_plan(person=person, actor=worker)


class Trail:
    """The audit events written since the trail was started."""

    def __init__(self):
        self.start = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def events(self) -> list[AuditEvent]:
        return list(AuditEvent.objects.filter(id__gt=self.start).order_by("id"))

    def only_event(self) -> AuditEvent:
        events = self.events()
        assert len(events) == 1, [e.action for e in events]
        return events[0]


def assert_recorded(event: AuditEvent, *, action: str, actor, plan: Plan) -> None:
    assert event.action == action
    assert event.actor == actor
    assert event.plan_id == plan.pk
    assert event.person_id == plan.person_id
    assert event.organisation_id == plan.organisation_id
    assert event.summary


def test_it_records_starting_a_plan(person, worker):
    trail = Trail()

    plan = plan_create(person=person, actor=worker)

    assert_recorded(trail.only_event(), action="plan.create", actor=worker, plan=plan)


def test_it_records_a_section_change_with_old_and_new_values(plan, person_user):
    trail = Trail()

    update_section(plan, "control", person_user, staying_in_control="I choose my carers")

    event = trail.only_event()
    assert_recorded(event, action="plan.section.update", actor=person_user, plan=plan)
    assert event.detail == {
        "section": "control",
        "changes": {
            "staying_in_control": [
                "I can ring my worker to change anything",
                "I choose my carers",
            ]
        },
    }


def test_it_records_marking_a_section_completed(plan, worker):
    trail = Trail()

    plan_mark_section(plan=plan, section_key="risks", completed=True, actor=worker)

    assert_recorded(trail.only_event(), action="plan.section.mark", actor=worker, plan=plan)


@pytest.mark.parametrize("kind", ["outcome", "action", "support", "risk", "need", "indicator"])
def test_it_records_adding_changing_and_removing_each_kind_of_item(plan, worker, kind):
    outcome = plan.outcomes.get() if kind in {"indicator", "action"} else None

    trail = Trail()
    item = add_item(plan, kind, worker, outcome=outcome)
    created = trail.only_event()

    trail = Trail()
    item = plan_item_update(
        item=item,
        data={"description" if kind != "outcome" else "words": "New"},
        revision=item.revision,
        actor=worker,
    )
    updated = trail.only_event()

    trail = Trail()
    plan_item_delete(item=item, revision=item.revision, actor=worker)
    deleted = trail.only_event()

    # One typed action for each change; the kind and the part's uid are in the detail, so a
    # part's whole history (across versions) can be found.
    for event, action in [
        (created, AuditAction.PART_CREATE),
        (updated, AuditAction.PART_UPDATE),
        (deleted, AuditAction.PART_DELETE),
    ]:
        assert_recorded(event, action=action, actor=worker, plan=plan)
        assert event.detail["id"] == item.pk
        assert (event.detail["kind"], event.detail["uid"]) == (kind, str(item.uid))


def test_it_records_an_element_marked_not_applicable_with_the_reason(plan, worker):
    trail = Trail()

    plan_mark_not_applicable(plan=plan, element="risk", reason="No risks found", actor=worker)

    event = trail.only_event()
    assert_recorded(event, action="plan.element.not_applicable", actor=worker, plan=plan)
    assert event.detail == {"element": "risk", "reason": "No risks found"}


def test_it_records_sending_for_agreement(plan, worker):
    trail = Trail()

    plan_send_for_agreement(plan=plan, actor=worker)

    assert_recorded(trail.only_event(), action="plan.send_for_agreement", actor=worker, plan=plan)


def test_it_records_agreement_once_though_it_also_issues_a_copy(plan, person, worker):
    plan_send_for_agreement(plan=plan, actor=worker)
    trail = Trail()

    plan_record_agreement(plan=plan, parties=person_and_worker_agree(person, worker), actor=worker)

    event = trail.only_event()
    assert_recorded(event, action="plan.agree", actor=worker, plan=plan)
    assert [p["party"] for p in event.detail["parties"]] == ["person", "worker"]


def test_it_records_a_disagreement_and_the_decision_on_it(person, worker, carer_user):
    plan, _issue = build_agreed_plan(person=person, actor=worker)

    trail = Trail()
    disagreement = disagreement_add(
        plan=plan, section="support", raised_by="Carol Carer", details="Too few", actor=carer_user
    )
    assert_recorded(trail.only_event(), action="plan.disagreement.add", actor=carer_user, plan=plan)

    trail = Trail()
    disagreement_decide(
        disagreement=disagreement, renegotiation="not_needed", reason="Minor", actor=worker
    )
    assert_recorded(trail.only_event(), action="plan.disagreement.decide", actor=worker, plan=plan)


def test_it_records_a_new_version_against_the_new_version(person, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    trail = Trail()

    second = plan_start_new_version(plan=plan, actor=worker)

    assert_recorded(trail.only_event(), action="plan.new_version", actor=worker, plan=second)


def test_it_records_ending_a_plan(person, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    trail = Trail()

    plan_end(plan=plan, reason="Moved to another council", actor=worker)

    assert_recorded(trail.only_event(), action="plan.end", actor=worker, plan=plan)


# Refusals leave no trace


def test_it_records_nothing_when_sending_is_refused(plan, worker):
    update_section(plan, "about", worker, prepared_by="")
    trail = Trail()

    with pytest.raises(PlanNotReady):
        plan_send_for_agreement(plan=plan, actor=worker)

    assert trail.events() == []
    assert not AuditEvent.objects.filter(action="plan.send_for_agreement").exists()


def test_it_records_nothing_when_agreement_is_incomplete(plan, person, worker):
    plan_send_for_agreement(plan=plan, actor=worker)
    trail = Trail()

    with pytest.raises(AgreementIncomplete):
        plan_record_agreement(
            plan=plan, parties=person_and_worker_agree(person, worker)[1:], actor=worker
        )

    assert trail.events() == []


def test_it_records_nothing_when_an_edit_conflicts(plan, worker, person_user):
    stale = plan.section_revisions.get("important", 0) - 1
    trail = Trail()

    with pytest.raises(EditConflict):
        plan_update_section(
            plan=plan,
            section_key="important",
            data={"important_to_me": "Mine"},
            revision=stale,
            completed=None,
            actor=person_user,
        )

    assert trail.events() == []


def test_it_records_nothing_when_an_agreed_plan_is_edited(person, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    trail = Trail()

    with pytest.raises(PlanError):
        plan_item_create(plan=plan, kind="need", data=ITEM_DEFAULTS["need"], actor=worker)

    assert trail.events() == []


def test_it_records_nothing_when_a_second_plan_is_refused(plan, person, worker):
    trail = Trail()

    with pytest.raises(PlanError):
        plan_create(person=person, actor=worker)

    assert trail.events() == []


# Change and audit row stand or fall together


class AuditDown(Exception):
    pass


def break_audit(monkeypatch, fail) -> None:
    for module in (editing, agreement, versions):
        monkeypatch.setattr(module, "audit_record", fail)


@pytest.fixture
def broken_audit(monkeypatch):
    def fail(**kwargs):
        raise AuditDown

    break_audit(monkeypatch, fail)


def test_it_keeps_no_section_change_without_its_audit_event(plan, worker, broken_audit):
    with pytest.raises(AuditDown):
        update_section(plan, "important", worker, important_to_me="Unaudited")

    plan = fresh(plan)
    assert plan.important_to_me == "My garden and my cat"
    assert plan.section_revisions["important"] == 1


def test_it_keeps_no_new_item_without_its_audit_event(plan, worker, broken_audit):
    outcome = plan.outcomes.get()

    with pytest.raises(AuditDown):
        add_item(plan, "action", worker, outcome=outcome, description="Unaudited")

    assert not Action.objects.filter(description="Unaudited").exists()


def test_it_keeps_no_agreement_without_its_audit_event(plan, person, worker, monkeypatch):
    plan_send_for_agreement(plan=plan, actor=worker)

    def fail(**kwargs):
        raise AuditDown

    break_audit(monkeypatch, fail)
    with pytest.raises(AuditDown):
        plan_record_agreement(
            plan=plan, parties=person_and_worker_agree(person, worker), actor=worker
        )

    plan = fresh(plan)
    assert plan.status == Plan.Status.READY
    assert not plan.agreements.exists()
    assert not plan.issues.exists()


def test_it_keeps_no_new_version_without_its_audit_event(person, worker, monkeypatch):
    plan, _issue = build_agreed_plan(person=person, actor=worker)

    def fail(**kwargs):
        raise AuditDown

    break_audit(monkeypatch, fail)
    with pytest.raises(AuditDown):
        plan_start_new_version(plan=plan, actor=worker)

    assert list(person.plans.values_list("version_number", flat=True)) == [1]

"""Two people editing the same plan: the second save of a stale page is refused, never merged,
and the first person's work is kept. Each section and each item has its own revision."""

import pytest

from tandem import testing
from tandem.plans.models import Plan, Risk
from tandem.plans.services import (
    EditConflict,
    plan_item_delete,
    plan_item_update,
    plan_update_section,
)
from tandem.plans.tests.helpers import build_ready_plan, fresh

built = testing.built_once(
    plan=lambda s: build_ready_plan(person=s.person, actor=s.worker),
)


org, team, worker, person, plan = testing.from_scene("org", "team", "worker", "person", "plan")


def open_page(plan: Plan) -> tuple[Plan, dict]:
    """What a user's browser holds after opening the plan: the plan and its section revisions."""
    loaded = fresh(plan)
    return loaded, dict(loaded.section_revisions)


def save_section(plan, revisions, section_key, actor, **data):
    return plan_update_section(
        plan=plan,
        section_key=section_key,
        data=data,
        revision=revisions.get(section_key, 0),
        completed=None,
        actor=actor,
    )


def test_it_refuses_the_second_save_of_the_same_section(plan, worker, person_user):
    wendys_page, wendys_revisions = open_page(plan)
    pris_page, pris_revisions = open_page(plan)

    save_section(wendys_page, wendys_revisions, "important", worker, important_to_me="Her garden")
    with pytest.raises(EditConflict) as conflict:
        save_section(pris_page, pris_revisions, "important", person_user, important_to_me="My cat")

    assert "Someone else changed this" in str(conflict.value)
    plan = fresh(plan)
    assert plan.important_to_me == "Her garden"
    assert plan.section_revisions["important"] == wendys_revisions["important"] + 1


def test_it_saves_again_once_the_latest_version_has_been_loaded(plan, worker, person_user):
    wendys_page, wendys_revisions = open_page(plan)
    pris_page, pris_revisions = open_page(plan)
    save_section(wendys_page, wendys_revisions, "important", worker, important_to_me="Her garden")
    with pytest.raises(EditConflict):
        save_section(pris_page, pris_revisions, "important", person_user, important_to_me="My cat")

    reloaded, revisions = open_page(plan)
    save_section(reloaded, revisions, "important", person_user, important_to_me="My cat and garden")

    assert fresh(plan).important_to_me == "My cat and garden"


def test_it_saves_two_different_sections_edited_at_the_same_time(plan, worker, person_user):
    wendys_page, wendys_revisions = open_page(plan)
    pris_page, pris_revisions = open_page(plan)

    save_section(wendys_page, wendys_revisions, "management", worker, who_leads="Wendy checks")
    save_section(pris_page, pris_revisions, "control", person_user, staying_in_control="I decide")

    plan = fresh(plan)
    assert (plan.who_leads, plan.staying_in_control) == ("Wendy checks", "I decide")
    assert plan.important_to_me == "My garden and my cat"


def test_it_refuses_a_stale_change_to_an_item(plan, worker, person_user):
    wendys_copy = plan.risks.get()
    pris_copy = plan.risks.get()

    plan_item_update(
        item=wendys_copy,
        data={"how_managed": "Pendant alarm, checked weekly"},
        revision=wendys_copy.revision,
        actor=worker,
    )
    with pytest.raises(EditConflict):
        plan_item_update(
            item=pris_copy,
            data={"how_managed": "I don't want an alarm"},
            revision=pris_copy.revision,
            actor=person_user,
        )

    risk = Risk.objects.get(pk=wendys_copy.pk)
    assert (risk.how_managed, risk.revision) == ("Pendant alarm, checked weekly", 2)


def test_it_refuses_to_remove_an_item_changed_since_it_was_loaded(plan, worker, person_user):
    wendys_copy = plan.risks.get()
    pris_copy = plan.risks.get()

    plan_item_update(
        item=wendys_copy,
        data={"how_managed": "Pendant alarm, checked weekly"},
        revision=wendys_copy.revision,
        actor=worker,
    )
    with pytest.raises(EditConflict):
        plan_item_delete(item=pris_copy, revision=pris_copy.revision, actor=person_user)

    assert Risk.objects.get(pk=wendys_copy.pk).how_managed == "Pendant alarm, checked weekly"


def test_it_refuses_to_remove_an_item_twice(plan, worker, person_user):
    wendys_copy = plan.risks.get()
    pris_copy = plan.risks.get()

    plan_item_delete(item=wendys_copy, revision=wendys_copy.revision, actor=worker)
    with pytest.raises(EditConflict):
        plan_item_delete(item=pris_copy, revision=pris_copy.revision, actor=person_user)

    assert not plan.risks.exists()


def test_it_refuses_a_change_to_an_item_someone_else_removed(plan, worker, person_user):
    wendys_copy = plan.risks.get()
    pris_copy = plan.risks.get()

    plan_item_delete(item=wendys_copy, revision=wendys_copy.revision, actor=worker)
    with pytest.raises(EditConflict):
        plan_item_update(
            item=pris_copy,
            data={"how_managed": "I don't want an alarm"},
            revision=pris_copy.revision,
            actor=person_user,
        )

    assert not plan.risks.exists()


def test_it_saves_changes_to_two_different_items_at_the_same_time(plan, worker, person_user):
    risk = plan.risks.get()
    need = plan.needs.get()

    plan_item_update(item=risk, data={"how_managed": "Alarm"}, revision=risk.revision, actor=worker)
    plan_item_update(
        item=need, data={"description": "Cooking"}, revision=need.revision, actor=person_user
    )

    assert (plan.risks.get().how_managed, plan.needs.get().description) == ("Alarm", "Cooking")


def test_it_counts_each_items_revisions_separately_from_the_plans(plan, worker):
    outcome = plan.outcomes.get()
    page, revisions = open_page(plan)

    plan_item_update(
        item=outcome, data={"words": "Go to the club"}, revision=outcome.revision, actor=worker
    )
    save_section(page, revisions, "important", worker, strengths="Patient")

    assert fresh(plan).strengths == "Patient"

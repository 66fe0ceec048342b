"""Every plan page that writes refuses every role it must, and then changes nothing.

One entry per view (see tandem/testing_refusals.py). Who may do what:
- write the plan (start it, its sections and items, "not applicable"): staff of the person's team,
  the person and consenting carers (P1) — not providers;
- send it for agreement, record agreement, start a new version, end it: staff only;
- add a disagreement: anyone who can see the plan (A1, A2);
- decide on a disagreement: the coordinator or a manager of the person's team (A3).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.plans.models import Agreement, Disagreement, Outcome, Plan, PlanIssue, Risk
from tandem.plans.services import (
    PlanError,
    disagreement_add,
    disagreement_decide,
    plan_send_for_agreement,
)
from tandem.plans.tests.helpers import add_item, build_agreed_plan, build_ready_plan
from tandem.testing_refusals import (
    ANONYMOUS,
    DRAFTERS,
    ROLES,
    SEES_PERSON,
    STAFF,
    Write,
    assert_allowed,
    assert_every_refusal,
    assert_refused,
    case_id,
    cast_kept_for_module,
    link_sign_in_from_another_organisation,
    permissions,
    refused_writes,
    row,
    rows,
)

(
    built,
    org,
    team,
    worker,
    manager,
    person,
    person_user,
    carer_user,
    other_team_worker,
    other_org_worker,
    cast,
) = cast_kept_for_module()

# Scenes: what each view acts on, built through the services as a worker.


def no_plan(cast):
    return SimpleNamespace(person=cast.person)


def draft(cast):
    return SimpleNamespace(person=cast.person, plan=testing.make_plan(cast.person, cast.worker))


def draft_with_risk(cast):
    scene = draft(cast)
    scene.risk = add_item(scene.plan, "risk", cast.worker)
    return scene


def ready(cast):
    return SimpleNamespace(
        person=cast.person, plan=build_ready_plan(person=cast.person, actor=cast.worker)
    )


def sent(cast):
    scene = ready(cast)
    scene.plan = plan_send_for_agreement(plan=scene.plan, actor=cast.worker)
    return scene


def agreed(cast):
    plan, _issue = build_agreed_plan(person=cast.person, actor=cast.worker)
    return SimpleNamespace(person=cast.person, plan=plan)


def agreed_with_disagreement(cast):
    scene = agreed(cast)
    scene.disagreement = disagreement_add(
        plan=scene.plan,
        section="support",
        raised_by="Sue Sister",
        details="Two hours is not enough",
        actor=cast.worker,
    )
    return scene


# Snapshots and POST data.


def plan_url(name, *args):
    return lambda s: reverse(f"plans:{name}", args=[s.plan.pk, *args])


def plan_row(s):
    return row(s.plan)


def plans_of_person(s):
    return rows(Plan.objects.filter(person=s.person))


def agreement_state(s):
    return {
        "plan": row(s.plan),
        "agreements": rows(Agreement.objects.filter(plan=s.plan)),
        "issues": rows(PlanIssue.objects.filter(plan=s.plan)),
    }


def disagreement_state(s):
    return {"disagreements": rows(s.plan.disagreements.all()), "issues": rows(s.plan.issues.all())}


TODAY = datetime.date.today()
OUTCOME = {
    "words": "I want to swim every week",
    "kind": "change",
    "achieve_by_day": "1",
    "achieve_by_month": "9",
    "achieve_by_year": str(TODAY.year + 1),
    "life_area": "ascot:occupation",
    "revision": 0,
}
AGREEMENT = {
    "agreed_by": "person",
    "method": "in_person",
    "agreed_on_day": str(TODAY.day),
    "agreed_on_month": str(TODAY.month),
    "agreed_on_year": str(TODAY.year),
    "worker_agrees": "on",
}
# Staff of the team who are neither the coordinator nor a manager: let in by the view, refused by
# the decision itself with a message on the form (A3).
NOT_COORDINATOR = {"social_work_assistant", "occupational_therapist", "sensory_impairment_worker"}

WRITES = [
    Write(
        name="start",
        scene=no_plan,
        url=lambda s: reverse("plans:start", args=[s.person.pk]),
        data=lambda s: {},
        state=plans_of_person,
        allowed=DRAFTERS,
    ),
    Write(
        name="section_save",
        scene=draft,
        url=plan_url("section", "important"),
        data=lambda s: {
            "important_to_me": "My allotment",
            "strengths": "Patience",
            "revision": 0,
            "completed": "yes",
        },
        state=plan_row,
        allowed=DRAFTERS,
    ),
    Write(
        name="list_section_mark_completed",
        scene=draft,
        url=plan_url("section", "risks"),
        data=lambda s: {"completed": "yes"},
        state=plan_row,
        allowed=DRAFTERS,
    ),
    Write(
        name="item_add",
        scene=draft,
        url=plan_url("item_add", "outcome"),
        data=lambda s: OUTCOME,
        state=lambda s: rows(Outcome.objects.filter(plan=s.plan)),
        allowed=DRAFTERS,
    ),
    Write(
        name="item_change",
        scene=draft_with_risk,
        url=lambda s: reverse("plans:item", args=[s.plan.pk, "risk", s.risk.pk]),
        data=lambda s: {
            "description": "Falls on the stairs",
            "how_managed": "A second rail",
            "revision": s.risk.revision,
        },
        state=lambda s: row(s.risk),
        allowed=DRAFTERS,
    ),
    Write(
        name="item_remove",
        scene=draft_with_risk,
        url=lambda s: reverse("plans:item_remove", args=[s.plan.pk, "risk", s.risk.pk]),
        data=lambda s: {"revision": s.risk.revision},
        state=lambda s: rows(Risk.objects.filter(plan=s.plan)),
        allowed=DRAFTERS,
    ),
    Write(
        name="not_applicable",
        scene=draft,
        url=plan_url("element", "risk"),
        data=lambda s: {"reason": "Assessed: no risks we know of", "revision": 0},
        state=plan_row,
        allowed=DRAFTERS,
    ),
    Write(
        name="send_for_agreement",
        scene=ready,
        url=plan_url("check"),
        data=lambda s: {},
        state=plan_row,
        allowed=STAFF,
    ),
    Write(
        name="agree",
        scene=sent,
        url=plan_url("agree"),
        data=lambda s: AGREEMENT,
        state=agreement_state,
        allowed=STAFF,
    ),
    Write(
        name="disagreement_add",
        scene=agreed,
        url=plan_url("disagreement_add"),
        data=lambda s: {
            "section": "support",
            "raised_by": "Pat Provider",
            "details": "Two hours is not enough",
            # The site's today (London), the earliest day a plan started today can be raised on.
            "raised_on_day": str(timezone.localdate().day),
            "raised_on_month": str(timezone.localdate().month),
            "raised_on_year": str(timezone.localdate().year),
        },
        state=disagreement_state,
        allowed=SEES_PERSON,
    ),
    Write(
        name="disagreement_decide",
        scene=agreed_with_disagreement,
        url=lambda s: reverse("plans:disagreement_decide", args=[s.plan.pk, s.disagreement.pk]),
        data=lambda s: {"renegotiation": "needed", "renegotiation_reason": "Hours need a review"},
        state=lambda s: row(s.disagreement),
        allowed=frozenset({"social_worker", "team_manager"}),
        statuses=dict.fromkeys(NOT_COORDINATOR, 200),
    ),
    Write(
        name="new_version",
        scene=agreed,
        url=plan_url("new_version"),
        data=lambda s: {},
        state=plans_of_person,
        allowed=STAFF,
    ),
    Write(
        name="end",
        scene=agreed,
        url=plan_url("end"),
        data=lambda s: {"reason": "Moved to Wales"},
        state=plan_row,
        allowed=STAFF,
    ),
]


@pytest.mark.parametrize("write", refused_writes(WRITES), ids=case_id)
def test_it_refuses_the_write_and_changes_nothing(cast, write):
    assert_every_refusal(write, cast)


@pytest.mark.parametrize(("write", "role"), permissions(WRITES), ids=case_id)
def test_it_lets_an_allowed_role_make_the_same_write(cast, write, role):
    assert_allowed(write, cast, role)


@pytest.mark.parametrize("write", [w for w in WRITES if "person" in w.allowed], ids=case_id)
def test_it_refuses_a_sign_in_of_another_organisation_linked_to_the_person(
    cast, other_org_worker, write
):
    role = link_sign_in_from_another_organisation(cast, other_org_worker.organisation)
    assert_refused(write, cast, role)


def test_it_covers_every_role_for_every_write():
    for write in WRITES:
        assert set(write.refused_roles()) | write.allowed == set(ROLES), write.name
        assert ANONYMOUS in write.refused_roles()
        assert write.allowed <= SEES_PERSON, write.name


@pytest.mark.parametrize("role", ["person", "carer"])
def test_it_lets_only_workers_choose_the_coordinator(cast, role):
    """A3: the coordinator decides on disagreements, so the person and carers, who may write the
    rest of "About this plan", cannot choose who that is: their answer is not even asked for."""
    plan = testing.make_plan(cast.person, cast.worker)
    manager = cast.users["team_manager"]
    response = testing.client_for(cast.users[role]).post(
        reverse("plans:section", args=[plan.pk, "about"]),
        {"prepared_by": "person", "coordinator": manager.pk, "revision": 0},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.prepared_by == "person"
    assert saved.coordinator == cast.worker


# Checked again inside the services and forms: each of these is also behind the page's own check,
# so removing one alone changes no page's answer. They are tested where they are.

CIRCLE_ROLES = ["person", "carer", "provider"]


@pytest.mark.parametrize("role", CIRCLE_ROLES)
def test_it_asks_only_a_worker_who_disagrees(cast, role):
    """Only a worker records a disagreement on someone else's behalf; others disagree in their
    own name, so the page does not ask them who disagrees."""
    scene = agreed(cast)
    url = reverse("plans:disagreement_add", args=[scene.plan.pk])
    assert 'name="raised_by"' in testing.client_for(cast.worker).get(url).text
    assert 'name="raised_by"' not in testing.client_for(cast.users[role]).get(url).text


@pytest.mark.parametrize("role", CIRCLE_ROLES)
def test_it_records_a_disagreement_in_the_name_of_whoever_is_not_a_worker(cast, role):
    scene = agreed(cast)
    user = cast.users[role]
    disagreement = disagreement_add(
        plan=scene.plan,
        section="support",
        raised_by="The social worker",
        details="Two hours is not enough",
        actor=user,
    )
    assert disagreement.raised_by != "The social worker"
    assert disagreement.raised_by.startswith(user.display_name)


@pytest.mark.parametrize("role", [*CIRCLE_ROLES, "other_org_worker"])
def test_it_refuses_a_decision_by_anyone_but_the_organisations_staff_without_a_coordinator(
    cast, role
):
    """A3: with no coordinator named, any worker of the team may decide; no one else."""
    scene = agreed_with_disagreement(cast)
    Plan.objects.filter(pk=scene.plan.pk).update(coordinator=None)
    disagreement = Disagreement.objects.select_related("plan").get(pk=scene.disagreement.pk)
    assert disagreement.plan.coordinator is None
    with pytest.raises(PlanError):
        disagreement_decide(
            disagreement=disagreement,
            renegotiation="needed",
            reason="I decide",
            actor=cast.users[role],
        )
    disagreement.refresh_from_db()
    assert (disagreement.renegotiation, disagreement.decided_by) == ("", None)

"""Patient/[id]/$everything: what a health partner gets about a person, valid R4 throughout."""

import pytest
from fhir.resources.R4B.bundle import Bundle

from tandem.audit.models import AuditAction, AuditEvent
from tandem.interop.fhir import codes
from tandem.interop.fhir.tests.helpers import (
    build_full_person,
    everything_url,
    invariant_problems,
    resources_of,
)
from tandem.plans.models import Action, Indicator, Outcome


@pytest.fixture
def full(person, worker, manager):
    plan, provider_user = build_full_person(person, worker, manager)
    return plan, provider_user


def get_bundle(client, person):
    response = client.get(everything_url(person))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    return response.json()


def test_it_sends_the_whole_record_to_the_worker_as_valid_r4(client_for, worker, person, full):
    plan, _provider = full
    bundle = get_bundle(client_for(worker), person)

    Bundle.model_validate(bundle)
    assert codes.code_problems(bundle) == []
    assert invariant_problems(bundle) == []
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds >= {
        "Patient",
        "CarePlan",
        "Goal",
        "CareTeam",
        "RelatedPerson",
        "Practitioner",
        "Organization",
        "Consent",
        "Observation",
    }
    (care_plan,) = resources_of(bundle, "CarePlan")
    assert (care_plan["status"], care_plan["intent"]) == ("active", "plan")
    # Every outcome, indicator and action, each by the uid it keeps across versions.
    goals = {goal["id"]: goal for goal in resources_of(bundle, "Goal")}
    for outcome in Outcome.objects.filter(plan=plan):
        goal = goals[str(outcome.uid)]
        assert goal["identifier"] == [
            {"use": "official", "system": codes.part_system(), "value": str(outcome.uid)}
        ]
        assert goal["description"]["text"] == outcome.words
    targets = {t.get("id"): t for goal in goals.values() for t in goal["target"]}
    for indicator in Indicator.objects.filter(plan=plan):
        target = targets[f"indicator-{indicator.uid}"]
        assert target["measure"]["text"] == indicator.description
        assert target["dueDate"] == indicator.due_on.isoformat()
    activities = {a["id"]: a["detail"] for a in care_plan["activity"]}
    for action in Action.objects.filter(plan=plan):
        detail = activities[f"action-{action.uid}"]
        assert detail["description"] == action.description
        assert detail["goal"] == [{"reference": f"Goal/{action.outcome.uid}"}]


def test_it_follows_the_person_centered_outcomes_guide_for_gas(client_for, worker, person, full):
    bundle = get_bundle(client_for(worker), person)
    (goal,) = resources_of(bundle, "Goal")
    levels = [
        {e["url"]: e for e in extension["extension"]}["level"]["valueCoding"]["code"]
        for extension in goal["extension"]
        if extension["url"] == codes.PCO_GAS_EXTENSION
    ]
    # +2, +1, −1, −2 described in the plan (0 by the full record): highest first.
    assert levels == ["LA34479-8", "LA34480-6", "LA34481-4", "LA34483-0", "LA34484-8"]
    # The latest review rated it partly achieved, at +1.
    assert goal["achievementStatus"]["coding"][0]["code"] == "improving"
    observations = {o["id"]: o for o in resources_of(bundle, "Observation")}
    level = next(
        o for o in observations.values() if o["id"].startswith("gas-") and "score" not in o["id"]
    )
    assert level["code"]["coding"][0] == {
        "system": codes.LOINC,
        "code": "107333-7",
        "display": "Practitioner follow-up goal attainment scaling score",
    }
    assert level["focus"] == [{"reference": f"Goal/{goal['id']}"}]
    assert level["valueCodeableConcept"]["coding"][0]["code"] == "LA34480-6"
    score = next(o for o in observations.values() if o["id"].startswith("gas-score-"))
    assert score["valueQuantity"]["value"] == 60.0  # one outcome at +1: T = 60


def test_it_shows_a_provider_only_their_part(client_for, person, full):
    _plan, provider_user = full
    bundle = get_bundle(client_for(provider_user), person)

    assert invariant_problems(bundle) == []
    (care_plan,) = resources_of(bundle, "CarePlan")
    assert [a["detail"]["description"] for a in care_plan["activity"]] == [
        "Visit twice a week to help with shopping"
    ]
    assert "description" not in care_plan  # what is important to the person
    (goal,) = resources_of(bundle, "Goal")  # the outcome their action serves
    assert "achievementStatus" not in goal and "extension" not in goal
    for kind in ("Consent", "Observation"):
        assert resources_of(bundle, kind) == []
    (patient,) = resources_of(bundle, "Patient")
    assert "address" not in patient
    for member in resources_of(bundle, "RelatedPerson") + resources_of(bundle, "Organization"):
        assert "telecom" not in member


def test_it_audits_the_read_once_with_the_plan(client_for, worker, person, full):
    plan, _provider = full
    before = AuditEvent.objects.count()
    get_bundle(client_for(worker), person)

    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor, event.person_id, event.plan_id) == (
        AuditAction.FHIR_EVERYTHING_VIEW,
        worker,
        person.pk,
        plan.pk,
    )

"""POST Patient/[id]/CarePlan: a partner's Bundle becomes a new draft plan, parts keeping their
identities, with a report of what could not be mapped; bad requests get a clear 4xx."""

import json
import uuid

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.interop.fhir import codes
from tandem.interop.fhir.tests.helpers import (
    build_full_person,
    everything_url,
    import_url,
    resources_of,
)
from tandem.interop.fhir.tests.test_reading import bundle, goal
from tandem.plans.models import Action, Indicator, Outcome, Plan
from tandem.reviews.models import AttainmentLevel

FHIR_JSON = "application/fhir+json"


def export(client, person) -> dict:
    response = client.get(everything_url(person))
    assert response.status_code == 200
    return response.json()


def post(client, person, body, content_type=FHIR_JSON, **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(import_url(person), data=data, content_type=content_type, **extra)


def plan_parts(bundle: dict) -> dict:
    """What must survive a round trip: each outcome, indicator and action by its identity."""
    (care_plan,) = resources_of(bundle, "CarePlan")
    goals = {
        goal["identifier"][0]["value"]: (
            goal["description"]["text"],
            goal["category"][0]["coding"][0]["code"],
            goal.get("extension"),  # the GAS levels, each with its uid
            sorted(
                (t.get("id"), t.get("measure", {}).get("text"), t["dueDate"])
                for t in goal["target"]
            ),
        )
        for goal in resources_of(bundle, "Goal")
    }
    activities = {
        activity["id"]: (
            activity["detail"]["description"],
            activity["detail"]["code"]["coding"][0]["code"],
            activity["detail"].get("goal"),
            activity["detail"].get("scheduledTiming"),
            activity["detail"].get("scheduledString"),
        )
        for activity in care_plan.get("activity", [])
    }
    return {"goals": goals, "activities": activities}


@pytest.fixture
def full(person, worker, manager):
    plan, _provider = build_full_person(person, worker, manager)
    return plan


def test_it_round_trips_outcomes_indicators_and_actions_with_their_identities(
    client_for, worker, person, team, org, full
):
    client = client_for(worker)
    first = export(client, person)
    someone_else = testing.make_person(org, team, allocated_worker=worker)

    response = post(client, someone_else, first)

    assert response.status_code == 201, response.content
    report = response.json()
    OperationOutcome.model_validate(report)
    assert codes.code_problems(report) == []
    assert (
        "1 outcome, 1 indicator, 3 actions, 1 support arrangement"
        in report["issue"][0]["diagnostics"]
    )
    imported = Plan.objects.get(person=someone_else)
    assert (imported.status, imported.version_number) == (Plan.Status.DRAFT, 1)
    again = export(client, someone_else)
    assert plan_parts(again) == plan_parts(first)
    for model in (Outcome, Indicator, Action, AttainmentLevel):
        assert set(model.objects.filter(plan=imported).values_list("uid", flat=True)) == set(
            model.objects.filter(plan=full).values_list("uid", flat=True)
        )
    # The person and the worker are named again; a provider outside this circle is reported.
    responsible = Action.objects.filter(plan=imported)
    assert {a.description for a in responsible if a.responsible_is_person} == {
        "Find a lift to the club"
    }
    assert responsible.get(kind="equipment").responsible_staff == worker
    warnings = [i["diagnostics"] for i in report["issue"] if i["severity"] == "warning"]
    assert any("Riverside Care Ltd is not in this person’s circle" in w for w in warnings)
    assert AuditEvent.objects.filter(action=AuditAction.FHIR_IMPORT, plan=imported).count() == 1


def test_it_imports_into_a_new_version_of_an_agreed_plan(client_for, worker, person, full):
    client = client_for(worker)
    bundle = export(client, person)
    (goal,) = resources_of(bundle, "Goal")
    goal["description"]["text"] = "Go to the gardening club every week"

    response = post(client, person, bundle)

    assert response.status_code == 201, response.content
    draft = Plan.objects.get(person=person, status=Plan.Status.DRAFT)
    assert draft.version_number == full.version_number + 1
    outcome = draft.outcomes.get()
    assert outcome.uid == full.outcomes.get().uid  # the same outcome, reworded
    assert outcome.words == "Go to the gardening club every week"
    assert outcome.attainment_levels.count() == 5
    # What the bundle does not carry is kept from the agreed version.
    assert draft.risks.count() == full.risks.count() == 1


def test_it_refuses_while_a_plan_is_being_written(client_for, worker, person, team, org, full):
    client = client_for(worker)
    bundle = export(client, person)
    assert post(client, person, bundle).status_code == 201

    response = post(client, person, bundle)

    assert response.status_code == 409
    assert response.json()["issue"][0]["diagnostics"] == (
        "A new version of this plan is already being written."
    )
    assert Plan.objects.filter(person=person).count() == 2


BAD_REQUESTS = {
    "malformed JSON": (b'{"resourceType": "Bundle", ', FHIR_JSON, 400, "structure"),
    "a resource that is not a Bundle": (
        {"resourceType": "Patient", "id": "1"},
        FHIR_JSON,
        422,
        "not-supported",
    ),
    "a Bundle with no CarePlan": (
        {"resourceType": "Bundle", "type": "collection", "entry": []},
        FHIR_JSON,
        422,
        "not-supported",
    ),
    "a Bundle R4 does not allow": (
        {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"x": 1}}]},
        "application/json",
        400,
        "structure",
    ),
    "a form instead of FHIR JSON": (
        "a=b",
        "application/x-www-form-urlencoded",
        415,
        "not-supported",
    ),
    "a JSON list": (b"[]", FHIR_JSON, 400, "structure"),
}


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=str)
def test_it_answers_a_bad_request_with_an_operation_outcome(client_for, worker, person, case):
    body, content_type, status, code = BAD_REQUESTS[case]

    response = post(client_for(worker), person, body, content_type=content_type)

    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(FHIR_JSON)
    (issue,) = response.json()["issue"]
    assert (issue["severity"], issue["code"]) == ("error", code)
    assert issue["diagnostics"]
    assert not Plan.objects.filter(person=person).exists()


def test_it_refuses_a_50_mb_body_before_reading_it(client_for, worker, person):
    """The test client's body is 2 bytes long: reading past them would fail the test, so the
    413 shows the length was checked before anything was read."""
    response = post(client_for(worker), person, b"{}", CONTENT_LENGTH=str(50 * 1024 * 1024))

    assert response.status_code == 413
    assert response.json()["issue"][0]["code"] == "too-costly"


def test_it_answers_404_for_a_person_the_user_may_not_see(client_for, other_team_worker, person):
    response = post(client_for(other_team_worker), person, {"resourceType": "Bundle"})

    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"


def test_it_answers_404_for_a_person_who_does_not_exist(client_for, worker):
    response = client_for(worker).post(
        "/fhir/r4/Patient/999999/CarePlan", data="{}", content_type=FHIR_JSON
    )

    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_it_keeps_only_areas_of_life_the_council_uses(client_for, worker, person):
    def with_area(goal_id, area):
        tagged = goal(goal_id, words=f"Outcome {goal_id}", uid=str(uuid.uuid4()))
        system = codes.tandem_code_system("life-area")
        tagged["category"] = [{"coding": [{"system": system, "code": area}]}]
        return tagged

    response = post(
        client_for(worker), person, bundle(with_area("g1", "ascot:social"), with_area("g2", "x"))
    )

    assert response.status_code == 201, response.content
    plan = Plan.objects.get(person=person)
    assert dict(plan.outcomes.values_list("words", "life_area")) == {
        "Outcome g1": "ascot:social",
        "Outcome g2": "",
    }
    warnings = [i["diagnostics"] for i in response.json()["issue"] if i["severity"] == "warning"]
    assert any("'x' is not an area of life" in w for w in warnings)


@pytest.mark.parametrize("who", ["person_user", "carer_user"])
def test_the_person_and_their_carer_may_import_their_plan_as_on_the_pages(
    request, worker, person, who
):
    """P1: the person and a consenting carer draft plans too; the worker still coordinates."""
    response = post(testing.client_for(request.getfixturevalue(who)), person, bundle(goal()))

    assert response.status_code == 201, response.content
    plan = Plan.objects.get(person=person)
    assert (plan.status, plan.coordinator) == (Plan.Status.DRAFT, worker)
    assert plan.outcomes.get().words == "Walk to the shops"

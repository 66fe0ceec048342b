"""Who reaches the FHIR endpoints (the same people as the pages: tandem/tests/access_matrix.py
tries every role), what a signed-out system is told, and a read that costs the same number of
queries however big the plan and the circle are."""

import base64
import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.interop.fhir import codes
from tandem.interop.fhir.tests.helpers import everything_url, import_url, invariant_problems
from tandem.people.models import CircleMember, ConsentRecord
from tandem.plans.models import Action, Indicator, Outcome
from tandem.plans.services import plan_create
from tandem.reviews.models import ActionProgress, AttainmentLevel, OutcomeEvaluation
from tandem.reviews.tests.history_helpers import final_review


def test_it_describes_itself_to_anyone_as_r4(client):
    response = client.get(reverse("fhir:metadata"))

    assert response.status_code == 200
    statement = response.json()
    CapabilityStatement.model_validate(statement)
    assert codes.code_problems(statement) == []
    assert statement["fhirVersion"] == "4.0.1"
    (rest,) = statement["rest"]
    patient = next(r for r in rest["resource"] if r["type"] == "Patient")
    assert patient["operation"][0]["name"] == "everything"


@pytest.mark.django_db
def test_it_answers_a_signed_out_system_401_with_an_operation_outcome(client, person):
    before = AuditEvent.objects.count()

    response = client.get(everything_url(person))

    assert response.status_code == 401
    assert response.has_header("WWW-Authenticate")
    outcome = response.json()
    OperationOutcome.model_validate(outcome)
    assert codes.code_problems(outcome) == []
    assert outcome["issue"][0]["code"] == "login"
    assert AuditEvent.objects.count() == before


def test_it_takes_no_password_without_the_second_factor(client, worker, person):
    """HTTP Basic would let a worker's password in without their second factor."""
    worker.set_password("a-long-test-password")
    worker.save()
    basic = base64.b64encode(f"{worker.username}:a-long-test-password".encode()).decode()

    response = client.get(everything_url(person), HTTP_AUTHORIZATION=f"Basic {basic}")

    assert response.status_code == 401


@pytest.mark.parametrize(
    "role", ["administrator", "other_team_worker", "other_org_worker", "carer_without_consent"]
)
def test_it_answers_404_to_those_with_no_relationship_and_audits_nothing(cast, role):
    before = AuditEvent.objects.count()

    response = testing.client_for(cast.users[role]).get(everything_url(cast.person))

    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "person", "carer", "provider"])
def test_it_answers_everyone_who_may_see_the_person(cast, role):
    response = testing.client_for(cast.users[role]).get(everything_url(cast.person))

    assert response.status_code == 200
    patient = response.json()["entry"][0]["resource"]
    assert (patient["resourceType"], patient["id"]) == ("Patient", str(cast.person.pk))


def test_it_lets_only_those_who_draft_plans_import_one(cast):
    """A provider sees the person but may not write their plan: 403, and nothing is read."""
    response = testing.client_for(cast.users["provider"]).post(
        import_url(cast.person), data="{}", content_type="application/fhir+json"
    )

    assert response.status_code == 403
    assert response.json()["issue"][0]["code"] == "forbidden"


def test_it_answers_plain_json_to_a_client_asking_only_for_it(client_for, worker, person):
    response = client_for(worker).get(everything_url(person), HTTP_ACCEPT="application/json")

    assert response["Content-Type"].startswith("application/json")


def test_it_answers_405_as_an_operation_outcome(client_for, worker, person):
    response = client_for(worker).delete(everything_url(person))

    assert response.status_code == 405
    assert response.json()["issue"][0]["code"] == "not-supported"


# The number of queries, whatever the size of the plan ------------------------------------------


def build_plan_of_size(person, worker, size: int) -> None:
    """An agreed-looking plan of `size` outcomes, each with an indicator, two GAS levels, an
    action (for the person, a circle member or a worker, in turn) and progress on it; a circle
    of `size` members with consent to share; a final review rating every outcome."""
    org = person.organisation
    members = CircleMember.objects.bulk_create(
        CircleMember(
            organisation=org,
            person=person,
            name=f"Member {n}",
            kind=[CircleMember.Kind.CARER, CircleMember.Kind.PROVIDER][n % 2],
            consent_to_share=True,
        )
        for n in range(size)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            organisation=org,
            person=person,
            member=member,
            purpose=ConsentRecord.Purpose.SHARE_PLAN,
            given_by=ConsentRecord.GivenBy.PERSON,
            method=ConsentRecord.Method.IN_PERSON,
            given_on=datetime.date(2026, 1, 1),
        )
        for member in members
    )
    plan = plan_create(person=person, actor=worker)
    common = {"organisation": org, "plan": plan}
    outcomes = Outcome.objects.bulk_create(
        Outcome(**common, words=f"Outcome {n}", achieve_by=datetime.date(2027, 1, 1), position=n)
        for n in range(size)
    )
    Indicator.objects.bulk_create(
        Indicator(**common, outcome=o, description="Goes", due_on=datetime.date(2026, 6, 1))
        for o in outcomes
    )
    AttainmentLevel.objects.bulk_create(
        AttainmentLevel(**common, outcome=o, level=level, words="Words", uid=uuid.uuid4())
        for o in outcomes
        for level in (-1, 1)
    )
    responsible = [
        {"responsible_is_person": True},
        {"responsible_member": members[0]},
        {"responsible_staff": worker},
    ]
    actions = Action.objects.bulk_create(
        Action(**common, outcome=o, description=f"Action {n}", kind="paid", **responsible[n % 3])
        for n, o in enumerate(outcomes)
    )
    ActionProgress.objects.bulk_create(
        ActionProgress(
            organisation=org,
            plan=plan,
            action_uid=a.uid,
            status="under_way",
            happened_on=datetime.date(2026, 2, 1),
            recorded_by=worker,
        )
        for a in actions
    )
    final_review(
        person, plan, worker, datetime.date(2026, 3, 1), [1] * size, uids=[o.uid for o in outcomes]
    )
    OutcomeEvaluation.objects.update(rating=OutcomeEvaluation.Rating.ACHIEVED)


# Sign-in and session (3), the person, their organisation, the circle, the plans, the plan's
# parts (one query per registered kind) with agreements and disagreements, what other apps add
# to the snapshot (budgets, the last review), progress, the reviews' ratings, consents, audit.
EVERYTHING_QUERIES = 27


@pytest.mark.parametrize("size", [10, 200])
def test_it_reads_the_same_number_of_queries_however_big_the_plan(client_for, worker, person, size):
    build_plan_of_size(person, worker, size)
    client = client_for(worker)
    client.get(reverse("fhir:metadata"))  # the session settles on the first request

    with CaptureQueriesContext(connection) as queries:
        response = client.get(everything_url(person))

    bundle = response.json()
    assert response.status_code == 200
    assert len(queries) == EVERYTHING_QUERIES, [q["sql"][:120] for q in queries]
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert (kinds.count("Goal"), kinds.count("Consent")) == (size, size)
    assert invariant_problems(bundle) == []
    assert codes.code_problems(bundle) == []


@pytest.mark.parametrize("pk", ["not-a-number", "1.5", "999999"])
def test_it_answers_404_for_an_id_that_names_no_one(client_for, worker, pk):
    response = client_for(worker).get(f"/fhir/r4/Patient/{pk}/$everything?_count=x")

    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"

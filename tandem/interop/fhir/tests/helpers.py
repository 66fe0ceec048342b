"""Builders and checks shared by the FHIR tests: a full record (every kind of row held about a
person, from records/tests/full_record.py) with what FHIR shows besides – a provider and a
member of staff responsible for actions, GAS levels given at a review, consent to share – and
the R4 invariants the independent validator checks, written out for the bundles we send."""

import datetime
from typing import Any

from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.consent import consent_give
from tandem.people.models import CircleMember, ConsentRecord
from tandem.plans.models import Action, Outcome, Plan
from tandem.records.tests.full_record import build_full_record
from tandem.reviews.models import AttainmentLevel
from tandem.reviews.tests.history_helpers import final_review

HELD_ON = datetime.date(2026, 4, 1)


def everything_url(person) -> str:
    return reverse("fhir:everything", kwargs={"pk": person.pk})


def import_url(person) -> str:
    return reverse("fhir:import_plan", kwargs={"pk": person.pk})


def build_full_person(person, worker, manager):
    """The person with a full record and an agreed plan whose actions name the person, a
    provider (who has a sign-in) and a worker; GAS levels for the outcome at a final review.
    Returns (plan, provider user)."""
    build_full_record(person, worker, manager, "Bluebell")
    plan = Plan.objects.get(person=person, status=Plan.Status.AGREED)
    outcome = Outcome.objects.get(plan=plan)
    provider_user = testing.make_user(person.organisation, role=Role.PROVIDER)
    provider = testing.make_circle_member(
        person,
        name="Riverside Care Ltd",
        organisation_name="Riverside Care Ltd",
        kind=CircleMember.Kind.PROVIDER,
        user=provider_user,
        consent_to_share=False,
        phone="01632 960 111",
    )
    consent_give(
        member=provider,
        actor=worker,
        purpose=ConsentRecord.Purpose.SHARE_PLAN,
        given_by=ConsentRecord.GivenBy.PERSON,
        method=ConsentRecord.Method.IN_PERSON,
        given_on=datetime.date(2026, 2, 1),
    )
    common = {"organisation": person.organisation, "plan": plan, "outcome": outcome}
    Action.objects.create(
        **common,
        description="Visit twice a week to help with shopping",
        kind=Action.Kind.PAID,
        responsible_member=provider,
        starts_on=datetime.date(2026, 3, 1),
        due_on=datetime.date(2026, 9, 1),
        frequency="Tuesdays and Fridays",
        funded_by="personal_budget",
        position=2,
    )
    Action.objects.create(
        **common,
        description="Arrange an occupational therapy visit",
        kind=Action.Kind.EQUIPMENT,
        responsible_staff=worker,
        due_on=datetime.date(2026, 5, 1),
        funded_by="social_work",
        position=3,
    )
    for level in (-2, -1, 1, 2):
        AttainmentLevel.objects.create(
            **common, level=level, words=f"Goes to the club {level + 3} times a month"
        )
    final_review(person, plan, worker, HELD_ON, [1], uids=[outcome.uid])
    return plan, provider_user


def resources_of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [
        entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind
    ]


def references(node: Any):
    """Every `reference` string anywhere inside a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def invariant_problems(bundle: dict[str, Any]) -> list[str]:
    """The R4 invariants our bundles could break: bdl-7 (fullUrls unique), every reference
    resolves inside the bundle, cpl-3 (an activity has a reference or a detail, not both),
    gol-1 (a target with a detail has a measure), ctm-1 (onBehalfOf only for practitioners),
    ppc-1 (a Consent has a policy or a policy rule), ppc-2 (a privacy consent has a patient)."""
    problems = []
    full_urls = [entry["fullUrl"] for entry in bundle["entry"]]
    if len(full_urls) != len(set(full_urls)):
        problems.append("bdl-7: fullUrls are not unique")
    present = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        name = f"{resource['resourceType']}/{resource['id']}"
        problems += [
            f"{name}: {target} is not in the bundle"
            for target in references(resource)
            if target not in present
        ]
        problems += [f"{rule}: {name}" for rule in _broken(resource)]
    return problems


def _broken(resource: dict[str, Any]) -> list[str]:
    broken = [
        "cpl-3"
        for activity in resource.get("activity") or []
        if ("reference" in activity) == ("detail" in activity)
    ]
    broken += [
        "gol-1"
        for target in resource.get("target") or []
        if any(key.startswith("detail") for key in target) and "measure" not in target
    ]
    broken += [
        "ctm-1"
        for participant in resource.get("participant") or []
        if "onBehalfOf" in participant
        and not participant.get("member", {}).get("reference", "").startswith("Practitioner/")
    ]
    if resource["resourceType"] == "Consent":
        broken += [] if resource.get("policy") or resource.get("policyRule") else ["ppc-1"]
        broken += [] if "patient" in resource else ["ppc-2"]
    return broken

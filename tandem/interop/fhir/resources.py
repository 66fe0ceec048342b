"""Tandem's records as FHIR R4 resources, one function each (docs/fhir.md has the mapping table).

Each function takes rows already loaded (everything.py loads them in a fixed number of queries)
and returns the resource as plain JSON data; nothing here reads the database. Only elements of
FHIR R4 (4.0.1) are used, and only codes from the value sets in codes.py.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tandem.accounts.models import Organisation, User
from tandem.interop.fhir import codes
from tandem.people.models import CircleMember, ConsentRecord, Person
from tandem.reviews.models import OutcomeEvaluation, Review
from tandem.reviews.sections import level_words

# Circle members who are organisations (a provider, another agency) rather than people.
ORGANISATION_KINDS = frozenset({CircleMember.Kind.PROVIDER, CircleMember.Kind.AGENCY})
RELATIONSHIP: dict[str, str] = {
    CircleMember.Kind.FAMILY: "FAMMEMB",
    CircleMember.Kind.FRIEND: "FRND",
}
RELATIONSHIP_DISPLAY = {"FAMMEMB": "family member", "FRND": "unrelated friend"}

# Tandem's plan and review states in FHIR's words.
PLAN_STATUS = {
    "draft": "draft",
    "ready": "draft",
    "agreed": "active",
    "superseded": "revoked",
    "ended": "completed",
}
GOAL_LIFECYCLE = {
    "draft": "proposed",
    "ready": "proposed",
    "agreed": "active",
    "superseded": "completed",
    "ended": "completed",
}
PROGRESS_STATUS = {
    "not_started": "not-started",
    "under_way": "in-progress",
    "done": "completed",
    "stopped": "stopped",
}
ACHIEVEMENT: dict[str, tuple[str, str]] = {
    OutcomeEvaluation.Rating.ACHIEVED: ("achieved", "Achieved"),
    OutcomeEvaluation.Rating.PARTLY: ("improving", "Improving"),
    OutcomeEvaluation.Rating.NOT_ACHIEVED: ("not-achieved", "Not Achieved"),
}


def ref(kind: str, pk: Any, display: str = "") -> dict[str, str]:
    reference = {"reference": f"{kind}/{pk}"}
    return {**reference, "display": display} if display else reference


def patient_ref(person: Person) -> dict[str, str]:
    return ref("Patient", person.pk)


def council_id(organisation_id: int) -> str:
    return f"council-{organisation_id}"


def member_ref(member: CircleMember) -> dict[str, str]:
    if member.kind in ORGANISATION_KINDS:
        return ref("Organization", f"member-{member.pk}", member.organisation_name or member.name)
    return ref("RelatedPerson", member.pk, member.name)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _coding(system: str, code: str, display: str = "") -> dict[str, str]:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def _telecom(phone: str, email: str) -> list[dict[str, str]]:
    return [
        {"system": system, "value": value}
        for system, value in (("phone", phone), ("email", email))
        if value
    ]


def patient(person: Person, *, whole_record: bool) -> dict[str, Any]:
    """The person. Their address only for readers of the whole record (staff, themselves)."""
    names: list[dict[str, Any]] = [
        {"use": "official", "family": person.family_name, "given": [person.given_name]}
    ]
    if person.preferred_name:
        names.append({"use": "usual", "given": [person.preferred_name]})
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(person.pk),
        "identifier": [
            {
                "use": "usual",
                "system": codes.local_identifier_system(person.organisation_id),
                "value": person.local_identifier,
            }
        ],
        "active": person.closed_on is None,
        "name": names,
        "birthDate": _iso(person.date_of_birth),
        "communication": [{"language": {"text": person.language}, "preferred": True}],
        "managingOrganization": ref("Organization", council_id(person.organisation_id)),
    }
    if whole_record and person.address:
        resource["address"] = [{"text": person.address}]
    return resource


def practitioner(user: User) -> dict[str, Any]:
    name: dict[str, Any] = {"text": user.display_name}
    if user.last_name:
        name["family"] = user.last_name
    if user.first_name:
        name["given"] = [user.first_name]
    return {"resourceType": "Practitioner", "id": str(user.pk), "name": [name]}


def council(organisation: Organisation) -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "id": council_id(organisation.pk),
        "active": True,
        "name": organisation.name,
    }


def circle_member(member: CircleMember, person: Person, *, whole_record: bool) -> dict[str, Any]:
    """A provider or agency as an Organization; a carer, relative, friend or advocate as a
    RelatedPerson. Contact details only for readers of the whole record."""
    contact = _telecom(member.phone, member.email) if whole_record else []
    if member.kind in ORGANISATION_KINDS:
        organisation: dict[str, Any] = {
            "resourceType": "Organization",
            "id": f"member-{member.pk}",
            "active": True,
            "name": member.organisation_name or member.name,
        }
        if contact:
            organisation["telecom"] = contact
        return organisation
    relationship: dict[str, Any] = {"text": member.relationship or str(member.get_kind_display())}
    if code := RELATIONSHIP.get(member.kind):
        relationship["coding"] = [_coding(codes.V3_ROLE_CODE, code, RELATIONSHIP_DISPLAY[code])]
    resource: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": str(member.pk),
        "active": True,
        "patient": patient_ref(person),
        "relationship": [relationship],
        "name": [{"text": member.name}],
    }
    if contact:
        resource["telecom"] = contact
    if whole_record and member.address:
        resource["address"] = [{"text": member.address}]
    return resource


def care_team(person: Person, members: list[CircleMember], worker: User | None) -> dict[str, Any]:
    """The circle of support, with the allocated worker."""
    participants = [
        {"role": [{"text": str(member.get_kind_display())}], "member": member_ref(member)}
        for member in members
    ]
    if worker is not None:
        participants.insert(
            0,
            {
                "role": [{"text": "Allocated worker"}],
                "member": ref("Practitioner", worker.pk, worker.display_name),
            },
        )
    team: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": f"circle-{person.pk}",
        "status": "active",
        "name": f"Circle of support of {person.full_name}",
        "subject": patient_ref(person),
        "managingOrganization": [ref("Organization", council_id(person.organisation_id))],
    }
    if participants:
        team["participant"] = participants
    return team


def consent(record: ConsentRecord, member: CircleMember, person: Person) -> dict[str, Any]:
    """The person's consent to share their plan with one member of their circle (R4 Consent:
    privacy scope, LOINC "Patient Consent" category, an opt-in policy rule, one permit)."""
    period = {"start": _iso(record.given_on)}
    if record.withdrawn_on:
        period["end"] = _iso(record.withdrawn_on)
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": str(record.pk),
        "status": "active" if record.in_force else "inactive",
        "scope": {"coding": [_coding(codes.CONSENT_SCOPE, "patient-privacy", "Privacy Consent")]},
        "category": [{"coding": [_coding(codes.LOINC, *codes.CONSENT_CATEGORY)]}],
        "patient": patient_ref(person),
        "dateTime": _iso(record.given_on),
        "organization": [ref("Organization", council_id(person.organisation_id))],
        "policyRule": {"coding": [_coding(codes.V3_ACT_CODE, "OPTIN", "opt-in")]},
        "provision": {
            "type": "permit",
            "period": period,
            "actor": [
                {
                    "role": {
                        "coding": [_coding(codes.V3_PARTICIPATION, "IRCP", "information recipient")]
                    },
                    "reference": member_ref(member),
                }
            ],
        },
    }
    if record.given_by == ConsentRecord.GivenBy.PERSON:
        resource["performer"] = [patient_ref(person)]
    return resource


def gas_level_observation(
    evaluation: OutcomeEvaluation, person: Person, goal_id: str
) -> dict[str, Any]:
    """One outcome's Goal Attainment Scaling level at a review, as the Person-Centered Outcomes
    guide records a follow-up score: LOINC 107333-7, a LOINC answer, `focus` on the Goal."""
    review = evaluation.review
    level = evaluation.gas_level
    assert level is not None
    code, display = codes.GAS_ANSWERS[level]
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"gas-{evaluation.pk}",
        "status": "final",
        "category": [{"coding": [_coding(codes.OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": {"coding": [_coding(codes.LOINC, *codes.GAS_PRACTITIONER_SCORE)]},
        "subject": patient_ref(person),
        "focus": [ref("Goal", goal_id)],
        "valueCodeableConcept": {
            "coding": [_coding(codes.LOINC, code, display)],
            "text": level_words(level),
        },
    }
    _review_details(observation, review)
    return observation


def gas_t_score_observation(
    review: Review, person: Person, score: Decimal, goal_ids: list[str]
) -> dict[str, Any]:
    """A review's Kiresuk–Sherman T-score over every outcome rated on the GAS scale (50 is
    every outcome met as expected), focused on the Goals it combines."""
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"gas-score-{review.pk}",
        "status": "final",
        "category": [{"coding": [_coding(codes.OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": {
            "coding": [
                _coding(
                    codes.tandem_code_system("gas"),
                    "t-score",
                    "Goal Attainment Scaling T-score",
                )
            ],
            "text": "Goal Attainment Scaling T-score (Kiresuk–Sherman)",
        },
        "subject": patient_ref(person),
        "focus": [ref("Goal", goal_id) for goal_id in goal_ids],
        "valueQuantity": {
            "value": float(score),
            "unit": "score",
            "system": codes.UCUM,
            "code": "{score}",
        },
    }
    _review_details(observation, review)
    return observation


def _review_details(observation: dict[str, Any], review: Review) -> None:
    if review.held_on:
        observation["effectiveDateTime"] = _iso(review.held_on)
    if review.finalised_by_id:
        observation["performer"] = [ref("Practitioner", review.finalised_by_id)]

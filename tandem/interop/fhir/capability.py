"""What Tandem's FHIR R4 interface offers, as a CapabilityStatement (GET /fhir/r4/metadata)."""

from typing import Any

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from tandem.interop.fhir.codes import FHIR_VERSION

EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything"
# The date this statement last changed (not the date it was asked for: it is the same document).
PUBLISHED = "2026-12-02"


def capability_statement(base_url: str) -> dict[str, Any]:
    """R4 only: kind "instance" with its `implementation` (cpb-14), a REST server listing each
    resource type Tandem sends, the `$everything` operation and the CarePlan import."""
    read_only = "Sent inside Patient/[id]/$everything; not read on its own."
    statement = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": PUBLISHED,
        "publisher": "Tandem",
        "kind": "instance",
        "software": {"name": "Tandem"},
        "implementation": {
            "description": "Tandem: person-led support planning (FHIR R4 for health partners)",
            "url": base_url,
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    "Sign in, or send a token, as a user who may see the person: the same "
                    "access as Tandem's pages. Errors are OperationOutcomes."
                ),
                "resource": [
                    {
                        "type": "Patient",
                        "documentation": "A person supported by Tandem; id is Tandem's id.",
                        "operation": [{"name": "everything", "definition": EVERYTHING}],
                    },
                    {
                        "type": "CarePlan",
                        "documentation": (
                            "The person's current support plan. POST a Bundle holding a "
                            "CarePlan and its Goals to Patient/[id]/CarePlan to import it as a "
                            "new draft plan; the answer is an OperationOutcome report."
                        ),
                        "interaction": [{"code": "create"}],
                    },
                    *(
                        {"type": kind, "documentation": read_only}
                        for kind in (
                            "Goal",
                            "Observation",
                            "CareTeam",
                            "RelatedPerson",
                            "Practitioner",
                            "Organization",
                            "Consent",
                        )
                    ),
                ],
            }
        ],
    }
    return CapabilityStatement.model_validate(statement).model_dump(mode="json", exclude_none=True)

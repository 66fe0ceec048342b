"""The code systems and value sets Tandem's FHIR R4 uses, and the check of every coded element.

`fhir.resources` checks the structure of a resource but not its codes (`status="bogus"`
passes), and an independent R4 validator is run against what Tandem sends. So every coded
element with a *required* binding in FHIR R4 (4.0.1), and the few codings Tandem chooses from
extensible or preferred value sets, is checked here against the codes R4 lists for it:
`code_problems(resource)` names each code outside its value set.
"""

from collections.abc import Iterator
from typing import Any

from django.conf import settings

FHIR_VERSION = "4.0.1"
JSON_TYPES = ("application/fhir+json", "application/json")

# Tandem's own identifier systems and code systems. An organisation running Tandem can set
# FHIR_SYSTEM_BASE to a URI it owns; the default is reserved for examples.
DEFAULT_SYSTEM_BASE = "https://tandem.example.org/fhir"


def system_base() -> str:
    return getattr(settings, "FHIR_SYSTEM_BASE", DEFAULT_SYSTEM_BASE).rstrip("/")


def part_system() -> str:
    """The identifier system of a plan part's lasting uid (outcomes, indicators, actions…)."""
    return f"{system_base()}/sid/plan-part"


def plan_system() -> str:
    return f"{system_base()}/sid/plan"


def local_identifier_system(organisation_id: int) -> str:
    """A person's local identifier is unique within their organisation only."""
    return f"{system_base()}/sid/local-identifier/{organisation_id}"


def tandem_code_system(name: str) -> str:
    """Tandem's own vocabularies (kinds of outcome and action, areas of life, GAS T-score)."""
    return f"{system_base()}/CodeSystem/{name}"


LOINC = "http://loinc.org"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"

# The HL7 Person-Centered Outcomes guide (R4, STU 1): GAS levels on a Goal, and scores.
PCO_GAS_EXTENSION = "http://hl7.org/fhir/us/pco/StructureDefinition/pco-goal-attainment-scaling"
GAS_MEASURE = ("107332-9", "Goal attainment scale - Reported")
GAS_PRACTITIONER_SCORE = ("107333-7", "Practitioner follow-up goal attainment scaling score")
# LOINC answer list LL6900-6, by GAS level.
GAS_ANSWERS: dict[int, tuple[str, str]] = {
    2: ("LA34479-8", "Much better than expected"),
    1: ("LA34480-6", "Better than expected"),
    0: ("LA34481-4", "Expected outcome"),
    -1: ("LA34483-0", "Less than expected"),
    -2: ("LA34484-8", "Much less than expected"),
}
GAS_LEVEL_OF_ANSWER = {code: level for level, (code, _display) in GAS_ANSWERS.items()}
CONSENT_CATEGORY = ("59284-0", "Patient Consent")

# R4 value sets of required bindings (and of the few other codings Tandem chooses).
BUNDLE_TYPES = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)
SEARCH_MODES = frozenset({"match", "include", "outcome"})
REQUEST_STATUS = frozenset(
    {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
)
CAREPLAN_INTENT = frozenset({"proposal", "plan", "order", "option"})
ACTIVITY_STATUS = frozenset(
    {
        "not-started",
        "scheduled",
        "in-progress",
        "on-hold",
        "completed",
        "cancelled",
        "stopped",
        "unknown",
        "entered-in-error",
    }
)
GOAL_LIFECYCLE = frozenset(
    {
        "proposed",
        "planned",
        "accepted",
        "active",
        "on-hold",
        "completed",
        "cancelled",
        "entered-in-error",
        "rejected",
    }
)
GOAL_ACHIEVEMENT_CODES = frozenset(
    {
        "in-progress",
        "improving",
        "worsening",
        "no-change",
        "achieved",
        "sustaining",
        "not-achieved",
        "no-progress",
        "not-attainable",
    }
)
CARETEAM_STATUS = frozenset({"proposed", "active", "suspended", "inactive", "entered-in-error"})
CONSENT_STATE = frozenset(
    {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
)
CONSENT_SCOPES = frozenset({"adr", "research", "patient-privacy", "treatment"})
PROVISION_TYPE = frozenset({"deny", "permit"})
OBSERVATION_STATUS = frozenset(
    {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    }
)
ADMINISTRATIVE_GENDER = frozenset({"male", "female", "other", "unknown"})
NAME_USE = frozenset({"usual", "official", "temp", "nickname", "anonymous", "old", "maiden"})
IDENTIFIER_USE = frozenset({"usual", "official", "temp", "secondary", "old"})
CONTACT_SYSTEM = frozenset({"phone", "fax", "email", "pager", "url", "sms", "other"})
CONTACT_USE = frozenset({"home", "work", "temp", "old", "mobile"})
ADDRESS_USE = frozenset({"home", "work", "temp", "old", "billing"})
ADDRESS_TYPE = frozenset({"postal", "physical", "both"})
PUBLICATION_STATUS = frozenset({"draft", "active", "retired", "unknown"})
CAPABILITY_KIND = frozenset({"instance", "capability", "requirements"})
REST_MODE = frozenset({"client", "server"})
TYPE_INTERACTIONS = frozenset(
    {"read", "vread", "update", "patch", "delete", "history-instance", "history-type"}
    | {"create", "search-type"}
)
FORMATS = frozenset({"json", "xml", "ttl", "application/fhir+json", "application/json"})
ISSUE_SEVERITY = frozenset({"fatal", "error", "warning", "information"})
ISSUE_TYPE = frozenset(
    {
        "invalid",
        "structure",
        "required",
        "value",
        "invariant",
        "security",
        "login",
        "unknown",
        "expired",
        "forbidden",
        "suppressed",
        "processing",
        "not-supported",
        "duplicate",
        "multiple-matches",
        "not-found",
        "deleted",
        "too-long",
        "code-invalid",
        "extension",
        "too-costly",
        "business-rule",
        "conflict",
        "transient",
        "lock-error",
        "no-store",
        "exception",
        "timeout",
        "incomplete",
        "throttled",
        "informational",
    }
)
# RelatedPerson.relationship (preferred binding, PatientRelationshipType): the codes Tandem uses.
RELATIONSHIP_CODES = frozenset({"FAMMEMB", "FRND", "NBOR", "GUARD", "POWATT"})
CONSENT_POLICY_RULES = frozenset({"OPTIN", "OPTOUT"})

# For each resource type: (path, allowed codes, system). A path ending in "coding" is a list of
# Codings, each of which must have that system and a code in the set; otherwise the value at the
# path is a `code`.
BINDINGS: dict[str, tuple[tuple[str, frozenset[str], str | None], ...]] = {
    "Bundle": (("type", BUNDLE_TYPES, None), ("entry.search.mode", SEARCH_MODES, None)),
    "Patient": (
        ("gender", ADMINISTRATIVE_GENDER, None),
        ("name.use", NAME_USE, None),
        ("identifier.use", IDENTIFIER_USE, None),
        ("telecom.system", CONTACT_SYSTEM, None),
        ("telecom.use", CONTACT_USE, None),
        ("address.use", ADDRESS_USE, None),
        ("address.type", ADDRESS_TYPE, None),
    ),
    "RelatedPerson": (
        ("gender", ADMINISTRATIVE_GENDER, None),
        ("name.use", NAME_USE, None),
        ("telecom.system", CONTACT_SYSTEM, None),
        ("telecom.use", CONTACT_USE, None),
        ("address.use", ADDRESS_USE, None),
        ("relationship.coding", RELATIONSHIP_CODES, V3_ROLE_CODE),
    ),
    "Practitioner": (("gender", ADMINISTRATIVE_GENDER, None), ("name.use", NAME_USE, None)),
    "Organization": (("telecom.system", CONTACT_SYSTEM, None), ("telecom.use", CONTACT_USE, None)),
    "CarePlan": (
        ("status", REQUEST_STATUS, None),
        ("intent", CAREPLAN_INTENT, None),
        ("identifier.use", IDENTIFIER_USE, None),
        ("activity.detail.status", ACTIVITY_STATUS, None),
    ),
    "Goal": (
        ("lifecycleStatus", GOAL_LIFECYCLE, None),
        ("achievementStatus.coding", GOAL_ACHIEVEMENT_CODES, GOAL_ACHIEVEMENT),
        ("identifier.use", IDENTIFIER_USE, None),
    ),
    "CareTeam": (("status", CARETEAM_STATUS, None),),
    "Consent": (
        ("status", CONSENT_STATE, None),
        ("scope.coding", CONSENT_SCOPES, CONSENT_SCOPE),
        ("category.coding", frozenset({CONSENT_CATEGORY[0]}), LOINC),
        ("policyRule.coding", CONSENT_POLICY_RULES, V3_ACT_CODE),
        ("provision.type", PROVISION_TYPE, None),
        ("provision.actor.role.coding", frozenset({"IRCP"}), V3_PARTICIPATION),
    ),
    "Observation": (
        ("status", OBSERVATION_STATUS, None),
        ("category.coding", frozenset({"survey"}), OBSERVATION_CATEGORY),
    ),
    "OperationOutcome": (
        ("issue.severity", ISSUE_SEVERITY, None),
        ("issue.code", ISSUE_TYPE, None),
    ),
    "CapabilityStatement": (
        ("status", PUBLICATION_STATUS, None),
        ("kind", CAPABILITY_KIND, None),
        ("fhirVersion", frozenset({FHIR_VERSION}), None),
        ("format", FORMATS, None),
        ("rest.mode", REST_MODE, None),
        ("rest.resource.interaction.code", TYPE_INTERACTIONS, None),
    ),
}


def _values(node: Any, path: list[str]) -> Iterator[Any]:
    """Every value at a dotted path, through lists at any step."""
    if isinstance(node, list):
        for item in node:
            yield from _values(item, path)
        return
    if not path:
        yield node
        return
    if isinstance(node, dict) and path[0] in node:
        yield from _values(node[path[0]], path[1:])


def code_problems(resource: dict[str, Any]) -> list[str]:
    """Each coded element of this resource (and of the resources a Bundle holds) whose code is
    not in its R4 value set, as "Goal.lifecycleStatus: 'bogus'". Empty when all are valid."""
    kind = resource.get("resourceType", "")
    problems = []
    for path, allowed, system in BINDINGS.get(kind, ()):
        for value in _values(resource, path.split(".")):
            if system is None:
                if value not in allowed:
                    problems.append(f"{kind}.{path}: {value!r}")
            elif value.get("system") != system or value.get("code") not in allowed:
                problems.append(f"{kind}.{path}: {value.get('system')}#{value.get('code')}")
    if kind == "Bundle":
        for entry in resource.get("entry") or []:
            problems += code_problems(entry.get("resource") or {})
    return problems

"""What drf-spectacular adds to the OpenAPI description: only the REST API's own endpoints, and
the problem responses every endpoint may answer (docs/api.md, "Errors")."""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "For 400: the messages for each field (`non_field_errors`: others).",
        },
    },
    "required": ["type", "title", "status", "detail"],
}

READ_PROBLEMS = {
    "400": "A filter or cursor that is not valid.",
    "401": "No valid token or session.",
    "403": "Your role may not do this.",
    "404": "Not found, or not someone you may see.",
    "405": "This address does not take this method.",
    "406": "The API answers JSON only.",
}
WRITE_PROBLEMS = {
    **READ_PROBLEMS,
    "400": "The request has mistakes in it: the messages are under `errors`.",
    "409": "Someone else changed this since you read it: read it again.",
    "415": "Send JSON.",
    "422": "The rules refuse this: `detail` says why.",
}


def only_api(endpoints, **kwargs):
    """PREPROCESSING_HOOKS: the description is of /api/v1/ only (FHIR is described by its own
    CapabilityStatement)."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


def add_problem_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS: every operation may answer these problems."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            problems = READ_PROBLEMS if method in {"get", "head"} else WRITE_PROBLEMS
            responses = operation.setdefault("responses", {})
            for code, description in problems.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result

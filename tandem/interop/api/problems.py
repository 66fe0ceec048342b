"""Errors as RFC 9457 problem details (`application/problem+json`), always with a 4xx status for
what the client can put right (docs/api.md, "Errors").

The services' one error hierarchy (tandem/errors.py) maps onto problems here, so the API refuses
with the same words as the pages: a rule's refusal (`Refused`) is 422, someone else's newer
change (`EditConflict`) is 409, a service's ValidationError is 400 with its field messages.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from tandem.errors import EditConflict, Refused

PROBLEM_TYPE = "application/problem+json"
# Problem type URIs: identifiers documented in docs/api.md, not pages to fetch.
TYPE_BASE = "tag:tandem,2026:problem:"


def problem(
    status_code: int, code: str, title: str, detail: str = "", **extensions: Any
) -> Response:
    body = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status_code,
        "detail": detail or title,
        **extensions,
    }
    return Response(body, status=status_code, content_type=PROBLEM_TYPE)


def _messages(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [m for item in value for m in _messages(item)]
    if isinstance(value, dict):
        return [m for item in value.values() for m in _messages(item)]
    return [str(value)]


def field_errors(detail: Any) -> dict[str, list[str]]:
    """Messages by field; messages about no one field under `non_field_errors`."""
    if isinstance(detail, dict):
        return {str(name): _messages(value) for name, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def invalid(errors: dict[str, list[str]]) -> Response:
    first = next((m for messages in errors.values() for m in messages), "")
    return problem(
        status.HTTP_400_BAD_REQUEST,
        "invalid",
        _("The request has mistakes in it"),
        first,
        errors=errors,
    )


def _from_service(exc: Exception) -> Response | None:
    if isinstance(exc, EditConflict):
        return problem(
            status.HTTP_409_CONFLICT,
            "edit-conflict",
            _("Someone else changed this first"),
            str(exc),
        )
    if isinstance(exc, Refused):
        return problem(
            status.HTTP_422_UNPROCESSABLE_ENTITY, "refused", _("The rules refuse this"), str(exc)
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return invalid({name: list(m) for name, m in exc.message_dict.items()})
        return invalid({"non_field_errors": list(exc.messages)})
    return None


CODES = {
    400: ("invalid", _("The request has mistakes in it")),
    401: ("not-authenticated", _("Sign in or send a token")),
    403: ("forbidden", _("You may not do this")),
    404: ("not-found", _("Not found")),
    405: ("method-not-allowed", _("Method not allowed")),
    406: ("not-acceptable", _("Not acceptable")),
    415: ("unsupported-media-type", _("Unsupported media type")),
    429: ("throttled", _("Too many requests")),
}


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK's EXCEPTION_HANDLER: every error the API answers, as a problem."""
    response = _from_service(exc)
    if response is not None:
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling and logging
    if isinstance(exc, exceptions.ValidationError):
        return invalid(field_errors(exc.detail))
    code, title = CODES.get(response.status_code, ("error", _("Error")))
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    answer = problem(response.status_code, code, str(title), str(detail))
    for header in ("WWW-Authenticate", "Allow", "Retry-After"):
        if header in response:
            answer[header] = response[header]
    return answer


def _not_found_response(request):
    response = problem(
        status.HTTP_404_NOT_FOUND,
        "not-found",
        _("Not found"),
        _("There is nothing at this address. The API’s addresses are listed at /api/docs/."),
    )
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = PROBLEM_TYPE
    response.renderer_context = {"request": request}
    response.render()
    return response


@csrf_exempt  # nothing is changed here: a write to no address is a 404, not a CSRF refusal
def not_found(request, *args, **kwargs):
    """Any other address under /api/: a 404 problem, whoever asks (no sign-in redirect)."""
    return _not_found_response(request)


not_found.login_required = False  # type: ignore[attr-defined]

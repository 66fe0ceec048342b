"""FHIR over HTTP: the JSON renderer, content negotiation, and every error as an OperationOutcome.

Every FHIR endpoint is a `FhirView`: it answers in `application/fhir+json` (or plain
`application/json` when asked for only that), never 406, and turns every refusal – not signed
in, no relationship with the person, a role that may not, a method not taken, a body too big or
not FHIR – into an OperationOutcome with a 4xx status, never a page or a 500.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.authentication import BasicAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.interop.fhir.codes import JSON_TYPES


class FhirJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "fhir+json"
    charset = "utf-8"


class PlainJSONRenderer(JSONRenderer):
    charset = "utf-8"


class FhirNegotiation(BaseContentNegotiation):
    """FHIR JSON unless the client asks for plain JSON and not FHIR JSON; never 406, since an
    OperationOutcome must reach a client whatever it sent."""

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "")
        fhir, plain = renderers[0], renderers[1]
        if JSON_TYPES[1] in accept and JSON_TYPES[0] not in accept:
            return plain, plain.media_type
        return fhir, fhir.media_type

    def select_parser(self, request, parsers):
        return None  # bodies are read by the import itself (size first, then type, then JSON)


class FhirError(Exception):
    """A request refused with an OperationOutcome: `code` is an R4 issue type."""

    def __init__(self, status_code: int, code: str, message: str):
        super().__init__(message)
        self.status_code, self.code, self.message = status_code, code, message


def operation_outcome(issues: list[tuple[str, str, str]]) -> dict[str, Any]:
    """An OperationOutcome of (severity, issue type, plain-English text) issues."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {"severity": severity, "code": code, "diagnostics": text}
            for severity, code, text in issues
        ],
    }


def error_outcome(code: str, message: str) -> dict[str, Any]:
    return operation_outcome([("error", code, message)])


# What each refusal says, by the exception that raised it.
NOT_SIGNED_IN = "Sign in, or send a valid token, to use Tandem's FHIR interface."
NOT_FOUND = "There is no such record, or you do not have access to it."
FORBIDDEN = "Your role does not allow this."


def _refusal(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, FhirError):
        return exc.status_code, exc.code, exc.message
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return status.HTTP_401_UNAUTHORIZED, "login", NOT_SIGNED_IN
    if isinstance(exc, Http404 | exceptions.NotFound):
        return status.HTTP_404_NOT_FOUND, "not-found", NOT_FOUND
    if isinstance(exc, PermissionDenied | exceptions.PermissionDenied):
        return status.HTTP_403_FORBIDDEN, "forbidden", FORBIDDEN
    if isinstance(exc, exceptions.MethodNotAllowed):
        return exc.status_code, "not-supported", "This address does not take that method."
    if isinstance(exc, exceptions.Throttled):
        return exc.status_code, "throttled", "Too many requests: try again later."
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, "invalid", str(exc.detail)
    raise exc


class FhirView(APIView):
    """The base of every FHIR endpoint (see the module docstring). Authentication is the
    project's default (a session, or after issue 10's API a system's token); whether the user
    may see the person is decided by the view, as on the pages."""

    renderer_classes = [FhirJSONRenderer, PlainJSONRenderer]
    content_negotiation_class = FhirNegotiation
    parser_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    versioning_class = None
    http_method_names = ["get", "head"]

    def get_authenticators(self):
        """The project's authentication but HTTP Basic (DRF's default), which would take a
        password without the second factor or the sign-in lockout."""
        return [
            authenticator
            for authenticator in super().get_authenticators()
            if not isinstance(authenticator, BasicAuthentication)
        ]

    def signed_in_user(self):
        user = self.request.user
        if not user.is_authenticated:
            raise exceptions.NotAuthenticated
        return user

    def handle_exception(self, exc):
        status_code, code, message = _refusal(exc)
        response = Response(error_outcome(code, message), status=status_code)
        if status_code == status.HTTP_401_UNAUTHORIZED:
            header = self.get_authenticate_header(self.request)
            response["WWW-Authenticate"] = header or 'Session realm="tandem"'
        response.exception = True
        return response

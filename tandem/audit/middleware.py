"""From where: every audit event written while a request is handled records its address."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tandem.addresses import client_address
from tandem.audit.services import request_address


class AuditAddressMiddleware:
    """Puts the request's client address where `audit_record` reads it, for this request only
    (None when it is not a real IP address: an empty or garbled header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            request_address.reset(token)

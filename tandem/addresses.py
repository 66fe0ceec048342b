"""The address a request came from. A minimal stand-in (REMOTE_ADDR only) until the sign-in
work's version, which honours the proxy header switch, replaces this module."""

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")

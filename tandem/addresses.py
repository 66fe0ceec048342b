"""Where a request came from: one answer for the lockout (django-axes) and the audit log.

Behind a TLS proxy or load balancer every request arrives from the proxy's own address, and the
client's is in a header the proxy sets (X-Forwarded-For by default). That header is believed only
when the deployment says a proxy is in front (``BEHIND_TLS_PROXY=1``): otherwise anyone could
type it and sign in from an address of their choosing, escaping a lockout by address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request carries no valid one.

    Behind the proxy, the last address in the header is the one our proxy saw (earlier ones were
    written by the client or proxies we do not run), so that is the one taken."""
    address = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if getattr(settings, "BEHIND_TLS_PROXY", False) and header:
        forwarded = request.META.get(_meta_name(header), "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-1]
    return _valid(address)


def _meta_name(header: str) -> str:
    """X-Forwarded-For → HTTP_X_FORWARDED_FOR, as Django names request headers in META."""
    return "HTTP_" + header.upper().replace("-", "_")


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None

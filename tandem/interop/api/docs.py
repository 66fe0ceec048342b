"""The OpenAPI description and its browsable docs: open to anyone, as they hold no records."""

from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe


def login_free(view):
    """Open to anyone, and GET or HEAD only (405 with `Allow` for anything else, answered before
    the Swagger page's HTML renderer could try to show an error)."""
    view = require_safe(view)
    view.login_required = False
    return view


# Swagger UI sets inline styles on its elements; its script and styles are served from Tandem
# itself (drf-spectacular-sidecar), so nothing is fetched from elsewhere.
DOCS_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}


def swagger(view):
    return login_free(csp_override(DOCS_CSP)(view))

"""The OpenAPI description and its browsable docs: open to anyone, as they hold no records."""

from django.utils.csp import CSP
from django.views.decorators.csp import csp_override


def login_free(view):
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

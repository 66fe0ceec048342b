"""How the API knows who is asking (docs/api.md, "Authentication").

- Systems send a service account's token: `Authorization: Bearer tdm_…`.
- The browser uses the signed-in session (DRF's SessionAuthentication, which enforces CSRF on
  unsafe methods), after the second factor as on every page.

There is deliberately no HTTP Basic authentication: a password alone would bypass the second
factor. The FHIR endpoints (/fhir/r4/) use these same classes from REST_FRAMEWORK's defaults.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from tandem.interop.services import api_token_authenticate


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # not ours: the session may still authenticate the request
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as ‘Authorization: Bearer’ followed by the token.")
            )
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = api_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid: it may have been revoked. Ask an administrator.")
            )
        return (token.service_account.user, token)

    def authenticate_header(self, request) -> str:
        # Makes an unauthenticated request a 401 (with this challenge), not a 403.
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "tandem.interop.api.authentication.TokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A service account's token, made by an administrator.",
        }

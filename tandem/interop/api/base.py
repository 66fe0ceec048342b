"""What every API view shares: DRF authenticates, not the site's sign-in redirect."""

from rest_framework.views import APIView


class ApiView(APIView):
    """An API endpoint. LoginRequiredMiddleware would send a request without a session to the
    sign-in page; here DRF authenticates (token or session) and answers 401 with a problem."""

    # No OPTIONS: DRF would describe the endpoint to anyone, before any access check (the OpenAPI
    # description at /api/schema/ says the same, for everyone). HEAD comes with GET.
    http_method_names = ["get", "post", "patch", "head"]

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False  # what django's login_not_required sets
        return view

    def purpose(self) -> str:
        """The audit detail's `page`: the API endpoint's URL name."""
        match = self.request.resolver_match
        return f"api:{match.url_name}" if match and match.url_name else "api"

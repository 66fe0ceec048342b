from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.generic import RedirectView

from tandem import health, views
from tandem.accounts.signin import views as signin_views

urlpatterns = [
    path("", views.home, name="home"),
    # For load balancers and the benchmark harness (tandem/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Django's class-based views also take PUT and OPTIONS: these take only what they need.
    path(
        "sign-in/",
        require_http_methods(["GET", "HEAD", "POST"])(signin_views.SignInView.as_view()),
        name="login",
    ),
    path("sign-out/", signin_views.sign_out, name="logout"),
    path("sign-in/", include("tandem.accounts.signin.urls")),
    path("people/", include("tandem.people.urls")),
    path("plans/", include("tandem.plans.urls")),
    path("documents/", include("tandem.documents.urls")),
    path("budgets/", include("tandem.budgets.urls")),
    path("reviews/", include("tandem.reviews.urls")),
    path("worklist/", include("tandem.worklist.urls")),
    path("reminders/", include("tandem.reminders.urls")),
    path("administration/", include("tandem.administration.urls")),
    path("audit/", include("tandem.audit.urls")),
    path("records/", include("tandem.records.urls")),
    path("copies/", include("tandem.copies.urls")),
    # The REST API: /api/v1/…, /api/schema/ and /api/docs/ (tandem/interop/api/urls.py).
    path("api/", include("tandem.interop.api.urls")),
    path("fhir/r4/", include("tandem.interop.fhir.urls")),
]

# Django's admin, for operators only (tandem/administration/sites.py); mounted with DJANGO_ADMIN=1.
# It signs in through Tandem's own sign-in (lockout, second factor, audit).
operator_urlpatterns = [
    path(
        "admin/login/",
        login_not_required(
            require_http_methods(["GET", "HEAD"])(
                RedirectView.as_view(pattern_name="login", query_string=True)
            )
        ),
    ),
    path("admin/logout/", signin_views.sign_out),  # audited, as every sign-out
    path("admin/", admin.site.urls),
]
if settings.DJANGO_ADMIN:
    urlpatterns += operator_urlpatterns

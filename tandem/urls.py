from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_http_methods, require_POST

from tandem import views
from tandem.ui.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    # Django's class-based views also take PUT and OPTIONS: these take only what they need.
    path(
        "sign-in/",
        require_http_methods(["GET", "HEAD", "POST"])(
            auth_views.LoginView.as_view(authentication_form=SignInForm)
        ),
        name="login",
    ),
    path("sign-out/", require_POST(auth_views.LogoutView.as_view()), name="logout"),
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
]

if settings.DJANGO_ADMIN:
    # For operators only (tandem/administration/sites.py); off unless DJANGO_ADMIN=1.
    urlpatterns.append(path("admin/", admin.site.urls))

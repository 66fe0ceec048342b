from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tandem import views
from tandem.ui.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", include("tandem.people.urls")),
    path("plans/", include("tandem.plans.urls")),
    path("documents/", include("tandem.documents.urls")),
    path("admin/", admin.site.urls),
]

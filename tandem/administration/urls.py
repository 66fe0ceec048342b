from django.urls import path

from tandem.administration import views, views_systems

app_name = "administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("users/", views.user_list, name="users"),
    path("users/add/", views.user_add, name="user_add"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/change/", views.user_change, name="user_change"),
    path("users/<int:pk>/sign-in/", views.user_active, name="user_active"),
    path("users/<int:pk>/second-factor/", views.user_second_factor, name="user_second_factor"),
    path("teams/", views.team_list, name="teams"),
    path("teams/add/", views.team_add, name="team_add"),
    path("teams/<int:pk>/", views.team_change, name="team_change"),
    path("organisation/", views.organisation, name="organisation"),
    # Systems that use the API: service accounts and their tokens.
    *views_systems.urlpatterns,
]

from django.urls import path

from tandem.people import views, views_export, views_home, views_sharing

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("csv/", views_export.people_list_csv, name="list_csv"),
    *views_home.urlpatterns,
    *views_sharing.urlpatterns,
    path("add/", views.person_add, name="add"),
    path("safeguarding/", views.safeguarding_list, name="safeguarding_list"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/change/", views.person_change, name="change"),
    path("<int:pk>/circle/add/", views.circle_member_add, name="circle_add"),
    path("<int:pk>/circle/<int:member_pk>/", views.circle_member_change, name="circle_change"),
    path("<int:pk>/safeguarding/", views.safeguarding_raise, name="safeguarding"),
    path(
        "<int:pk>/safeguarding/<int:referral_pk>/",
        views.safeguarding_referral,
        name="safeguarding_referral",
    ),
    path(
        "<int:pk>/safeguarding/<int:referral_pk>/acknowledge/",
        views.safeguarding_acknowledge,
        name="safeguarding_acknowledge",
    ),
    path(
        "<int:pk>/safeguarding/<int:referral_pk>/sent/",
        views.safeguarding_sent,
        name="safeguarding_sent",
    ),
]

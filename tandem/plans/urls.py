from django.urls import path

from tandem.plans import views

app_name = "plans"
urlpatterns = [
    path("start/<int:person_pk>/", views.plan_start, name="start"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/sections/<slug:section>/", views.plan_section, name="section"),
    path("<int:pk>/items/<slug:kind>/add/", views.plan_item, name="item_add"),
    path("<int:pk>/items/<slug:kind>/<int:item_pk>/", views.plan_item, name="item"),
    path(
        "<int:pk>/items/<slug:kind>/<int:item_pk>/remove/",
        views.plan_item_remove,
        name="item_remove",
    ),
    path("<int:pk>/not-applicable/<slug:element>/", views.plan_element, name="element"),
    path("<int:pk>/check/", views.plan_check, name="check"),
    path("<int:pk>/agree/", views.plan_agree, name="agree"),
    path("<int:pk>/disagreements/add/", views.disagreement_add, name="disagreement_add"),
    path(
        "<int:pk>/disagreements/<int:disagreement_pk>/decision/",
        views.disagreement_decide,
        name="disagreement_decide",
    ),
    path("<int:pk>/new-version/", views.plan_new_version, name="new_version"),
]

from django.urls import path

from tandem.plans.views import agreement, parts, writing

app_name = "plans"
urlpatterns = [
    path("start/<int:person_pk>/", writing.plan_start, name="start"),
    path("<int:pk>/", writing.plan_detail, name="detail"),
    path("<int:pk>/sections/<slug:section>/", writing.plan_section, name="section"),
    path("<int:pk>/items/<slug:kind>/add/", parts.plan_item, name="item_add"),
    path("<int:pk>/items/<slug:kind>/<int:item_pk>/", parts.plan_item, name="item"),
    path(
        "<int:pk>/items/<slug:kind>/<int:item_pk>/remove/",
        parts.plan_item_remove,
        name="item_remove",
    ),
    path("<int:pk>/not-applicable/<slug:element>/", writing.plan_element, name="element"),
    path("<int:pk>/check/", writing.plan_check, name="check"),
    path("<int:pk>/agree/", agreement.plan_agree, name="agree"),
    path("<int:pk>/disagreements/add/", agreement.disagreement_add, name="disagreement_add"),
    path(
        "<int:pk>/disagreements/<int:disagreement_pk>/decision/",
        agreement.disagreement_decide,
        name="disagreement_decide",
    ),
    path("<int:pk>/new-version/", agreement.plan_new_version, name="new_version"),
    path("<int:pk>/end/", agreement.plan_end, name="end"),
]

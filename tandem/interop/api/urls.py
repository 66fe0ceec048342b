"""The REST API (docs/api.md): version 1 under /api/v1/, its OpenAPI description at /api/schema/
and browsable docs at /api/docs/. Anything else under /api/ is a 404 problem, not a page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tandem.interop.api import docs
from tandem.interop.api.problems import not_found
from tandem.interop.api.views import people, plans, records

app_name = "api"

v1 = [
    path("people/", people.PeopleList.as_view(), name="people"),
    path("people/<int:pk>/", people.PersonDetail.as_view(), name="person"),
    path("people/<int:pk>/circle/", people.Circle.as_view(), name="circle"),
    path("people/<int:pk>/plans/", people.PersonPlans.as_view(), name="person_plans"),
    path("people/<int:pk>/budget/", records.Budget.as_view(), name="budget"),
    path("people/<int:pk>/reviews/", records.Reviews.as_view(), name="reviews"),
    path("people/<int:pk>/progress/", records.Progress.as_view(), name="progress"),
    path("plans/<int:pk>/", plans.PlanDetail.as_view(), name="plan"),
    path("plans/<int:pk>/parts/<slug:kind>/", plans.PlanParts.as_view(), name="plan_parts"),
    path(
        "plans/<int:pk>/parts/<slug:kind>/<int:part_pk>/",
        plans.PlanPartChange.as_view(),
        name="plan_part",
    ),
    path(
        "plans/<int:pk>/actions/<int:action_pk>/progress/",
        plans.ActionProgressAdd.as_view(),
        name="action_progress",
    ),
    path("worklist/", records.Worklist.as_view(), name="worklist"),
]

urlpatterns = [
    *[path(f"v1/{p.pattern}", p.callback, name=p.name) for p in v1],
    path("schema/", docs.login_free(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        docs.swagger(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    re_path(r"^.*$", not_found),
]

"""Reviews' pages. Each views module lists its own URLs: carrying out, recording and sending the
review (views), the consultation and the person's own answers before it (consultation),
contacts between reviews (contacts), outcomes set or changed at a review (outcomes) and
the administrator's review timescales (timescales)."""

from django.urls import path

from tandem.reviews import views
from tandem.reviews.views import consultation, contacts, outcomes, timescales

app_name = "reviews"
urlpatterns = [
    path("plans/<int:plan_pk>/", views.carrying_out, name="carrying_out"),
    path(
        "plans/<int:plan_pk>/actions/<int:action_pk>/progress/",
        views.action_progress,
        name="progress",
    ),
    path("plans/<int:plan_pk>/triggers/add/", views.trigger, name="trigger"),
    path("people/<int:person_pk>/progress/", views.history, name="history"),
    path("people/<int:person_pk>/request/", views.review_request, name="request"),
    path("plans/<int:plan_pk>/reviews/start/", views.review_start, name="review_start"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/finalise/", views.review_finalise, name="review_finalise"),
    path("reviews/<int:pk>/document/", views.review_document, name="review_document"),
    path("reviews/<int:pk>/send/", views.review_send, name="review_send"),
    *consultation.urlpatterns,
    *contacts.urlpatterns,
    *outcomes.urlpatterns,
    *timescales.urlpatterns,
]

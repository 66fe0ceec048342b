from django.urls import path

from tandem.copies import views

app_name = "copies"
urlpatterns = [
    path("plans/<int:plan_pk>/issues/<int:number>/", views.plan_progress, name="plan_progress"),
    path("plans/<int:plan_pk>/issues/<int:number>/send/", views.send_plan, name="send_plan"),
    path("reviews/<int:pk>/", views.review_progress, name="review_progress"),
    path("reviews/<int:pk>/send/", views.send_review, name="send_review"),
    path("people/<int:pk>/", views.person_copies, name="person"),
    path("to-post/", views.to_post, name="to_post"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/posted/", views.posted, name="posted"),
]

from django.urls import path

from tandem.records import views

app_name = "records"
urlpatterns = [
    path("<int:pk>/everything-held/", views.everything_held, name="everything_held"),
    path(
        "<int:pk>/everything-held/<int:export_pk>/",
        views.everything_held_download,
        name="everything_held_download",
    ),
    path("<int:pk>/close/", views.record_close, name="close"),
    path("<int:pk>/reopen/", views.record_reopen, name="reopen"),
    path("settings/retention/", views.retention, name="retention"),
]

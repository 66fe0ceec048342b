from django.urls import path

from tandem.interop.fhir import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Patient/<str:pk>/$everything", views.everything, name="everything"),
    path("Patient/<str:pk>/CarePlan", views.import_plan, name="import_plan"),
]

from django.urls import path

from tandem.documents import views

app_name = "documents"
urlpatterns = [
    path("plans/<int:plan_pk>/", views.plan_document, name="plan"),
    path("plans/<int:plan_pk>/pdf/", views.plan_document_pdf, name="plan_pdf"),
    path("plans/<int:plan_pk>/issues/<int:number>/", views.issue_document, name="issue"),
    path(
        "plans/<int:plan_pk>/issues/<int:number>/pdf/",
        views.issue_document_pdf,
        name="issue_pdf",
    ),
    path("people/<int:person_pk>/compare/", views.compare, name="compare"),
]

from django.urls import path

from tandem.accounts.signin import views

app_name = "signin"
urlpatterns = [
    path("second-factor/", views.second_factor, name="second_factor"),
    path("set-up/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("locked-out/", views.locked_out_list, name="locked_out"),
    path("locked-out/<int:pk>/unlock/", views.unlock, name="unlock"),
    path("settings/", views.sign_in_settings, name="settings"),
]

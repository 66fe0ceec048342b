from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared page furniture: GOV.UK form rendering and template tags."""

    name = "tandem.ui"
    label = "ui"

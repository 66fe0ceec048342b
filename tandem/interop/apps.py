from django.apps import AppConfig


class InteropConfig(AppConfig):
    """Other systems' way in: the REST API (api/) and FHIR R4 for health partners (fhir/)."""

    name = "tandem.interop"

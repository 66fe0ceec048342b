from django.apps import AppConfig


class CopiesConfig(AppConfig):
    """Copies of plans and review records sent to the people who need them, in the form each
    can read or hear, and kept so each can be produced again byte for byte."""

    name = "tandem.copies"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demonstration data: `python manage.py load_demo`. No models of its own."""

    name = "tandem.demo"
    label = "demo"

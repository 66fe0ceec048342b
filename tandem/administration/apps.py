from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AdministrationConfig(AppConfig):
    """Tandem's own pages for an organisation's administrator: users, teams and its details."""

    name = "tandem.administration"
    default_auto_field = "django.db.models.BigAutoField"


class OperatorAdminConfig(AdminConfig):
    """Django's admin, for operators (superusers) only: see sites.py."""

    default_site = "tandem.administration.sites.OperatorAdminSite"

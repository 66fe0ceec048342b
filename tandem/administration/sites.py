"""Django's admin is for operators, the people who run the service: superusers only.

An organisation's administrator manages users and teams in Tandem's own pages
(tandem/administration/views.py), under the same rules. Being marked as Django staff, or holding
model permissions, opens nothing here: only `is_superuser` does, and no page in Tandem or in this
admin can set it (`manage.py createsuperuser` is the only way, for someone with the server).
Nothing with case content is registered here (tandem/administration/admin.py unregisters what
other packages add), so a superuser cannot read a person's record through it either.
"""

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class OperatorAdminSite(AdminSite):
    site_header = _("Tandem operators")
    site_title = _("Tandem operators")
    index_title = _("Organisations, teams and users")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

"""What other packages put in Django's admin that an operator has no need of, taken out: Django's
groups (Tandem's access comes from roles and relationships, never groups or permissions) and
the background task results (their arguments and results can name people), and authenticator
apps and recovery codes (their secrets are no one else's; an administrator resets a lost one
on Tandem's user page, audited). Nothing with case
content is registered anywhere (tandem/administration/tests/test_django_admin.py checks it)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

for model in (Group, DBTaskResult, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

"""What other packages put in Django's admin that an operator has no need of, taken out: Django's
groups (Tandem's access comes from roles and relationships, never groups or permissions) and
the background task results (their arguments and results can name people). Nothing with case
content is registered anywhere (tandem/administration/tests/test_django_admin.py checks it)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

for model in (Group, DBTaskResult):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

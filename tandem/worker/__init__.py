"""The background worker: django-tasks-db's ``db_worker``, made to recover interrupted tasks.

Tasks themselves live in each app's ``tasks.py`` (see docs/adr/0005-background-tasks.md).
"""

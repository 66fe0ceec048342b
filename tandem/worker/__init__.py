"""The background worker: django-tasks-db's ``db_worker``, made to recover interrupted tasks.

Tasks themselves live in each app's ``tasks.py`` (see docs/adr/0004-background-tasks.md).
"""

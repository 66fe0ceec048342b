from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "tandem.audit"
    label = "audit"

    def ready(self) -> None:
        from tandem.audit.append_only import register_sqlite_function

        # Not business logic: the database trigger needs this function on every connection.
        connection_created.connect(register_sqlite_function, dispatch_uid="audit_append_only")

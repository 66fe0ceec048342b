from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Data rights: everything held about a person, closing their record, and retention."""

    name = "tandem.records"
    label = "records"
    verbose_name = "Records and data rights"

from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "tandem.worker"
    label = "worker"

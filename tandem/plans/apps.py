from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tandem.plans"
    label = "plans"

    def ready(self) -> None:
        # The plan's own sections and parts first; apps above plans register theirs after.
        from tandem.plans import due
        from tandem.plans.sections import register_builtin

        register_builtin()
        due.register()

from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "tandem.budgets"
    label = "budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        # After plans (INSTALLED_APPS order): the plan's own sections are registered already.
        from tandem.budgets import due
        from tandem.budgets.sections import register

        register()
        due.register()

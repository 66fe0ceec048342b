from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "tandem.reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        # The worker queues the first daily sweep when it starts (tandem/worker/startup.py); each
        # sweep then queues the next. The reminders sent show on the person's progress page.
        from tandem.reminders import selectors, tasks
        from tandem.reviews import history
        from tandem.worker import startup

        startup.register(tasks.schedule_next_sweep)
        history.register_events(selectors.reminder_events)

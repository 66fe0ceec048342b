from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tandem.reminders import sweep


class Command(BaseCommand):
    help = (
        "Send the reminders due today now (the sweep the worker runs every morning). Each "
        "reminder goes once however often this runs."
    )

    def handle(self, *args, **options):
        result = sweep.run(today=timezone.localdate())
        self.stdout.write(
            f"Sent {result.notifications} reminder{'s' if result.notifications != 1 else ''} "
            f"in {result.emails} e-mail{'s' if result.emails != 1 else ''}."
        )
        if result.failed:
            raise CommandError(
                f"{result.failed} could not be sent (see the log); the next sweep tries again."
            )

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tandem.records.anonymise import anonymise_closed_records, clear_old_archives


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2026-12-31, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Anonymise the people whose record closed longer ago than their organisation keeps "
        "closed records, delete subject-access archives past their 30 days, and print what was "
        "done. Running it again changes nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be done; change nothing."
        )
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD), e.g. to check ahead."
        )

    def handle(self, *args, **options):
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        report = anonymise_closed_records(today=today, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
        cleared = clear_old_archives(today=today, dry_run=options["dry_run"])
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(f"{verb} {cleared} subject-access archive(s) past their 30 days.")

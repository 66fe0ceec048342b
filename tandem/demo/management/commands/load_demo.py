from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.demo.data import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load synthetic demonstration data: Tandem Demo Council, two teams, eight logins with "
        f"the password {DEMO_PASSWORD!r}, twenty-six people with plans in every state and reviews "
        "at every point of the review cycle, and the council's resource allocation scheme and "
        "list of services. Does nothing if the demo data is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-site",
            action="store_true",
            help="Load even though DEBUG is off (for a dedicated demonstration site only).",
        )

    def handle(self, *args, demo_site: bool, **options):
        # The demo logins include a superuser with a published password.
        if not settings.DEBUG and not demo_site:
            raise CommandError(
                "DEBUG is off. The demo data has a superuser with a published password: load it "
                "only into a demonstration site, with --demo-site."
            )
        load_demo(stdout=self.stdout)

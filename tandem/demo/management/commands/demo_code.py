"""Print the second-factor code a demo member of staff's authenticator app would show now."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from tandem.demo.signin import DEMO_TOTP_KEY, demo_authenticator


class Command(BaseCommand):
    help = (
        "Print the current sign-in code of a demo member of staff (demo-worker, demo-manager, "
        "demo-admin). Refuses for anyone the demo did not create."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = demo_authenticator(username)
        if device is None:
            raise CommandError(
                f"{username} is not a demo member of staff with the demo authenticator: this "
                "command only gives codes for the demo's published key."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():06d}")
        self.stderr.write(
            f"(Valid for about 30 seconds. Or add the key {DEMO_TOTP_KEY} to an authenticator app.)"
        )

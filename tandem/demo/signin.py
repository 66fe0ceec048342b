"""The demo's second factor: every demo member of staff has the same, published authenticator
key, so that `make run` stays easy to try. Add DEMO_TOTP_KEY to an authenticator app, or run
`manage.py demo_code demo-worker` for the code it would show. Demo only: the key is public."""

from base64 import b32encode

from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.models import Organisation, User
from tandem.accounts.signin.rules import needs_second_factor
from tandem.demo.administration import OPERATOR

DEMO_TOTP_KEY_HEX = b"tandem-demo-key-2026".hex()
DEMO_TOTP_KEY = b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()  # for typing into an app
DEMO_DEVICE_NAME = "Demo authenticator (published key)"


def create_demo_authenticators(*, organisation: Organisation) -> int:
    """A confirmed authenticator with the demo key for each demo user who needs a second factor
    (staff, the administrator, and the operator who signs in to Django's admin)."""
    demo_users = User.objects.filter(
        Q(organisation=organisation) | Q(username=OPERATOR, organisation=None)
    )
    staff = [user for user in demo_users if needs_second_factor(user)]
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY_HEX, confirmed=True)
        for user in staff
    )
    return len(staff)


def demo_authenticator(username: str) -> TOTPDevice | None:
    """The demo authenticator of a demo user, or None for anyone the demo did not make."""
    from tandem.demo.data import ORGANISATION

    return TOTPDevice.objects.filter(
        Q(user__organisation__name=ORGANISATION)
        | Q(user__username=OPERATOR, user__organisation=None),
        user__username=username,
        name=DEMO_DEVICE_NAME,
        key=DEMO_TOTP_KEY_HEX,
        confirmed=True,
    ).first()

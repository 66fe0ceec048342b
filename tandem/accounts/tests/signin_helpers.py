"""Shared by the sign-in tests: a user with a real (fast, test-hashed) password, and codes."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

PASSWORD = "a-long-test-password"
SIGN_IN = reverse("login")


def with_password(user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def post_password(client: Client, username: str, password: str = PASSWORD, address="10.0.0.1"):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def code_for(device, *, steps_ahead: int = 0) -> str:
    """The code the user's authenticator app shows now (or a time step later, for a second
    sign-in within the same 30 seconds: each code is accepted once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"

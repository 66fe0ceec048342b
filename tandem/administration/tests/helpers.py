"""Personas for the administration tests."""

from tandem import testing
from tandem.accounts.models import Organisation, Role, User


def make_administrator(organisation: Organisation, **kwargs) -> User:
    kwargs.setdefault("first_name", "Ada")
    kwargs.setdefault("last_name", "Admin")
    return testing.make_user(organisation, role=Role.ADMINISTRATOR, **kwargs)


def make_operator(**kwargs) -> User:
    """Someone who runs the service: a superuser in no organisation."""
    kwargs.setdefault("first_name", "Otto")
    kwargs.setdefault("last_name", "Operator")
    return testing.make_user(None, role=Role.PERSON, is_superuser=True, is_staff=True, **kwargs)

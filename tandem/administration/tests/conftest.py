import pytest

from tandem.administration.tests.helpers import make_administrator


@pytest.fixture
def admin(org):
    return make_administrator(org)


@pytest.fixture
def other_admin(org):
    """A second administrator of the same organisation."""
    return make_administrator(org, first_name="Bea", last_name="Backup")

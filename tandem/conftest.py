"""Shared personas for every app's tests (see tandem/testing.py for the factory functions).

The main cast, all in one organisation unless the name says otherwise:

- ``org``, ``team``: the organisation and the team most tests work in.
- ``worker``: a social worker in ``team``; ``manager``: the team manager of ``team``.
- ``other_team_worker``: a social worker in the same organisation but another team.
- ``other_org_worker``: a social worker in a different organisation (cross-organisation tests).
- ``person``: someone supported by ``team``, allocated to ``worker``.
- ``person_user``: ``person``'s own sign-in.
- ``carer_user``: a carer in ``person``'s circle of support, who consents to share, with a sign-in.
- ``client_for``: ``client_for(user)`` returns a test client signed in as that user.

Where every test of a module needs the same costly scene (a plan agreed through the services, the
refusal tables' cast), the module builds it once in a ``built`` fixture of module scope, inside
``testing.scene_kept_for``, and takes these personas from it with ``testing.from_scene``: each test
gets its own copy (``scene`` below) and runs in its own savepoint, as with ``setUpTestData``. Only
where every test works on that scene: a test that needs a person without it would meet it too.
"""

import pytest

from tandem import testing
from tandem.accounts.models import Role


@pytest.fixture
def org(db):
    return testing.make_organisation("Riverside Council")


@pytest.fixture
def team(org):
    return testing.make_team(org, "North adults team")


@pytest.fixture
def worker(org, team):
    return testing.make_worker(org, team, first_name="Wendy", last_name="Worker")


@pytest.fixture
def manager(org, team):
    return testing.make_worker(
        org, team, role=Role.TEAM_MANAGER, first_name="Morgan", last_name="Manager"
    )


@pytest.fixture
def other_team_worker(org):
    return testing.make_worker(
        org, testing.make_team(org, "South adults team"), first_name="Olu", last_name="Other"
    )


@pytest.fixture
def other_org_worker(db):
    other = testing.make_organisation("Hillside Council")
    return testing.make_worker(
        other, testing.make_team(other, "Hillside team"), first_name="Hana", last_name="Hill"
    )


@pytest.fixture
def person(org, team, worker):
    return testing.make_person(
        org,
        team,
        given_name="Priya",
        family_name="Patel",
        preferred_name="Pri",
        local_identifier="RC0001",
        allocated_worker=worker,
    )


@pytest.fixture
def person_user(person):
    return testing.make_user_for_person(person)


@pytest.fixture
def carer_user(person):
    return testing.make_carer_user(person, first_name="Carol", last_name="Carer")


@pytest.fixture
def client_for(db):
    return testing.client_for


@pytest.fixture
def cast(
    org, team, worker, manager, person, person_user, carer_user, other_team_worker, other_org_worker
):
    """Every role the refusal tables try (tandem/testing_refusals.py), around these personas."""
    from tandem.testing_refusals import make_cast

    return make_cast(
        org=org,
        team=team,
        worker=worker,
        manager=manager,
        person=person,
        person_user=person_user,
        carer_user=carer_user,
        other_team_worker=other_team_worker,
        other_org_worker=other_org_worker,
    )


@pytest.fixture
def scene(built, db):
    """This test's own copy of the scene the module's ``built`` fixture made once and keeps in a
    transaction (``testing.scene_kept_for``); the test's writes are rolled back after it."""
    import copy

    return copy.deepcopy(built)

"""Settings for every test in the project (tandem/*/tests and tests/)."""

import os

import pytest

# Every due item read from the cache is worked out again and compared (tandem/worklist/due.py):
# set before Django starts, so the servers and workers tests start check too.
os.environ["DUE_CACHE_CHECK"] = "1"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file (Django's default is in memory), so that a worker or
    web server started as a separate process by a test sees the same data (tests/processes.py)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def due_cache_emptied():
    """Each test starts with no due items kept (ids of a rolled-back test come again), and every
    item read from the cache is checked (in case Django read its settings before the line above)."""
    from django.conf import settings
    from django.core.cache import caches

    settings.DUE_CACHE_CHECK = True
    caches["due"].clear()


@pytest.fixture
def due_items_not_kept(settings):
    """For tests that change records straight through the ORM, not through the services (which
    audit each change): nothing is kept, every read works the due items out (the cache has its own
    tests: tandem/worklist/tests/test_kept.py)."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "due": dummy}


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Real hashers take ~0.3 s per user; tests create many users. Once for the session: set
    per test, the settings change and its undoing cost every one of the tests a little."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def audit_table_emptied_between_tests():
    """Transactional tests (the browser, simultaneous clicks) empty every table after each test.
    The audit table's triggers refuse that anywhere else (tandem/audit/append_only.py)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from tandem.audit.append_only import emptying_whole_database

    flush = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with emptying_whole_database(self.connection):
            flush(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = flush  # type: ignore[method-assign]


# Fixtures through which a test reaches the database (pytest-django's, and the live server's;
# not django_db_blocker, which pytest-django gives every test).
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server"})


# `make test` runs two passes side by side, one on SQLite and one on PostgreSQL (scripts/test.sh),
# each given `--database-pass`. Every test that reaches the database runs in both, except:
#
# Run once, in the PostgreSQL pass: tests that check the pages or the servers whatever the database,
# placed here to balance the two passes' time (move modules between the lists below to rebalance;
# `make test` prints each pass's slowest tests), and the replica test, which starts PostgreSQL
# servers of its own.
ONCE_ON_POSTGRESQL = (
    "tests/browser/test_worker_journey.py",
    "tests/browser/test_budget_journey.py",
    "tests/browser/test_review_cycle.py",
    "tests/browser/test_person_led.py",
    "tests/browser/test_copies.py",
    "tests/browser/test_data_rights.py",
    "tests/browser/test_break_glass.py",
    "tests/browser/test_disagreements.py",
    "tests/browser/test_two_factor.py",
    "tests/browser/test_safeguarding.py",
    "tests/test_replica.py",
    "tests/test_bench_harness.py",  # make bench end to end, at 50 people
    # The big load's dropping and making again of indexes is PostgreSQL's alone.
    "tests/test_bench_data.py::test_it_makes_again_every_index_it_drops_for_a_big_load",
)
# Run once, in the SQLite pass: the other browser tests and the access matrix; tests that never
# reach the database (the same answer on either); and pages whose every database query the
# PostgreSQL pass already runs through the services, selectors and access rules they call (each
# page module's own refusal tables and query counts still run on both: `refusal` or `quer` in the
# test function's name).
ONCE_ON_SQLITE = (
    "tests/browser/",
    # Every URL x role x method: the apps' own access queries, which their refusal tables try on
    # both (and three times slower on PostgreSQL, for no more found).
    "tandem/tests/test_access_matrix.py",
    "tandem/demo/tests/test_load_demo.py::TestDemoContent",  # the demo `make run` loads: SQLite
    "tandem/documents/tests/test_copies.py",  # every form rendered and read back: CPU, not SQL
    "tandem/documents/tests/test_issue_document.py",
    "tandem/documents/tests/test_plan_document.py",
    "tandem/people/tests/test_home_page.py",
    "tandem/plans/tests/test_view_agreement.py",
    "tandem/plans/tests/test_view_disagreements.py",
    "tandem/plans/tests/test_view_plan_detail.py",
    "tandem/plans/tests/test_view_section.py",
    "tandem/records/tests/test_retention_page.py",
    "tandem/reviews/tests/test_between_carrying_out.py",
    "tandem/reviews/tests/test_consultation_card.py",
    "tandem/reviews/tests/test_consultation_pages.py",
    "tandem/reviews/tests/test_contacts_pages.py",
    "tandem/reviews/tests/test_copy_pages.py",
    "tandem/reviews/tests/test_history_page.py",
    "tandem/reviews/tests/test_next_review_pages.py",
    "tandem/reviews/tests/test_outcomes_pages.py",
    "tandem/reviews/tests/test_preparation_page.py",
    "tandem/reviews/tests/test_record_pages.py",
    "tandem/reviews/tests/test_timescales_page.py",
    "tandem/worklist/tests/test_calendar_settings.py",
    "tandem/worklist/tests/test_dashboard_csv.py",
    "tandem/worklist/tests/test_dashboard_pages.py",
    "tandem/worklist/tests/test_worklist_csv.py",
    "tandem/worklist/tests/test_worklist_page.py",
)
ON_BOTH_WHATEVER_THE_MODULE = ("refusal", "quer")


def pytest_addoption(parser):
    parser.addoption(
        "--database-pass",
        choices=["sqlite", "postgresql"],
        help="Which pass of make test this is: run the tests that belong to it (conftest.py).",
    )


def uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def _listed(item, places: tuple[str, ...]) -> bool:
    return item.nodeid.startswith(places)


def in_pass(item, database_pass: str) -> bool:
    if _listed(item, ONCE_ON_POSTGRESQL):
        return database_pass == "postgresql"
    if database_pass == "sqlite":
        return True
    if not uses_database(item):
        return False
    if _listed(item, ONCE_ON_SQLITE):
        name = getattr(item, "originalname", item.name)
        return any(word in name for word in ON_BOTH_WHATEVER_THE_MODULE)
    return True


def pytest_collection_modifyitems(config, items):
    database_pass = config.getoption("--database-pass")
    if not database_pass:
        return
    kept = [item for item in items if in_pass(item, database_pass)]
    deselected = [item for item in items if not in_pass(item, database_pass)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept

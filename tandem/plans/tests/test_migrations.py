"""Migrations that fill in values for rows saved before them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tandem.plans.models import Disagreement
from tandem.plans.services import disagreement_add
from tandem.plans.tests.helpers import build_ready_plan

BEFORE = ("plans", "0004_disagreement_submission_key")
AFTER = ("plans", "0005_disagreement_part_and_raised_on")


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def migrate_to_latest() -> None:
    """Every app's latest migration: going back in plans also took back the apps that depend on
    it (budgets), which later tests need."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_it_dates_each_existing_disagreement_the_day_it_was_recorded(person, worker):
    plan = build_ready_plan(person=person, actor=worker)
    disagreement = disagreement_add(
        plan=plan, section="support", raised_by="Sue", details="Late", actor=worker
    )
    # Recorded before the date existed, at half past midnight on 11 June in London (BST).
    recorded = datetime.datetime(2025, 6, 10, 23, 30, tzinfo=datetime.UTC)
    Disagreement.objects.filter(pk=disagreement.pk).update(recorded_at=recorded)

    try:
        migrate(BEFORE)
        migrate(AFTER)
    finally:
        migrate_to_latest()

    disagreement.refresh_from_db()
    assert disagreement.raised_on == datetime.date(2025, 6, 11)

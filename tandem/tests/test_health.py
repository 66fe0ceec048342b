"""The health checks a load balancer polls: up without touching anything, ready only while the
database answers, open to anyone and saying nothing about the data."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_healthz_answers_without_a_session_or_the_database():
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response and len(queries) == 0


@pytest.mark.django_db
def test_readyz_asks_the_database():
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/readyz")
    assert (response.status_code, response.content) == (200, b"ready\n")
    assert [q["sql"] for q in queries] == ["SELECT 1"]


@pytest.mark.django_db
def test_readyz_is_503_while_the_database_does_not_answer():
    # The outage is simulated: the database is the one thing the test cannot switch off.
    with mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError("connection refused")
    ):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert b"not answering" in response.content


@pytest.mark.django_db
def test_they_take_only_get_and_head():
    assert Client().post("/healthz").status_code == 405
    assert Client().head("/readyz").status_code == 200

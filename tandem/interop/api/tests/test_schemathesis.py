"""Schemathesis against the OpenAPI description, in-process (WSGI), as a worker (with a service
account's token) and as a provider (with a session): no request it generates gets a 5xx, and
every answer matches the description (status, content type, body). A bounded number of examples
per operation, half of them aimed at real records, so it finishes well within a minute."""

from types import SimpleNamespace

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tandem import testing
from tandem.accounts.models import Role
from tandem.interop.services import api_token_create, service_account_create
from tandem.plans.services.versions import plan_start_new_version
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.testing_refusals import _provider

EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _operations():
    description = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(description)
    schema.app = get_wsgi_application()
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def wsgi_in_test_transaction():
    """Django's WSGI handler closes the database connection after each request, which would
    close the test's transaction; Django's own test client stops it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _real_ids(scene) -> dict:
    """Path parameters that name real records the user may (or may not) reach."""
    return {
        "pk": {"people": scene.person.pk, "plans": scene.draft.pk},
        "action_pk": scene.action.pk,
        "part_pk": scene.outcome.pk,
        "kind": "outcome",
    }


def _aim(case, ids) -> None:
    params = case.path_parameters or {}
    for name in params:
        if name == "pk":
            params[name] = ids["pk"]["plans" if "/plans/" in case.path else "people"]
        elif name in ids:
            params[name] = ids[name]
    if "/actions/" in case.path:
        params["pk"] = ids["agreed"]


@pytest.fixture
def scene(org, team, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    action = agreed.actions.first()
    draft = plan_start_new_version(plan=agreed, actor=worker)
    admin = testing.make_user(org, role=Role.ADMINISTRATOR)
    account = service_account_create(
        organisation=org, actor=admin, name="Health partner", role=Role.SOCIAL_WORKER, teams=[team]
    )
    key = api_token_create(account=account, actor=admin, name="Tests").key
    provider = _provider(person, consent_to_share=True)
    return SimpleNamespace(
        person=person,
        draft=draft,
        agreed=agreed,
        action=action,
        outcome=draft.outcomes.first(),
        key=key,
        provider=provider,
    )


def _run(operation, ids, statuses: list[int], **credentials) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), aimed=st.booleans())
    def check(case, aimed):
        if aimed:
            _aim(case, ids)
        statuses.append(case.call_and_validate(checks=CHECKS, **credentials).status_code)

    check()


@pytest.mark.django_db
def test_it_answers_a_worker_with_a_token_by_its_description(scene, wsgi_in_test_transaction):
    ids = {**_real_ids(scene), "agreed": scene.agreed.pk}
    statuses: list[int] = []
    for operation in _operations():
        _run(operation, ids, statuses, headers={"Authorization": f"Bearer {scene.key}"})
    # It reached real records, not only 404s: reads, and writes the rules accepted or refused.
    assert {200, 404, 400} <= set(statuses), sorted(set(statuses))


@pytest.mark.django_db
def test_it_answers_a_provider_with_a_session_by_its_description(scene, wsgi_in_test_transaction):
    client = testing.client_for(scene.provider)
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    ids = {**_real_ids(scene), "agreed": scene.agreed.pk}
    statuses: list[int] = []
    for operation in _operations():
        _run(operation, ids, statuses, cookies=cookies)
    # The provider's own part of the plan, and refusals of what is not theirs.
    assert {200, 403, 404} <= set(statuses), sorted(set(statuses))

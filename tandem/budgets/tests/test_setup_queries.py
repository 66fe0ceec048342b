"""The scheme's page and the catalogue keep the same number of queries however big they are."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.budgets.models import RasScheme, ServiceRate
from tandem.budgets.tests.setup_helpers import (
    make_adjustment,
    make_admin,
    make_scheme,
    make_service,
)


@pytest.fixture
def admin(org):
    return make_admin(org, first_name="Robin", last_name="Ledgerwood")


@pytest.mark.parametrize("size", [1, 50])
def test_it_shows_a_scheme_in_the_same_number_of_queries_however_many_questions(
    client_for, admin, org, django_assert_num_queries, size
):
    scheme = make_scheme(org, admin, questions=size)
    for n in range(size):
        make_adjustment(scheme, label=f"Adjustment {n}")
    client = client_for(admin)
    url = reverse("budgets:setup_scheme", args=[scheme.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(SCHEME_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-summary-card"') == size


@pytest.mark.parametrize("size", [1, 50])
def test_it_lists_the_versions_in_the_same_number_of_queries_however_many(
    client_for, admin, org, django_assert_num_queries, size
):
    for n in range(size):
        make_scheme(org, admin, questions=2, version=n + 1, status=RasScheme.Status.RETIRED)
    client = client_for(admin)
    client.get(reverse("budgets:setup"))
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("budgets:setup"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 50])
def test_it_lists_the_catalogue_in_the_same_number_of_queries_however_many_services(
    client_for, admin, org, django_assert_num_queries, size
):
    for n in range(size):
        service = make_service(org, f"Service {n:02d}")
        ServiceRate.objects.create(
            service=service, unit_cost=Decimal("30.00"), effective_from=datetime.date(2099, 1, 1)
        )
    client = client_for(admin)
    client.get(reverse("budgets:setup_catalogue"))
    with django_assert_num_queries(CATALOGUE_QUERIES):
        response = client.get(reverse("budgets:setup_catalogue"))
    assert response.status_code == 200
    assert response.content.decode().count("£24.50") == size


@pytest.mark.parametrize("size", [1, 50])
def test_it_shows_a_service_in_the_same_number_of_queries_however_many_unit_costs(
    client_for, admin, org, django_assert_num_queries, size
):
    service = make_service(org)
    for n in range(size):
        ServiceRate.objects.create(
            service=service,
            unit_cost=Decimal("30.00") + n,
            effective_from=datetime.date(2010, 1, 1) + datetime.timedelta(days=n),
        )
    client = client_for(admin)
    url = reverse("budgets:setup_service", args=[service.pk])
    client.get(url)
    with django_assert_num_queries(SERVICE_QUERIES):
        assert client.get(url).status_code == 200


# Session and user (2); then the scheme, its questions, their answers, its adjustments.
SCHEME_QUERIES = 6
# Session and user; the versions with their questions counted; the services counted.
HOME_QUERIES = 4
# Session and user; the services; their unit costs.
CATALOGUE_QUERIES = 4
# Session and user; the service; its unit costs.
SERVICE_QUERIES = 4

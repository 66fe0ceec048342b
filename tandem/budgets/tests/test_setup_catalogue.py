"""The catalogue of services and unit costs: adding and changing services, new unit costs from a
date, making a service unavailable for new costs — and that none of it alters a costed plan."""

import datetime
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.forms.parts import CostLineForm
from tandem.budgets.models import CostLine, Service, ServiceRate, Unit
from tandem.budgets.services.setup import service_fingerprint
from tandem.budgets.tests.setup_helpers import make_admin, make_service
from tandem.plans.services import plan_item_create
from tandem.plans.snapshot import plan_snapshot


@pytest.fixture
def admin(org):
    return make_admin(org, first_name="Robin", last_name="Ledgerwood")


TODAY = datetime.date(2026, 5, 15)


def date_fields(day: datetime.date | str, name="effective_from") -> dict:
    if isinstance(day, str):
        d, m, y = day.split()
    else:
        d, m, y = day.day, day.month, day.year
    return {f"{name}_day": d, f"{name}_month": m, f"{name}_year": y}


def errors(response) -> str:
    html = response.content.decode()
    start = html.find("govuk-error-summary")
    assert start >= 0, "no error summary"
    return html[start : html.find("</ul>", start)]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 5, 15, 10, 0), tick=False):
        yield


def test_it_adds_a_service_with_its_first_unit_cost_and_audits_it(client_for, admin, org):
    response = client_for(admin).post(
        reverse("budgets:setup_service_add"),
        {
            "name": "Home care – personal care",
            "unit": Unit.HOUR,
            "description": "Help to wash, dress and eat",
            "unit_cost": "24.50",
            **date_fields("1 4 2026"),
        },
    )
    service = Service.objects.get(organisation=org)
    assert response["Location"] == reverse("budgets:setup_service", args=[service.pk])
    assert list(service.rates.values_list("unit_cost", "effective_from")) == [
        (Decimal("24.50"), datetime.date(2026, 4, 1))
    ]
    event = AuditEvent.objects.get(action=AuditAction.CATALOGUE_CHANGE)
    assert (event.actor, event.person, event.plan) == (admin, None, None)


def test_it_adds_one_service_when_the_form_is_sent_twice(client_for, admin, org):
    data = {
        "name": "Day centre",
        "unit": Unit.DAY,
        "unit_cost": "45.00",
        "submission_key": str(uuid.uuid4()),
        **date_fields("1 4 2026"),
    }
    client = client_for(admin)
    first = client.post(reverse("budgets:setup_service_add"), data)
    second = client.post(reverse("budgets:setup_service_add"), data)
    assert first["Location"] == second["Location"]
    assert Service.objects.count() == ServiceRate.objects.count() == 1


@pytest.mark.parametrize("name", ["Home care", "home CARE"])
def test_it_refuses_a_second_service_with_the_same_name(client_for, admin, org, name):
    make_service(org, "Home care")
    response = client_for(admin).post(
        reverse("budgets:setup_service_add"),
        {"name": name, "unit": Unit.HOUR, "unit_cost": "20.00", **date_fields("1 4 2026")},
    )
    assert response.status_code == 200
    assert "already has a service with this name" in errors(response)
    assert f'value="{name}"' in response.content.decode()
    assert Service.objects.count() == 1


def test_it_allows_the_same_name_in_another_organisation(client_for, admin, other_org_worker):
    make_service(other_org_worker.organisation, "Home care")
    response = client_for(admin).post(
        reverse("budgets:setup_service_add"),
        {"name": "Home care", "unit": Unit.HOUR, "unit_cost": "20.00", **date_fields("1 4 2026")},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"unit_cost": "0"}, "The unit cost must be more than £0"),
        ({"unit_cost": "-5"}, "The unit cost must be more than £0"),
        ({"unit_cost": "15000"}, "The unit cost must be £10,000.00 or less"),
        ({"unit_cost": "1e99"}, "The unit cost must be £10,000.00 or less"),
        ({"unit_cost": "twenty"}, "The unit cost must be an amount in pounds, like 125.50"),
        ({"unit_cost": ""}, "Enter the unit cost"),
        ({"unit": ""}, "Select how the service is charged"),
        ({"unit": "fortnight"}, "Select how the service is charged"),
        ({"name": ""}, "Enter a name for the service"),
        (date_fields("31 2 2026"), "The date the unit cost applies from must be a real date"),
        (date_fields("1 4 1999"), "The date the unit cost applies from must be in 2000 or later"),
        (date_fields("1 4 2040"), "must be within 5 years from today"),
    ],
)
def test_it_refuses_bad_input_with_a_message_and_keeps_what_was_typed(
    client_for, admin, org, data, message
):
    posted = {
        "name": "Day centre",
        "unit": Unit.DAY,
        "unit_cost": "45.00",
        **date_fields("1 4 2026"),
        **data,
    }
    response = client_for(admin).post(reverse("budgets:setup_service_add"), posted)
    assert response.status_code == 200
    assert message in errors(response)
    html = response.content.decode()
    if posted["name"]:
        assert 'value="Day centre"' in html
    if data.get("unit_cost"):
        assert f'value="{data["unit_cost"]}"' in html
    assert not Service.objects.exists()


def test_it_adds_a_new_unit_cost_and_shows_the_history(client_for, admin, org):
    service = make_service(org, cost="24.50", since=datetime.date(2025, 4, 1))
    client = client_for(admin)
    response = client.post(
        reverse("budgets:setup_rate_add", args=[service.pk]),
        {"unit_cost": "26.00", **date_fields("1 4 2026")},
    )
    assert response.status_code == 302
    later = client.post(
        reverse("budgets:setup_rate_add", args=[service.pk]),
        {"unit_cost": "27.25", **date_fields("1 4 2027")},
    )
    assert later.status_code == 302
    html = client.get(reverse("budgets:setup_service", args=[service.pk])).content.decode()
    assert "£26.00 since 1 April 2026" in html
    for text in ("1 April 2025", "£24.50", "1 April 2027", "£27.25", "Later", "Earlier"):
        assert text in html
    catalogue = client.get(reverse("budgets:setup_catalogue")).content.decode()
    assert "£26.00" in catalogue and "£27.25 from 1 April 2027" in catalogue
    assert AuditEvent.objects.filter(action=AuditAction.CATALOGUE_CHANGE).count() == 2


def test_it_refuses_a_second_unit_cost_on_the_same_date(client_for, admin, org):
    service = make_service(org, cost="24.50", since=datetime.date(2026, 4, 1))
    response = client_for(admin).post(
        reverse("budgets:setup_rate_add", args=[service.pk]),
        {"unit_cost": "26.00", **date_fields("1 4 2026")},
    )
    assert response.status_code == 200
    assert "There is already a unit cost from this date (£24.50)" in errors(response)
    assert 'value="26.00"' in response.content.decode()
    assert service.rates.count() == 1


def test_it_adds_one_unit_cost_when_the_form_is_sent_twice(client_for, admin, org):
    service = make_service(org)
    data = {"unit_cost": "26.00", "submission_key": str(uuid.uuid4()), **date_fields("1 4 2026")}
    client = client_for(admin)
    url = reverse("budgets:setup_rate_add", args=[service.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert service.rates.count() == 2


def test_it_changes_a_service(client_for, admin, org):
    service = make_service(org)
    response = client_for(admin).post(
        reverse("budgets:setup_service_change", args=[service.pk]),
        {
            "name": "Home care – night",
            "unit": Unit.HOUR,
            "description": "Waking nights",
            "loaded": service_fingerprint(service),
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.description) == ("Home care – night", "Waking nights")


def test_it_refuses_a_change_over_someone_elses_newer_change(client_for, admin, org):
    service = make_service(org)
    loaded = service_fingerprint(service)
    url = reverse("budgets:setup_service_change", args=[service.pk])
    client_for(make_admin(org)).post(url, {"name": "Theirs", "unit": Unit.HOUR, "loaded": loaded})
    response = client_for(admin).post(url, {"name": "Mine", "unit": Unit.DAY, "loaded": loaded})
    assert response.status_code == 200
    assert "Someone else changed this service" in errors(response)
    assert 'value="Mine"' in response.content.decode()
    assert Service.objects.get(pk=service.pk).name == "Theirs"


def test_it_refuses_renaming_a_service_to_another_services_name(client_for, admin, org):
    make_service(org, "Day centre", unit=Unit.DAY)
    service = make_service(org, "Home care")
    response = client_for(admin).post(
        reverse("budgets:setup_service_change", args=[service.pk]),
        {"name": "Day Centre", "unit": Unit.HOUR, "loaded": service_fingerprint(service)},
    )
    assert "already has a service with this name" in errors(response)


def test_it_makes_a_service_unavailable_for_new_costs_and_available_again(
    client_for, admin, org, worker, person
):
    service = make_service(org)
    client = client_for(admin)
    url = reverse("budgets:setup_service_active", args=[service.pk])
    client.post(url, {"active": "no"})
    client.post(url, {"active": "no"})  # sent twice: one change
    assert not Service.objects.get(pk=service.pk).active
    assert AuditEvent.objects.filter(action=AuditAction.CATALOGUE_CHANGE).count() == 1
    plan = testing.make_plan(person, worker)
    form = CostLineForm(instance=CostLine(plan=plan, organisation=org), plan=plan)
    assert service not in form.fields["service"].queryset
    client.post(url, {"active": "yes"})
    assert Service.objects.get(pk=service.pk).active


def test_a_new_unit_cost_never_alters_a_costed_plan(client_for, admin, org, worker, person):
    """A cost line copies the unit cost when it is saved: the catalogue changing later leaves
    the line, and the plan's figures, as they were."""
    service = make_service(org, cost="24.50", since=datetime.date(2026, 4, 1))
    plan = testing.make_plan(person, worker)
    form = CostLineForm(
        {
            "description": "Morning visits",
            "service": service.pk,
            "quantity": "1",
            "times": "7",
            "period": "week",
            "payer": "council_managed",
        },
        instance=CostLine(plan=plan, organisation=org),
        plan=plan,
    )
    assert form.is_valid(), form.errors
    line = plan_item_create(plan=plan, kind="cost", data=form.item_values(), actor=worker)
    before = plan_snapshot(plan)["costs"]
    assert line.unit_cost == Decimal("24.50")

    client = client_for(admin)
    client.post(
        reverse("budgets:setup_rate_add", args=[service.pk]),
        {"unit_cost": "30.00", **date_fields(TODAY)},
    )
    client.post(
        reverse("budgets:setup_service_change", args=[service.pk]),
        {"name": "Renamed care", "unit": Unit.DAY, "loaded": service_fingerprint(service)},
    )
    client.post(reverse("budgets:setup_service_active", args=[service.pk]), {"active": "no"})

    line.refresh_from_db()
    assert (line.unit_cost, line.unit, line.service_name) == (
        Decimal("24.50"),
        Unit.HOUR,
        "Home care",
    )
    assert plan_snapshot(plan)["costs"] == before
    # A new line uses the new unit cost.
    service.refresh_from_db()
    assert service.rates.order_by("-effective_from").first().unit_cost == Decimal("30.00")


def test_it_lists_the_services_with_todays_unit_cost(client_for, admin, org):
    make_service(org, "Home care", cost="24.50")
    day = make_service(org, "Day centre", cost="45.00", unit=Unit.DAY)
    ServiceRate.objects.create(
        service=day, unit_cost=Decimal("50.00"), effective_from=datetime.date(2026, 5, 1)
    )
    Service.objects.filter(pk=day.pk).update(active=False)
    html = client_for(admin).get(reverse("budgets:setup_catalogue")).content.decode()
    assert html.index("Day centre") < html.index("Home care")
    for text in ("£50.00", "1 May 2026", "per day", "£24.50", "per hour", ">No<", ">Yes<"):
        assert text in html
    assert "£45.00" not in html

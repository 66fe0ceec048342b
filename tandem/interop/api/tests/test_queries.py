"""The API's lists and records read in a fixed number of queries, however many rows there are:
each is counted with 10 rows and with 200 (made with bulk_create), and the counts must match."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem import testing
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Plan
from tandem.reviews.models import OutcomeEvaluation, Review


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def add_people(org, team, worker, count: int) -> None:
    start = Person.objects.count()
    Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Sam",
            family_name=f"Person{start + n:04d}",
            date_of_birth=datetime.date(1960, 1, 1),
            local_identifier=f"Q{start + n:05d}",
            # Every variant of the relations the list shows: allocated or not.
            allocated_worker=worker if n % 2 else None,
        )
        for n in range(count)
    )


def add_members(person, count: int) -> None:
    CircleMember.objects.bulk_create(
        CircleMember(
            organisation=person.organisation,
            person=person,
            name=f"Member {n}",
            kind=CircleMember.Kind.FRIEND,
            consent_to_share=bool(n % 2),
        )
        for n in range(count)
    )


def add_plans(person, worker, count: int) -> None:
    start = person.plans.count()
    Plan.objects.bulk_create(
        Plan(
            organisation=person.organisation,
            person=person,
            version_number=start + n + 1,
            status=Plan.Status.SUPERSEDED,
            coordinator=worker if n % 2 else None,
            created_by=worker,
        )
        for n in range(count)
    )


def add_reviews(person, plan, worker, count: int) -> None:
    reviews = Review.objects.bulk_create(
        Review(
            organisation=person.organisation,
            person=person,
            plan=plan,
            status=Review.Status.FINAL,
            held_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            created_by=worker,
            finalised_by=worker,
        )
        for n in range(count)
    )
    OutcomeEvaluation.objects.bulk_create(
        OutcomeEvaluation(
            review=review,
            outcome_uid=uuid.uuid4(),
            outcome_words="Swim",
            rating=OutcomeEvaluation.Rating.PARTLY,
            gas_level=n % 3 - 1 if n % 4 else None,
        )
        for review in reviews
        for n in range(2)
    )


@pytest.mark.django_db
def test_people_list_queries_do_not_grow(org, team, worker):
    client = testing.client_for(worker)
    add_people(org, team, worker, 10)
    few = queries(client, "/api/v1/people/")
    add_people(org, team, worker, 190)
    assert queries(client, "/api/v1/people/") == few
    assert queries(client, f"/api/v1/people/?team={team.pk}&name=sam") == few


@pytest.mark.django_db
def test_circle_list_queries_do_not_grow(worker, person):
    client = testing.client_for(worker)
    url = f"/api/v1/people/{person.pk}/circle/"
    add_members(person, 10)
    few = queries(client, url)
    add_members(person, 190)
    assert queries(client, url) == few


@pytest.mark.django_db
def test_plan_versions_queries_do_not_grow(worker, person):
    client = testing.client_for(worker)
    url = f"/api/v1/people/{person.pk}/plans/"
    add_plans(person, worker, 10)
    few = queries(client, url)
    add_plans(person, worker, 190)
    assert queries(client, url) == few


@pytest.mark.django_db
def test_reviews_and_progress_queries_do_not_grow(worker, person):
    client = testing.client_for(worker)
    plan = testing.make_plan(person, worker)
    add_reviews(person, plan, worker, 10)
    few = {
        kind: queries(client, f"/api/v1/people/{person.pk}/{kind}/")
        for kind in ("reviews", "progress")
    }
    add_reviews(person, plan, worker, 190)
    assert {
        kind: queries(client, f"/api/v1/people/{person.pk}/{kind}/")
        for kind in ("reviews", "progress")
    } == few

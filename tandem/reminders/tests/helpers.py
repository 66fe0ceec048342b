"""People with something due, made directly with the ORM (bulk_create), for the sweep's tests."""

import datetime
import itertools

from django.utils import timezone

from tandem.accounts.models import Organisation, Team, User
from tandem.people.models import Person
from tandem.plans.models import Plan

_numbers = itertools.count(1)


def due_people(
    org: Organisation,
    team: Team,
    count: int,
    *,
    by: User,
    worker: User | None = None,
    agreed_days_ago: int = 350,
) -> list[Person]:
    """`count` people, each with an agreed plan: agreed 350 days ago, the review is due in about
    two weeks and the consultation before it came due about two weeks ago (not yet escalated).
    So each gives two reminders to `worker` (their allocated worker)."""
    start = next(_numbers) * 100_000
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Rowan",
            family_name=f"Duefield{n}",
            preferred_name="Ro",
            date_of_birth=datetime.date(1960, 5, 5),
            local_identifier=f"DUE{n:07d}",
            allocated_worker=worker,
        )
        for n in range(start, start + count)
    )
    agreed_at = timezone.now() - datetime.timedelta(days=agreed_days_ago)
    Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=person,
            status=Plan.Status.AGREED,
            agreed_at=agreed_at,
            created_by=by,
        )
        for person in people
    )
    return people

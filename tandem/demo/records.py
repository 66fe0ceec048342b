"""Data rights in the demo: a record closed recently (nothing is due for them, and it is not yet
due for anonymising) and one closed long ago and already anonymised, both in Adults North.

Made through the same services as the pages and the retention command, so both look exactly as
real ones do. Only these two demo people are anonymised: loading the demo never touches anyone
else's records.
"""

from datetime import date, timedelta

from tandem.accounts.models import Organisation, Team, User
from tandem.people.models import CircleMember, Person
from tandem.people.services import circle_member_add, person_create
from tandem.records.anonymise import anonymise_people, latest_closing_due
from tandem.records.services import record_close

CLOSED_IDENTIFIER = "DEMO-0027"
ANONYMISED_IDENTIFIER = "DEMO-0028"


def _person(
    organisation: Organisation,
    team: Team,
    worker: User,
    *,
    given: str,
    family: str,
    born: date,
    identifier: str,
    relative: str,
) -> Person:
    person = person_create(
        organisation=organisation,
        actor=worker,
        data={
            "given_name": given,
            "family_name": family,
            "date_of_birth": born,
            "local_identifier": identifier,
            "address": "7 Demo Close, Sampletown",
            "team": team,
            "allocated_worker": worker,
        },
    )
    circle_member_add(
        person=person,
        actor=worker,
        data={
            "name": relative,
            "kind": CircleMember.Kind.FAMILY,
            "relationship": "Daughter",
            "phone": "07700 900999",
            "email": f"{relative.split()[0].lower()}@example.org",
            "consent_to_share": True,
        },
    )
    return person


def create_records(
    *, organisation: Organisation, team: Team, users: dict[str, User], today: date
) -> list[Person]:
    worker = users["demo-worker"]
    closed = _person(
        organisation,
        team,
        worker,
        given="Beatrice",
        family="Quarrington",
        born=date(today.year - 83, 4, 12),
        identifier=CLOSED_IDENTIFIER,
        relative="Fiona Quarrington",
    )
    record_close(
        person=closed,
        actor=worker,
        closed_on=today - timedelta(days=60),
        reason="Moved to live with her daughter, in another council's area. Her new council "
        "has her assessment and plan.",
    )
    gone = _person(
        organisation,
        team,
        worker,
        given="Wilfred",
        family="Haybarn",
        born=date(today.year - 91, 9, 3),
        identifier=ANONYMISED_IDENTIFIER,
        relative="Gail Haybarn",
    )
    record_close(
        person=gone,
        actor=worker,
        closed_on=latest_closing_due(today, organisation.retention_years + 1),
        reason="Support no longer needed.",
    )
    anonymise_people([Person.objects.get(pk=gone.pk)], today=today, dry_run=False)
    return [closed, gone]

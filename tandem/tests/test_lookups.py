"""AnyOf: the same rows as IN, written so PostgreSQL can use an index under an OR."""

from django.db import connection
from django.db.models import F, Q

from tandem import testing
from tandem.accounts import access
from tandem.accounts.models import Team
from tandem.lookups import AnyOf
from tandem.people.models import Person


def test_it_selects_the_same_people_as_in(org, team, worker, person, other_team_worker):
    elsewhere = testing.make_person(org, other_team_worker.teams.get())
    teams = Team.objects.filter(pk=team.pk).values("pk")

    found = Person.objects.filter(Q(AnyOf(F("team_id"), teams)) | Q(pk=-1))

    assert list(found) == list(Person.objects.filter(team_id__in=teams)) == [person]
    assert elsewhere not in found


def test_a_caseload_is_asked_for_so_each_condition_can_use_its_index(worker):
    sql = str(access.visible_people(worker).query)

    if connection.vendor == "postgresql":
        # IN (subquery) under an OR made PostgreSQL read every person in the table.
        assert sql.count("= ANY(ARRAY(SELECT") == 2
    else:
        assert " IN (SELECT" in sql

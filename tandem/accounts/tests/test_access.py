from tandem import testing
from tandem.accounts.access import visible_people


def test_it_never_shows_another_organisations_people_even_through_a_misassigned_team(
    worker, person
):
    other_org = testing.make_organisation()
    other_team = testing.make_team(other_org)
    stranger = testing.make_person(other_org, other_team)
    worker.teams.add(other_team)  # an administrator's mistake

    assert list(visible_people(worker)) == [person]
    assert stranger not in visible_people(worker)


def test_it_shows_a_worker_only_the_people_of_their_teams(worker, person, org):
    elsewhere = testing.make_person(org, testing.make_team(org))
    assert elsewhere not in visible_people(worker)
    assert person in visible_people(worker)

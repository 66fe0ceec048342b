"""Form posts for the people tests: valid by default, override any field."""


def person_post(the_team, **overrides) -> dict:
    data = {
        "given_name": "Nia",
        "family_name": "Jones",
        "preferred_name": "",
        "date_of_birth_day": "14",
        "date_of_birth_month": "7",
        "date_of_birth_year": "1958",
        "local_identifier": "RC0100",
        "address": "1 Example Street",
        "communication_needs": "",
        "preferred_formats": ["large_print"],
        "language": "English",
        "age_group": "adult",
        "team": str(the_team.pk),
        "allocated_worker": "",
        "capacity": "not_assessed",
        "capacity_notes": "",
    }
    data.update(overrides)
    return data


def person_change_post(person, **overrides) -> dict:
    data = person_post(
        person.team,
        given_name=person.given_name,
        family_name=person.family_name,
        preferred_name=person.preferred_name,
        date_of_birth_day=str(person.date_of_birth.day),
        date_of_birth_month=str(person.date_of_birth.month),
        date_of_birth_year=str(person.date_of_birth.year),
        local_identifier=person.local_identifier,
        allocated_worker=str(person.allocated_worker_id or ""),
        advocate=str(person.advocate_id or ""),
        revision=str(person.revision),
    )
    data.update(overrides)
    return data


def member_post(**overrides) -> dict:
    data = {
        "name": "Dee Daughter",
        "kind": "family",
        "relationship": "Daughter",
        "organisation_name": "",
        "phone": "07700 900 123",
        "email": "dee@example.org",
        "address": "",
        "consent_to_share": "yes",
        "consent_notes": "Agreed at home visit",
    }
    data.update(overrides)
    return data

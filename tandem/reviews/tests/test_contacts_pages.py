"""Contacts between reviews: workers record visits, calls and messages with the people in the
plan; the person may read them; carers and providers may not."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.errors import Refused
from tandem.people.models import CircleMember
from tandem.reviews.models import Contact
from tandem.reviews.services.contacts import contact_record
from tandem.reviews.tests.between_helpers import agreed_plan, date_data, provider_for

built = testing.built_once(
    plan=lambda s: agreed_plan(s.person, s.worker),
)


org, team, worker, person, plan = testing.from_scene("org", "team", "worker", "person", "plan")


@pytest.fixture
def member(person):
    return testing.make_circle_member(
        person, name="Dee Daughter", kind=CircleMember.Kind.FAMILY, consent_to_share=False
    )


def list_url(plan):
    return reverse("reviews:contacts", args=[plan.pk])


def add_url(plan):
    return reverse("reviews:contact_add", args=[plan.pk])


def contact_data(who: str, **extra):
    return {
        "who": who,
        "how": "telephone",
        "note": "Talked about the club",
        **date_data("happened_on", timezone.localdate()),
        **extra,
    }


def make_contacts(person, worker, plan, count: int, start=None):
    start = start or timezone.localdate()
    return [
        contact_record(
            person=person,
            plan=plan,
            with_whom=f"Someone {n}",
            how="visit",
            happened_on=start - timedelta(days=n),
            note=f"Note {n}",
            actor=worker,
        )
        for n in range(count)
    ]


def test_it_records_a_contact_with_someone_in_the_circle(client_for, worker, plan, member):
    response = client_for(worker).post(add_url(plan), contact_data(f"member:{member.pk}"))
    assert response.status_code == 302
    assert response["Location"] == list_url(plan)
    contact = Contact.objects.get()
    assert (contact.circle_member, contact.with_whom, contact.how) == (
        member,
        "Dee Daughter",
        "telephone",
    )
    assert (contact.person, contact.plan, contact.recorded_by) == (plan.person, plan, worker)
    event = AuditEvent.objects.get(action=AuditAction.CONTACT_RECORD)
    assert (event.person, event.plan, event.actor) == (plan.person, plan, worker)


def test_it_records_a_contact_with_someone_named(client_for, worker, plan):
    data = contact_data("other", other_name="Dr Shah, GP")
    assert client_for(worker).post(add_url(plan), data).status_code == 302
    contact = Contact.objects.get()
    assert (contact.with_whom, contact.circle_member) == ("Dr Shah, GP", None)


def test_it_records_a_contact_with_the_person(client_for, worker, plan):
    assert client_for(worker).post(add_url(plan), contact_data("person")).status_code == 302
    assert Contact.objects.get().with_whom == plan.person.full_name


def test_it_offers_the_circle_and_the_person_to_choose_from(client_for, worker, plan, member):
    html = client_for(worker).get(add_url(plan)).content.decode()
    assert "Record a contact" in html
    assert f'value="member:{member.pk}"' in html
    assert "Dee Daughter" in html and plan.person.known_as in html


def test_it_asks_for_the_name_of_someone_else_keeping_what_was_typed(client_for, worker, plan):
    response = client_for(worker).post(add_url(plan), contact_data("other", note="Kept this note"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the name of who the contact was with" in html
    assert "Kept this note" in html
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"who": ""}, "Select who the contact was with"),
        ({"how": ""}, "Select how the contact was made"),
        ({"how": "pigeon"}, "Select how the contact was made"),
        ({"note": "   "}, "Enter what was said or agreed"),
        (
            {"happened_on_day": "", "happened_on_month": "", "happened_on_year": ""},
            "Enter the date of the contact",
        ),
        ({"happened_on_day": "31", "happened_on_month": "2"}, "must be a real date"),
        ({"other_name": "x" * 201, "who": "other"}, "Their name and role must be 200 characters"),
    ],
)
def test_it_explains_what_is_wrong(client_for, worker, plan, data, message):
    response = client_for(worker).post(add_url(plan), {**contact_data("person"), **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contact.objects.exists()


def test_it_refuses_a_date_in_the_future(client_for, worker, plan):
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = contact_data("person", note="Typed", **date_data("happened_on", tomorrow))
    html = client_for(worker).post(add_url(plan), data).content.decode()
    assert "The date must be today or in the past" in html
    assert "Typed" in html and f'value="{tomorrow.year}"' in html
    assert not Contact.objects.exists()


def test_it_refuses_a_date_before_the_first_plan(client_for, worker, plan):
    before = plan.agreements.order_by("agreed_on").first().agreed_on - timedelta(days=1)
    data = contact_data("person", **date_data("happened_on", before))
    html = client_for(worker).post(add_url(plan), data).content.decode()
    assert "when the first plan began" in html
    assert not Contact.objects.exists()


def test_it_refuses_someone_in_another_persons_circle(client_for, worker, org, team, plan):
    stranger = testing.make_circle_member(testing.make_person(org, team), name="Stranger")
    response = client_for(worker).post(add_url(plan), contact_data(f"member:{stranger.pk}"))
    assert response.status_code == 200
    assert "Select who the contact was with" in response.content.decode()
    with pytest.raises(Refused, match="circle of support"):
        contact_record(
            person=plan.person,
            plan=plan,
            circle_member=stranger,
            how="visit",
            happened_on=timezone.localdate(),
            note="x",
            actor=worker,
        )
    assert not Contact.objects.exists()


def test_it_records_the_same_form_sent_twice_once(client_for, worker, plan):
    data = contact_data("person", submission_key=str(uuid.uuid4()))
    client = client_for(worker)
    assert client.post(add_url(plan), data).status_code == 302
    assert client.post(add_url(plan), data).status_code == 302
    assert Contact.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.CONTACT_RECORD).count() == 1


def test_it_lists_the_contacts_newest_first(client_for, worker, person, plan):
    make_contacts(person, worker, plan, 3)
    response = client_for(worker).get(list_url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contacts between reviews" in html
    assert html.index("Note 0") < html.index("Note 1") < html.index("Note 2")
    assert add_url(plan) in html
    event = AuditEvent.objects.get(action=AuditAction.CONTACTS_VIEW)
    assert (event.person, event.plan, event.actor) == (person, plan, worker)


def test_it_says_when_there_are_none(client_for, worker, plan):
    html = client_for(worker).get(list_url(plan)).content.decode()
    assert "No contacts have been recorded yet." in html
    assert "govuk-pagination" not in html


def test_it_pages_the_contacts_25_at_a_time(client_for, worker, person, plan):
    make_contacts(person, worker, plan, 30)
    client = client_for(worker)
    first = client.get(list_url(plan)).content.decode()
    assert "Note 24" in first and "Note 25" not in first
    assert "govuk-pagination" in first and "?page=2" in first
    second = client.get(list_url(plan) + "?page=2").content.decode()
    assert "Note 25" in second and "Note 29" in second and "Note 24" not in second
    assert client.get(list_url(plan) + "?page=nonsense").status_code == 200


def test_it_lets_the_person_read_their_contacts_but_not_record_them(
    client_for, worker, person, person_user, plan
):
    make_contacts(person, worker, plan, 1)
    response = client_for(person_user).get(list_url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Note 0" in html and add_url(plan) not in html
    response = client_for(person_user).post(add_url(plan), contact_data("person"))
    assert response.status_code == 403
    assert "recorded by the workers" in response.content.decode()
    assert not Contact.objects.filter(recorded_by=person_user).exists()


@pytest.mark.parametrize("role", ["carer", "provider"])
def test_it_refuses_carers_and_providers(client_for, person, plan, role):
    user = testing.make_carer_user(person) if role == "carer" else provider_for(person)
    client = client_for(user)
    listing = client.get(list_url(plan))
    assert listing.status_code == 403
    assert "seen by the person and the workers" in listing.content.decode()
    assert client.get(add_url(plan)).status_code == 403
    assert client.post(add_url(plan), contact_data("person")).status_code == 403
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CONTACTS_VIEW).exists()
    with pytest.raises(Refused):
        contact_record(
            person=person,
            plan=plan,
            with_whom="x",
            how="visit",
            happened_on=timezone.localdate(),
            note="x",
            actor=user,
        )


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker"])
def test_it_hides_the_contacts_from_other_teams_and_organisations(client_for, plan, who, request):
    client = client_for(request.getfixturevalue(who))
    assert client.get(list_url(plan)).status_code == 404
    assert client.post(add_url(plan), contact_data("person")).status_code == 404
    assert not Contact.objects.exists()


def test_it_answers_404_for_a_plan_that_does_not_exist(client_for, worker):
    for pk in (99999999, 99999999999999999999):
        assert client_for(worker).get(reverse("reviews:contacts", args=[pk])).status_code == 404


@pytest.mark.parametrize("size", [1, 30])
def test_it_keeps_a_constant_number_of_queries(
    client_for, worker, person, plan, size, django_assert_num_queries
):
    make_contacts(person, worker, plan, size)
    client = client_for(worker)
    client.get(list_url(plan))
    with django_assert_num_queries(LIST_QUERIES):
        html = client.get(list_url(plan)).content.decode()
    assert html.count("Note ") == min(size, 25)


LIST_QUERIES = 6


def test_it_shows_the_latest_three_on_the_carrying_out_page(client_for, worker, person, plan):
    make_contacts(person, worker, plan, 5)
    html = client_for(worker).get(reverse("reviews:carrying_out", args=[plan.pk])).content.decode()
    assert "Note 0" in html and "Note 2" in html and "Note 3" not in html
    assert "See all contacts (5)" in html
    assert list_url(plan) in html and add_url(plan) in html


def test_it_shows_the_person_their_contacts_on_the_carrying_out_page(
    client_for, worker, person, person_user, plan
):
    make_contacts(person, worker, plan, 1)
    html = (
        client_for(person_user)
        .get(reverse("reviews:carrying_out", args=[plan.pk]))
        .content.decode()
    )
    assert "Note 0" in html and "See all contacts (1)" in html
    assert add_url(plan) not in html


def test_it_shows_no_contacts_to_a_provider_on_the_carrying_out_page(
    client_for, worker, person, plan
):
    make_contacts(person, worker, plan, 1)
    html = (
        client_for(provider_for(person))
        .get(reverse("reviews:carrying_out", args=[plan.pk]))
        .content.decode()
    )
    assert "Note 0" not in html and list_url(plan) not in html

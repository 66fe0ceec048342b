"""Who gets a copy, in which forms and by which route (copies/recipients.py)."""

import pytest

from tandem import testing
from tandem.copies.recipients import default_route, open_routes, recipients_for, route_note
from tandem.people.models import CircleMember, Delivery, Person


def test_it_opens_email_only_to_someone_who_chose_it_and_has_an_address():
    assert open_routes(has_sign_in=False, email="a@example.org", address="", chose="") == []
    assert open_routes(has_sign_in=False, email="", address="", chose="email") == []
    assert open_routes(has_sign_in=False, email="a@example.org", address="", chose="email") == [
        "email"
    ]


def test_it_opens_sign_in_and_post_to_those_who_can_be_reached_that_way():
    assert open_routes(has_sign_in=True, email="", address="1 Road", chose="") == [
        "sign_in",
        "post",
    ]
    assert open_routes(has_sign_in=False, email="", address="  ", chose="post") == []


@pytest.mark.parametrize(
    ("chose", "routes", "expected"),
    [
        ("email", ["sign_in", "email", "post"], "email"),
        ("email", ["sign_in", "post"], "sign_in"),
        ("email", ["post"], "post"),
        ("", ["sign_in", "post"], "sign_in"),
        ("post", ["sign_in", "post"], "post"),
        ("sign_in", [], ""),
    ],
)
def test_it_sends_the_way_they_chose_or_falls_back_to_sign_in_then_post(chose, routes, expected):
    assert default_route(chose, routes) == expected


def test_it_says_why_someone_does_not_get_copies_by_email():
    note = route_note(name="Jo", chose="email", email="", route="post")
    assert (
        note
        == "Jo asked for copies by email, but no email address is recorded, so it goes by post."
    )
    assert route_note(name="Jo", chose="email", email="jo@example.org", route="email") == ""
    assert "add an address" in route_note(name="Jo", chose="", email="", route="")


@pytest.mark.django_db
def test_it_lists_the_person_and_only_the_circle_the_plan_is_shared_with(person, person_user):
    Person.objects.filter(pk=person.pk).update(
        preferred_formats=["easy_read", "audio"], copies_by=Delivery.SIGN_IN
    )
    person.refresh_from_db()
    shared = testing.make_circle_member(
        person,
        name="Ann Sister",
        email="ann@example.org",
        copies_by=Delivery.EMAIL,
        preferred_formats=["large_print"],
    )
    testing.make_circle_member(
        person, name="Not Shared", email="ns@example.org", copies_by="email", consent_to_share=False
    )
    advocate = testing.make_circle_member(
        person,
        name="Appointed Advocate",
        kind=CircleMember.Kind.ADVOCATE,
        consent_to_share=False,
        appointed_as=CircleMember.Appointment.ADVOCATE,
        address="2 Road",
    )

    found = {r.name: r for r in recipients_for(person)}

    assert set(found) == {person.full_name, "Ann Sister", "Appointed Advocate"}
    me = found[person.full_name]
    assert (me.key, me.route, me.user, me.forms) == (
        "person",
        "sign_in",
        person_user,
        ["easy_read", "audio"],
    )
    assert found["Ann Sister"].route == "email"
    assert found["Ann Sister"].forms == ["large_print"]
    assert found["Ann Sister"].key == f"member:{shared.pk}"
    assert found["Appointed Advocate"].routes == ["post"]
    assert found["Appointed Advocate"].key == f"member:{advocate.pk}"


@pytest.mark.django_db
def test_a_provider_gets_their_part_of_the_plan_and_no_review_record(person):
    provider = testing.make_circle_member(
        person, name="Brightside", kind=CircleMember.Kind.PROVIDER, address="3 Road"
    )

    [_me, theirs] = recipients_for(person)

    assert theirs.member == provider
    assert not theirs.view.whole and theirs.view.member_ids == {provider.pk}
    assert [r.key for r in recipients_for(person, whole_plan_only=True)] == ["person"]


@pytest.mark.django_db
def test_email_goes_to_the_sign_ins_address_when_none_is_on_the_record(person, person_user):
    Person.objects.filter(pk=person.pk).update(copies_by=Delivery.EMAIL, email="")
    type(person_user).objects.filter(pk=person_user.pk).update(email="priya@example.org")
    person.refresh_from_db()

    [me] = recipients_for(person)

    assert (me.email, me.route) == ("priya@example.org", "email")

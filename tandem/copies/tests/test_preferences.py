"""How each recipient wants copies sent: recorded on the person's and their circle's forms
(people app), and read when copies are sent."""

from django.urls import reverse

from tandem import testing
from tandem.copies.recipients import recipients_for
from tandem.people.models import Delivery
from tandem.people.tests.data import member_post, person_change_post


def test_a_worker_records_how_the_person_wants_copies(client_for, worker, person, person_user):
    response = client_for(worker).post(
        reverse("people:change", args=[person.pk]),
        person_change_post(
            person, email="priya@example.org", copies_by="email", preferred_formats=["easy_read"]
        ),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.copies_by) == ("priya@example.org", Delivery.EMAIL)
    [me] = recipients_for(person)
    assert (me.route, me.forms) == ("email", ["easy_read"])
    page = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
    assert "By email, with the copy attached" in page


def test_a_worker_records_a_circle_members_formats_and_way_of_sending(client_for, worker, person):
    member = testing.make_circle_member(person, name="Dee Daughter", address="4 Road")

    client_for(worker).post(
        reverse("people:circle_change", args=[person.pk, member.pk]),
        member_post(
            consent_to_share="yes",
            email="dee@example.org",
            address="4 Road",
            copies_by="post",
            preferred_formats=["large_print", "audio"],
            revision=str(member.revision),
        ),
    )

    member.refresh_from_db()
    assert (member.copies_by, member.preferred_formats) == ("post", ["large_print", "audio"])
    theirs = [r for r in recipients_for(person) if r.member == member][0]
    assert (theirs.route, theirs.forms) == ("post", ["large_print", "audio"])


def test_the_forms_explain_when_email_is_used(client_for, worker, person):
    member = testing.make_circle_member(person)

    person_page = client_for(worker).get(reverse("people:change", args=[person.pk])).text
    member_page = (
        client_for(worker).get(reverse("people:circle_change", args=[person.pk, member.pk])).text
    )

    assert "Email only if they chose it" in person_page
    assert "Email only if they chose it and an email address is given above" in member_page

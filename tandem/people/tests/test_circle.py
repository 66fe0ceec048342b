from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember, Person
from tandem.people.tests.data import member_post


def add_url(person):
    return reverse("people:circle_add", args=[person.pk])


def change_url(member):
    return reverse("people:circle_change", args=[member.person_id, member.pk])


def change_post(member, **overrides):
    data = member_post(
        name=member.name,
        kind=member.kind,
        consent_to_share="yes" if member.consent_to_share else "no",
        revision=str(member.revision),
    )
    data.update(overrides)
    return data


class TestCircleMemberAdd:
    def test_it_shows_the_form(self, client_for, worker, person):
        response = client_for(worker).get(add_url(person))
        assert response.status_code == 200
        assert "controls who can see the person’s plan" in response.text
        assert 'name="consent_to_share"' in response.text

    def test_it_adds_a_member(self, client_for, worker, person):
        response = client_for(worker).post(add_url(person), member_post())
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        member = person.circle.get()
        assert member.name == "Dee Daughter"
        assert member.kind == CircleMember.Kind.FAMILY
        assert member.consent_to_share is True
        assert member.organisation_id == person.organisation_id
        event = AuditEvent.objects.get(action="person.circle.add")
        assert event.person == person
        assert event.detail["consent_to_share"] is True

    def test_it_records_no_consent(self, client_for, worker, person):
        client_for(worker).post(add_url(person), member_post(consent_to_share="no"))
        assert person.circle.get().consent_to_share is False

    def test_it_forbids_a_carer(self, client_for, carer_user, person):
        client = client_for(carer_user)
        assert client.get(add_url(person)).status_code == 403
        assert client.post(add_url(person), member_post()).status_code == 403
        assert person.circle.count() == 1  # only the carer themselves

    def test_it_hides_the_person_from_another_team(self, client_for, other_team_worker, person):
        assert client_for(other_team_worker).get(add_url(person)).status_code == 404

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, person
    ):
        response = client_for(other_org_worker).post(add_url(person), member_post())
        assert response.status_code == 404
        assert not person.circle.exists()

    def test_it_refuses_a_bad_email_and_keeps_what_was_typed(self, client_for, worker, person):
        response = client_for(worker).post(add_url(person), member_post(email="not-an-email"))
        assert response.status_code == 200
        assert "Enter an email address in the correct format" in response.text
        assert 'value="Dee Daughter"' in response.text
        assert 'value="not-an-email"' in response.text
        assert not person.circle.exists()

    def test_it_refuses_a_bad_phone_number(self, client_for, worker, person):
        response = client_for(worker).post(add_url(person), member_post(phone="call me"))
        assert "Enter a phone number" in response.text

    def test_it_asks_for_required_answers(self, client_for, worker, person):
        post = member_post(name="", kind="", consent_to_share="")
        response = client_for(worker).post(add_url(person), post)
        assert response.status_code == 200
        assert "Enter their name" in response.text
        assert "Select the type of support they give" in response.text
        assert "Select yes if the person consents to share their plan" in response.text

    def test_it_refuses_over_long_text(self, client_for, worker, person):
        response = client_for(worker).post(add_url(person), member_post(name="z" * 300))
        assert response.status_code == 200
        assert "Name must be 200 characters or less" in response.text


class TestCircleMemberChange:
    def test_it_shows_the_form_filled_in(self, client_for, worker, person):
        member = testing.make_circle_member(person, name="Dee", consent_to_share=False)
        response = client_for(worker).get(change_url(member))
        assert response.status_code == 200
        assert 'value="Dee"' in response.text
        assert 'value="no" id="id_consent_to_share_1" class="govuk-radios__input" checked' in (
            response.text
        )

    def test_it_records_who_read_the_contact_details(self, client_for, worker, person):
        member = testing.make_circle_member(person, phone="07700 900 444")
        client_for(worker).get(change_url(member))
        event = AuditEvent.objects.get(action="person.circle.view")
        assert event.actor == worker
        assert event.person == person
        assert event.detail["member"] == member.pk

    def test_it_records_no_view_when_refused(self, client_for, carer_user, person):
        member = person.circle.get(user=carer_user)
        client_for(carer_user).get(change_url(member))
        assert not AuditEvent.objects.filter(action="person.circle.view").exists()

    def test_it_saves_changes(self, client_for, worker, person):
        member = testing.make_circle_member(person, consent_to_share=False)
        post = change_post(member, consent_to_share="yes", phone="01632 960 001")
        response = client_for(worker).post(change_url(member), post)
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        member.refresh_from_db()
        assert member.consent_to_share is True
        assert member.phone == "01632 960 001"
        assert member.revision == 2
        event = AuditEvent.objects.get(action="person.circle.update")
        assert event.detail["changes"]["consent_to_share"] == ["No", "Yes"]

    def test_it_answers_404_for_a_member_of_another_persons_circle(
        self, client_for, org, team, worker, person
    ):
        stranger = testing.make_circle_member(testing.make_person(org, team))
        url = reverse("people:circle_change", args=[person.pk, stranger.pk])
        assert client_for(worker).get(url).status_code == 404
        assert client_for(worker).post(url, change_post(stranger)).status_code == 404

    def test_it_forbids_a_carer(self, client_for, carer_user, person):
        member = person.circle.get(user=carer_user)
        assert client_for(carer_user).get(change_url(member)).status_code == 403

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, person
    ):
        member = testing.make_circle_member(person)
        assert client_for(other_org_worker).get(change_url(member)).status_code == 404

    def test_it_refuses_a_stale_save(self, client_for, worker, person):
        member = testing.make_circle_member(person, name="Dee")
        post = change_post(member, name="Mine")
        CircleMember.objects.filter(pk=member.pk).update(name="Theirs", revision=2)
        response = client_for(worker).post(change_url(member), post)
        assert response.status_code == 200
        assert "Someone else changed these details" in response.text
        assert 'value="Mine"' in response.text
        assert 'name="revision" value="2"' in response.text
        member.refresh_from_db()
        assert member.name == "Theirs"

    def test_it_keeps_the_advocate_a_representative(self, client_for, worker, person):
        advocate = testing.make_circle_member(person, kind=CircleMember.Kind.ADVOCATE)
        Person.objects.filter(pk=person.pk).update(advocate=advocate)
        response = client_for(worker).post(
            change_url(advocate), change_post(advocate, kind="friend")
        )
        assert response.status_code == 200
        assert "Choose a different advocate first" in response.text
        advocate.refresh_from_db()
        assert advocate.kind == CircleMember.Kind.ADVOCATE

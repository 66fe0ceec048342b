import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember, Person, SafeguardingReferral
from tandem.plans.models import Plan


def url(person):
    return reverse("people:detail", args=[person.pk])


def agree(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.AGREED, agreed_at=timezone.now())


def make_provider_user(person):
    user = testing.make_user(person.organisation, role=Role.PROVIDER)
    testing.make_circle_member(
        person, name="Acme Home Care", kind=CircleMember.Kind.PROVIDER, user=user
    )
    return user


@pytest.fixture
def full_record(person):
    """A person whose record holds what only staff and the person themselves should read."""
    advocate = testing.make_circle_member(
        person, name="Ada Advocate", kind=CircleMember.Kind.ADVOCATE, consent_notes="Yes to all"
    )
    testing.make_circle_member(
        person,
        name="Nora Nocontact",
        consent_to_share=False,
        consent_notes="Priya does not want Nora told anything",
    )
    Person.objects.filter(pk=person.pk).update(
        address="12 Hidden Lane",
        capacity=Person.Capacity.LACKS_CAPACITY,
        capacity_notes="Best-interest meeting held about money",
        advocate=advocate,
        communication_needs="Uses British Sign Language",
        preferred_formats=[Person.Format.EASY_READ],
        language="Welsh",
    )
    return person


PRIVATE = (
    "12 Hidden Lane",
    "Capacity for planning decisions",
    "Lacks capacity for some planning decisions",
    "Capacity and best-interest notes",
    "Best-interest meeting held about money",
    ">Advocate</dt>",
    "govuk-tag--purple",
    "Consider an advocate.",
    "Nora Nocontact",
    "Priya does not want Nora told anything",
    "Yes to all",
)
NEEDED = (
    "Priya Patel",
    "Pri",
    "Uses British Sign Language",
    "Easy read",
    "Welsh",
    "Ada Advocate",  # a member of the circle who consents to share
)


class TestPersonDetail:
    def test_it_shows_the_person_to_their_worker(self, client_for, worker, person):
        testing.make_circle_member(person, name="Dee", phone="07700 900 111")
        response = client_for(worker).get(url(person))
        assert response.status_code == 200
        body = response.text
        assert "Priya Patel" in body
        assert "govuk-summary-list" in body
        assert reverse("people:change", args=[person.pk]) in body
        assert "Dee" in body
        assert "07700 900 111" in body
        assert "Raise a safeguarding concern" in body
        assert "govuk-button--warning" in body
        assert reverse("people:circle_add", args=[person.pk]) in body

    def test_it_records_every_view(self, client_for, worker, person):
        client = client_for(worker)
        client.get(url(person))
        client.get(url(person))
        events = AuditEvent.objects.filter(action="person.view", person=person, actor=worker)
        assert events.count() == 2

    def test_it_shows_the_person_their_own_record_without_change_links(
        self, client_for, person_user, person
    ):
        testing.make_circle_member(person, phone="07700 900 222")
        response = client_for(person_user).get(url(person))
        assert response.status_code == 200
        assert reverse("people:change", args=[person.pk]) not in response.text
        assert "07700 900 222" in response.text
        assert "Raise a safeguarding concern" in response.text

    def test_it_hides_other_members_contacts_from_a_carer(self, client_for, carer_user, person):
        testing.make_circle_member(person, phone="07700 900 333")
        response = client_for(carer_user).get(url(person))
        assert response.status_code == 200
        assert "07700 900 333" not in response.text
        assert reverse("people:change", args=[person.pk]) not in response.text
        assert "Safeguarding concerns" not in response.text

    def test_it_hides_the_person_from_a_carer_without_consent(self, client_for, person):
        carer = testing.make_carer_user(person, consent_to_share=False)
        assert client_for(carer).get(url(person)).status_code == 404

    @pytest.mark.parametrize("viewer", ["carer", "provider"])
    def test_it_shows_a_carer_or_provider_only_what_they_need(
        self, client_for, carer_user, full_record, viewer
    ):
        user = carer_user if viewer == "carer" else make_provider_user(full_record)
        response = client_for(user).get(url(full_record))
        assert response.status_code == 200
        for text in NEEDED:
            assert text in response.text, text
        for text in PRIVATE:
            assert text not in response.text, text

    def test_it_shows_the_worker_the_whole_record(self, client_for, worker, full_record):
        Person.objects.filter(pk=full_record.pk).update(advocate=None)  # for the warning
        response = client_for(worker).get(url(full_record))
        for text in NEEDED[:-1] + PRIVATE[:5] + PRIVATE[7:]:
            assert text in response.text, text

    def test_it_shows_the_person_their_whole_record(self, client_for, person_user, full_record):
        response = client_for(person_user).get(url(full_record))
        for text in NEEDED + PRIVATE[:7] + PRIVATE[8:]:
            assert text in response.text, text

    def test_it_hides_the_person_from_another_team(self, client_for, other_team_worker, person):
        assert client_for(other_team_worker).get(url(person)).status_code == 404
        assert not AuditEvent.objects.filter(action="person.view").exists()

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, person
    ):
        assert client_for(other_org_worker).get(url(person)).status_code == 404

    def test_it_answers_404_for_an_unknown_person(self, client_for, worker):
        assert client_for(worker).get("/people/999999/").status_code == 404

    def test_it_warns_to_consider_an_advocate(self, client_for, worker, person):
        Person.objects.filter(pk=person.pk).update(capacity=Person.Capacity.LACKS_CAPACITY)
        response = client_for(worker).get(url(person))
        assert "govuk-warning-text" in response.text
        assert "Consider an advocate." in response.text

    def test_it_does_not_warn_when_there_is_an_advocate(self, client_for, worker, person):
        advocate = testing.make_circle_member(person, kind=CircleMember.Kind.ADVOCATE)
        Person.objects.filter(pk=person.pk).update(
            capacity=Person.Capacity.LACKS_CAPACITY, advocate=advocate
        )
        response = client_for(worker).get(url(person))
        assert "Consider an advocate." not in response.text

    def test_it_offers_to_start_a_plan(self, client_for, worker, person):
        response = client_for(worker).get(url(person))
        assert "does not have a plan yet" in response.text
        assert reverse("plans:start", args=[person.pk]) in response.text
        assert "Start a plan" in response.text

    def test_it_lists_the_plan_versions(self, client_for, worker, person):
        first = testing.make_plan(person, worker)
        agree(first)
        second = Plan.objects.create(
            organisation=person.organisation,
            person=person,
            version_number=2,
            previous_version=first,
            created_by=worker,
        )
        response = client_for(worker).get(url(person))
        body = response.text
        assert reverse("plans:detail", args=[first.pk]) in body
        assert reverse("plans:detail", args=[second.pk]) in body
        assert "Version 2" in body
        assert "Agreed" in body and "Draft" in body
        assert "Start a plan" not in body
        assert "Change the plan" not in body  # version 2 is already being written

    def test_it_offers_to_change_an_agreed_plan(self, client_for, worker, person):
        plan = testing.make_plan(person, worker)
        agree(plan)
        response = client_for(worker).get(url(person))
        assert reverse("plans:new_version", args=[plan.pk]) in response.text
        assert "Change the plan" in response.text
        assert "Start a plan" not in response.text

    def test_it_does_not_offer_a_carer_to_change_an_agreed_plan(
        self, client_for, worker, carer_user, person
    ):
        agree(testing.make_plan(person, worker))
        assert "Change the plan" not in client_for(carer_user).get(url(person)).text

    def test_it_lists_safeguarding_concerns_for_staff(self, client_for, worker, person):
        referral = SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        response = client_for(worker).get(url(person))
        assert "Safeguarding concerns" in response.text
        link = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        assert link in response.text

    def test_its_query_count_does_not_grow(self, client_for, worker, manager, person):
        client = client_for(worker)
        plan = testing.make_plan(person, worker)
        testing.make_circle_member(person)
        SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        ).alerted.set([manager])
        # Agreed in both: an agreed plan's "Next review" card adds a fixed 3 queries (its
        # organisation's timescales, outcomes, indicators; tandem/reviews/tests).
        agree(plan)
        with CaptureQueriesContext(connection) as few:
            client.get(url(person))
        for n in range(2, 6):
            Plan.objects.create(
                organisation=person.organisation,
                person=person,
                version_number=n,
                status=Plan.Status.SUPERSEDED,
                created_by=worker,
            )
        for n in range(5):
            testing.make_circle_member(person)
            referral = SafeguardingReferral.objects.create(
                organisation=person.organisation, person=person, concern="x", raised_by=worker
            )
            referral.alerted.set([manager, worker])
            if n % 2:
                SafeguardingReferral.objects.filter(pk=referral.pk).update(
                    acknowledged_by=manager, acknowledged_at=timezone.now(), action_taken="y"
                )
        with CaptureQueriesContext(connection) as many:
            client.get(url(person))
        assert len(many) == len(few), [q["sql"] for q in many]

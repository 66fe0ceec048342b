"""Consent to share as a record (issue 9, item 6): given and withdrawn on the member's consent
pages, audited, shown as a history; withdrawal takes effect at once, for a reminder already
queued too."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.consent import consent_give
from tandem.people.models import CircleMember, ConsentRecord
from tandem.reminders import tasks
from tandem.reminders.models import ReminderPreference
from tandem.reminders.tests.helpers import due_people

GIVE = {
    "purpose": "share_plan",
    "given_by": "legal_representative",
    "given_by_name": "Ravi Patel",
    "method": "writing",
    "given_on_day": "5",
    "given_on_month": "1",
    "given_on_year": "2026",
    "notes": "Not the budget",
}
WITHDRAW = {
    "withdrawn_by": "person",
    "withdrawn_by_name": "",
    "withdrawn_on_day": "6",
    "withdrawn_on_month": "2",
    "withdrawn_on_year": "2026",
}


def urls(member):
    args = [member.person_id, member.pk]
    return (
        reverse("people:consent", args=args),
        reverse("people:consent_give", args=args),
    )


def withdraw_url(record):
    return reverse("people:consent_withdraw", args=[record.person_id, record.member_id, record.pk])


def given(member, actor, purpose="share_plan"):
    return consent_give(
        member=member,
        actor=actor,
        purpose=purpose,
        given_by="person",
        method="in_person",
        given_on=datetime.date(2026, 1, 5),
    )


@pytest.fixture
def member(person):
    return testing.make_circle_member(person, name="Dee Daughter", consent_to_share=False)


class TestGive:
    def test_it_records_who_gave_consent_how_and_when(self, client_for, worker, member):
        history, give = urls(member)
        response = client_for(worker).post(give, GIVE)
        assert response.status_code == 302
        assert response["Location"] == history
        record = member.consents.get()
        assert (record.given_by, record.given_by_name, record.method) == (
            "legal_representative",
            "Ravi Patel",
            "writing",
        )
        assert record.given_on == datetime.date(2026, 1, 5)
        assert record.recorded_by == worker
        member.refresh_from_db()
        assert member.consent_to_share is True
        event = AuditEvent.objects.get(action=AuditAction.CONSENT_GIVE)
        assert (event.actor, event.person_id) == (worker, member.person_id)
        assert event.detail["consent"] == record.pk

    def test_consent_to_be_consulted_does_not_open_the_plan(self, client_for, worker, member):
        client_for(worker).post(urls(member)[1], {**GIVE, "purpose": "consult_at_reviews"})
        member.refresh_from_db()
        assert member.consents.get().purpose == "consult_at_reviews"
        assert member.consent_to_share is False

    def test_it_asks_for_the_name_of_whoever_spoke_for_the_person(self, client_for, worker, member):
        response = client_for(worker).post(urls(member)[1], {**GIVE, "given_by_name": ""})
        assert response.status_code == 200
        assert "Enter the name of the person who spoke for them" in response.text
        assert 'value="Not the budget"' not in response.text  # a textarea keeps it as text
        assert "Not the budget" in response.text
        assert not ConsentRecord.objects.exists()

    def test_it_asks_for_every_answer_and_a_real_date(self, client_for, worker, member):
        post = {"given_on_day": "31", "given_on_month": "2", "given_on_year": "2026"}
        response = client_for(worker).post(urls(member)[1], post)
        for message in (
            "Select what the person consents to",
            "Select who gave consent",
            "Select how consent was given",
            "The date consent was given must be a real date",
        ):
            assert message in response.text
        assert "govuk-error-summary" in response.text

    def test_it_refuses_consent_already_in_force(self, client_for, worker, member):
        given(member, worker)
        response = client_for(worker).post(urls(member)[1], GIVE)
        assert response.status_code == 200
        assert "Consent for this is already recorded for Dee Daughter" in response.text
        assert member.consents.count() == 1

    def test_it_forbids_a_carer_and_hides_the_person_from_other_teams(
        self, client_for, carer_user, other_team_worker, member
    ):
        for user, status in ((carer_user, 403), (other_team_worker, 404)):
            client = client_for(user)
            for url in urls(member):
                assert client.get(url).status_code == status
            assert client.post(urls(member)[1], GIVE).status_code == status
        assert not ConsentRecord.objects.exists()

    def test_it_answers_404_for_a_member_of_another_persons_circle(
        self, client_for, org, team, worker, person
    ):
        stranger = testing.make_circle_member(testing.make_person(org, team))
        url = reverse("people:consent", args=[person.pk, stranger.pk])
        assert client_for(worker).get(url).status_code == 404


class TestWithdraw:
    def test_it_withdraws_at_once_and_keeps_the_history(self, client_for, worker, member):
        record = given(member, worker)
        response = client_for(worker).post(withdraw_url(record), WITHDRAW)
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.withdrawn_on == datetime.date(2026, 2, 6)
        assert (record.withdrawn_by, record.withdrawal_recorded_by) == ("person", worker)
        member.refresh_from_db()
        assert member.consent_to_share is False
        assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAW).count() == 1

        page = client_for(worker).get(urls(member)[0]).text
        assert "5 January 2026" in page and "6 February 2026" in page
        assert "Recorded by Wendy Worker" in page

    def test_it_refuses_a_date_before_consent_was_given(self, client_for, worker, member):
        record = given(member, worker)
        post = {**WITHDRAW, "withdrawn_on_month": "1", "withdrawn_on_day": "1"}
        response = client_for(worker).post(withdraw_url(record), post)
        assert "The date it was withdrawn must be on or after it was given" in response.text
        record.refresh_from_db()
        assert record.in_force

    def test_it_says_so_when_someone_withdrew_it_first(self, client_for, worker, manager, member):
        record = given(member, worker)
        client_for(manager).post(withdraw_url(record), WITHDRAW)
        response = client_for(worker).post(withdraw_url(record), WITHDRAW, follow=True)
        assert "This consent has already been withdrawn" in response.text
        assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAW).count() == 1

    def test_a_queued_reminder_is_not_sent_after_consent_is_withdrawn(
        self, client_for, org, team, worker
    ):
        (person,) = due_people(org, team, 1, by=worker, worker=worker)
        carer = testing.make_user(org, role=Role.CARER, email="carer@example.org")
        member = testing.make_circle_member(person, user=carer, consent_to_share=False)
        record = given(member, worker)
        ReminderPreference.objects.create(organisation=org, user=carer, email_reminders=True)
        tasks.reminders_sweep.enqueue()  # queued while the carer still has consent

        client_for(worker).post(withdraw_url(record), WITHDRAW)
        testing.run_queued_tasks()

        sent_to = {address for message in mail.outbox for address in message.to}
        assert worker.email in sent_to  # the sweep ran
        assert "carer@example.org" not in sent_to

    def test_a_copy_issued_after_withdrawal_leaves_them_out(self, worker, member):
        from tandem.plans.services import issue_recipients

        plan = testing.make_plan(member.person, worker)
        given(member, worker)
        assert "Dee Daughter" in [r["name"] for r in issue_recipients(plan)]
        from tandem.people.consent import consent_withdraw

        consent_withdraw(
            member=member,
            actor=worker,
            purpose="share_plan",
            withdrawn_by="person",
            withdrawn_on=timezone.localdate(),
        )
        assert "Dee Daughter" not in [r["name"] for r in issue_recipients(plan)]


class TestCircleForm:
    def test_the_circle_form_records_consent_through_the_consent_service(
        self, client_for, worker, person
    ):
        from tandem.people.tests.data import member_post

        client_for(worker).post(reverse("people:circle_add", args=[person.pk]), member_post())
        member = person.circle.get()
        record = member.consents.get()
        assert (record.purpose, record.given_by, record.recorded_by) == (
            "share_plan",
            "person",
            worker,
        )
        assert AuditEvent.objects.filter(action=AuditAction.CONSENT_GIVE).count() == 1

    def test_a_form_opened_before_consent_changed_cannot_save_it_back(
        self, client_for, worker, member
    ):
        from tandem.people.tests.data import member_post

        revision = member.revision
        given(member, worker)
        url = reverse("people:circle_change", args=[member.person_id, member.pk])
        post = member_post(name=member.name, consent_to_share="no", revision=str(revision))
        response = client_for(worker).post(url, post)
        assert response.status_code == 200
        assert "Someone else changed these details" in response.text
        member.refresh_from_db()
        assert member.consent_to_share is True

    def test_an_advocate_is_appointed_only_where_the_person_lacks_capacity(
        self, client_for, worker, person
    ):
        from tandem.people.tests.data import member_post

        post = member_post(
            kind="advocate",
            appointed_as="advocate",
            appointed_since_day="1",
            appointed_since_month="6",
            appointed_since_year="2025",
        )
        url = reverse("people:circle_add", args=[person.pk])
        response = client_for(worker).post(url, post)
        assert "An advocate is appointed only when the person lacks capacity" in response.text
        assert not person.circle.exists()

        person.capacity = "lacks_capacity"
        person.save()
        assert client_for(worker).post(url, post).status_code == 302
        member = person.circle.get()
        assert member.appointed_as == CircleMember.Appointment.ADVOCATE
        assert member.appointed_since == datetime.date(2025, 6, 1)

    def test_an_appointment_needs_its_date(self, client_for, worker, person):
        from tandem.people.tests.data import member_post

        post = member_post(kind="family", appointed_as="legal_representative")
        response = client_for(worker).post(reverse("people:circle_add", args=[person.pk]), post)
        assert "Enter the date they were appointed" in response.text
        assert not person.circle.exists()

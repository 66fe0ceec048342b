import re

from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.audit.selectors import plan_changes
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Plan

CONCERN = "Bruises on her arms and she said she is scared of the new carer."


def raised_by_row(html):
    """The summary list row that says who raised the concern."""
    return re.search(r"Raised by</dt>(.*?)</div>", html, re.S).group(1)


def url(person):
    return reverse("people:safeguarding", args=[person.pk])


def post(**overrides):
    return {"concern": CONCERN, "immediate_risk": "yes", **overrides}


def raise_concern(client, person, **kwargs):
    response = client.post(url(person), post(**kwargs))
    testing.run_queued_tasks()  # the alert e-mails
    return response


class TestSafeguardingRaise:
    def test_it_shows_the_form(self, client_for, worker, person):
        response = client_for(worker).get(url(person))
        assert response.status_code == 200
        assert "Is anyone at immediate risk?" in response.text
        assert "If someone is in immediate danger, call 999." in response.text

    def test_it_sends_a_concern_to_the_team_manager(
        self,
        client_for,
        carer_user,
        manager,
        person,
        mailoutbox,
    ):
        response = raise_concern(client_for(carer_user), person)
        referral = SafeguardingReferral.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "people:safeguarding_sent", args=[person.pk, referral.pk]
        )
        assert referral.concern == CONCERN
        assert referral.immediate_risk is True
        assert referral.raised_by == carer_user
        assert referral.organisation_id == person.organisation_id
        assert list(referral.alerted.all()) == [manager]
        event = AuditEvent.objects.get(action="safeguarding.raise")
        assert event.person == person
        assert event.detail["referral"] == referral.pk

        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == [manager.email]
        assert mail.subject == "Safeguarding concern raised for RC0001"
        link = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        assert link in mail.body
        for secret in ("Priya", "Patel", "Bruises", "scared"):
            assert secret not in mail.subject
            assert secret not in mail.body

    def test_it_alerts_every_manager_of_the_team_only(
        self,
        client_for,
        org,
        team,
        worker,
        manager,
        person,
        mailoutbox,
    ):
        second = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        raise_concern(client_for(worker), person)
        referral = SafeguardingReferral.objects.get()
        assert set(referral.alerted.all()) == {manager, second}
        assert sorted(m.to[0] for m in mailoutbox) == sorted([manager.email, second.email])

    def test_the_person_can_raise_a_concern(self, client_for, person_user, person, manager):
        response = raise_concern(
            client_for(person_user),
            person,
            immediate_risk="no",
        )
        assert response.status_code == 302
        referral = SafeguardingReferral.objects.get()
        assert response["Location"] == reverse(
            "people:safeguarding_sent", args=[person.pk, referral.pk]
        )
        assert referral.immediate_risk is False
        assert referral.raised_by == person_user
        assert referral.concern == CONCERN

    def test_it_links_the_concern_to_the_plan_it_came_from(self, client_for, worker, person):
        plan = testing.make_plan(person, worker)
        response = client_for(worker).post(f"{url(person)}?plan={plan.pk}", post())
        assert response.status_code == 302
        referral = SafeguardingReferral.objects.get()
        assert response["Location"] == reverse(
            "people:safeguarding_sent", args=[person.pk, referral.pk]
        )
        assert referral.plan == plan
        event = AuditEvent.objects.get(action="safeguarding.raise")
        assert event.person == person
        assert event.detail["plan"] == plan.pk
        assert event.detail["referral"] == referral.pk

    def test_it_keeps_the_concern_off_the_plans_recent_changes(
        self, client_for, worker, carer_user, person
    ):
        """Everyone who can see the plan sees its changes: a concern there could warn the
        person it is about."""
        plan = testing.make_plan(person, worker)
        client_for(carer_user).post(f"{url(person)}?plan={plan.pk}", post())
        assert SafeguardingReferral.objects.get().plan == plan
        assert AuditEvent.objects.get(action="safeguarding.raise").plan is None
        assert not [e for e in plan_changes(plan) if e.action.startswith("safeguarding.")]
        page = client_for(carer_user).get(reverse("plans:detail", args=[plan.pk]))
        assert page.status_code == 200
        assert "Recent changes" in page.text
        assert "Raised a safeguarding concern" not in page.text

    def test_it_refuses_another_persons_plan(self, client_for, org, team, worker, person):
        other_plan = testing.make_plan(testing.make_person(org, team), worker)
        client = client_for(worker)
        assert client.get(f"{url(person)}?plan={other_plan.pk}").status_code == 404
        assert client.post(f"{url(person)}?plan={other_plan.pk}", post()).status_code == 404
        assert client.get(f"{url(person)}?plan=nonsense").status_code == 404
        assert not SafeguardingReferral.objects.exists()

    def test_it_goes_through_whatever_state_the_plan_is_in(self, client_for, worker, person):
        plan = testing.make_plan(person, worker)
        for status in Plan.Status.values:
            Plan.objects.filter(pk=plan.pk).update(status=status)
            response = client_for(worker).post(f"{url(person)}?plan={plan.pk}", post())
            assert response.status_code == 302, status
            referral = SafeguardingReferral.objects.first()  # the latest
            assert response["Location"] == reverse(
                "people:safeguarding_sent", args=[person.pk, referral.pk]
            ), status
            assert referral.plan == plan, status
        assert SafeguardingReferral.objects.count() == len(Plan.Status.values)

    def test_it_still_records_the_concern_when_there_is_no_manager(
        self, client_for, worker, person, mailoutbox
    ):
        client = client_for(worker)
        response = raise_concern(client, person)
        assert response.status_code == 302
        assert SafeguardingReferral.objects.count() == 1
        referral = SafeguardingReferral.objects.get()
        assert response["Location"] == reverse(
            "people:safeguarding_sent", args=[person.pk, referral.pk]
        )
        assert list(referral.alerted.all()) == []
        assert mailoutbox == []
        page = client.get(response["Location"])
        assert "there is no team manager to alert" in page.text

    def test_it_hides_the_person_from_another_team(self, client_for, other_team_worker, person):
        assert client_for(other_team_worker).post(url(person), post()).status_code == 404
        assert not SafeguardingReferral.objects.exists()

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, person
    ):
        assert client_for(other_org_worker).get(url(person)).status_code == 404

    def test_it_hides_the_person_from_a_carer_without_consent(self, client_for, person):
        carer = testing.make_carer_user(person, consent_to_share=False)
        assert client_for(carer).post(url(person), post()).status_code == 404

    def test_it_asks_for_the_concern(self, client_for, worker, person):
        response = client_for(worker).post(url(person), {"concern": "", "immediate_risk": ""})
        assert response.status_code == 200
        assert "Enter the concern" in response.text
        assert "Select yes if anyone is at immediate risk" in response.text
        assert not SafeguardingReferral.objects.exists()

    def test_it_keeps_the_concern_when_an_answer_is_missing(self, client_for, worker, person):
        response = client_for(worker).post(url(person), post(immediate_risk=""))
        assert CONCERN.replace("'", "&#x27;") in response.text

    def test_it_refuses_an_over_long_concern(self, client_for, worker, person):
        response = client_for(worker).post(url(person), post(concern="c" * 5001))
        assert response.status_code == 200
        assert "must be 5000 characters or less" in response.text


class TestSafeguardingSent:
    def test_it_confirms_to_the_person_who_raised_it(self, client_for, carer_user, manager, person):
        client = client_for(carer_user)
        response = raise_concern(client, person)
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "govuk-panel--confirmation" in page.text
        assert "Safeguarding concern sent" in page.text
        assert "safeguarding procedure" in page.text
        assert "Morgan Manager" in page.text
        assert "If someone is in immediate danger, call 999." in page.text

    def test_it_is_only_for_the_person_who_raised_it(self, client_for, worker, carer_user, person):
        referral = SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        url = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
        assert client_for(carer_user).get(url).status_code == 404

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, worker, person
    ):
        referral = SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        url = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
        assert client_for(other_org_worker).get(url).status_code == 404


class TestSafeguardingReferral:
    def make(self, person, raised_by):
        return SafeguardingReferral.objects.create(
            organisation=person.organisation,
            person=person,
            concern=CONCERN,
            immediate_risk=True,
            raised_by=raised_by,
        )

    def test_it_shows_the_manager_the_concern(self, client_for, manager, carer_user, person):
        referral = self.make(person, carer_user)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        response = client_for(manager).get(url)
        assert response.status_code == 200
        assert "Bruises on her arms" in response.text
        assert "may be at immediate risk" in response.text
        assert AuditEvent.objects.filter(action="safeguarding.view", actor=manager).exists()

    def test_it_names_the_raisers_role_once(self, client_for, manager, worker, person):
        worker.job_title = "Social worker"
        worker.save()
        referral = self.make(person, worker)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        row = raised_by_row(client_for(manager).get(url).text)
        assert "Wendy Worker" in row
        assert row.count("Social worker") == 1

    def test_it_names_the_role_when_there_is_no_job_title(
        self, client_for, manager, carer_user, person
    ):
        referral = self.make(person, carer_user)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        row = raised_by_row(client_for(manager).get(url).text)
        assert "Carol Carer" in row
        assert row.count("Carer, family member or representative") == 1

    def test_it_names_a_job_title_and_a_different_role(self, client_for, manager, worker, person):
        worker.job_title = "Senior practitioner"
        worker.save()
        referral = self.make(person, worker)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        row = raised_by_row(client_for(manager).get(url).text)
        assert "Senior practitioner" in row
        assert "Social worker" in row

    def test_it_forbids_a_carer(self, client_for, carer_user, person):
        referral = self.make(person, carer_user)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        assert client_for(carer_user).get(url).status_code == 403

    def test_it_hides_it_from_another_organisation(self, client_for, other_org_worker, person):
        referral = self.make(person, person.allocated_worker)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        assert client_for(other_org_worker).get(url).status_code == 404

    def test_it_answers_404_for_another_persons_referral(
        self, client_for, org, team, worker, person
    ):
        referral = self.make(testing.make_person(org, team), worker)
        url = reverse("people:safeguarding_referral", args=[person.pk, referral.pk])
        assert client_for(worker).get(url).status_code == 404


class TestSafeguardingList:
    URL = reverse("people:safeguarding_list")

    def test_it_lists_concerns_for_the_managers_teams(
        self, client_for, org, manager, worker, person
    ):
        SafeguardingReferral.objects.create(
            organisation=org, person=person, concern="x", raised_by=worker
        )
        elsewhere = testing.make_person(org, testing.make_team(org), given_name="Elsewhere")
        SafeguardingReferral.objects.create(
            organisation=org, person=elsewhere, concern="x", raised_by=worker
        )
        response = client_for(manager).get(self.URL)
        assert response.status_code == 200
        assert "Priya Patel" in response.text
        assert "Elsewhere" not in response.text

    def test_it_records_who_read_the_list(self, client_for, org, manager, worker, person):
        referral = SafeguardingReferral.objects.create(
            organisation=org, person=person, concern="x", raised_by=worker
        )
        client_for(manager).get(self.URL)
        event = AuditEvent.objects.get(action="safeguarding.list.view")
        assert event.actor == manager
        assert event.organisation == org
        assert event.person is None
        assert event.plan is None
        assert event.detail["referrals"] == [referral.pk]

    def test_it_forbids_workers(self, client_for, worker):
        assert client_for(worker).get(self.URL).status_code == 403
        assert not AuditEvent.objects.filter(action="safeguarding.list.view").exists()

    def test_it_forbids_carers(self, client_for, carer_user):
        assert client_for(carer_user).get(self.URL).status_code == 403

    def test_it_forbids_a_manager_outside_any_organisation(self, client_for, db):
        manager = testing.make_user(None, role=Role.TEAM_MANAGER)
        assert client_for(manager).get(self.URL).status_code == 403
        assert not AuditEvent.objects.filter(action="safeguarding.list.view").exists()

    def test_it_hides_other_organisations_concerns(self, client_for, other_org_worker, person):
        SafeguardingReferral.objects.create(
            organisation=person.organisation,
            person=person,
            concern="x",
            raised_by=person.allocated_worker,
        )
        other_manager = testing.make_worker(
            other_org_worker.organisation,
            other_org_worker.teams.get(),
            role=Role.TEAM_MANAGER,
        )
        response = client_for(other_manager).get(self.URL)
        assert "Priya" not in response.text
        assert "No safeguarding concerns have been raised" in response.text

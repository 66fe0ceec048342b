"""Emergency (break-glass) access (issue 9, item 2): found by local identifier, opened with a
reason, audited, shown on the record, and on the managers' worklists until one reviews it.
Also the sharing review asked for after a safeguarding concern."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.emergency import break_glass_open
from tandem.people.models import BreakGlassAccess, SharingReview
from tandem.people.services import safeguarding_raise
from tandem.worklist.due import worklist_for

REASON = "Found confused at the station, needs his medication list"


@pytest.fixture
def south_manager(other_team_worker):
    """The manager of the practitioner's own team (the person is in another team)."""
    return testing.make_worker(
        other_team_worker.organisation, other_team_worker.teams.get(), role=Role.TEAM_MANAGER
    )


def kinds(user):
    return [(e.item.kind, e.in_caseload) for e in worklist_for(user, timezone.localdate())]


class TestSearch:
    URL = reverse("people:emergency_search")

    def test_it_finds_one_person_by_their_whole_identifier_across_the_organisation(
        self, client_for, other_team_worker, person
    ):
        response = client_for(other_team_worker).get(
            self.URL, {"identifier": f" {person.local_identifier.lower()} "}
        )
        assert response.status_code == 200
        assert person.full_name in response.text and person.team.name in response.text
        assert reverse("people:break_glass", args=[person.pk]) in response.text
        # Nothing else of the record, such as the date of birth.
        assert date_format(person.date_of_birth, "j F Y") not in response.text
        event = AuditEvent.objects.filter(action=AuditAction.PEOPLE_SEARCH_VIEW).last()
        assert (event.actor, event.person_id) == (other_team_worker, person.pk)

    def test_a_part_of_an_identifier_finds_no_one(self, client_for, other_team_worker, person):
        partial = person.local_identifier[:-1]
        response = client_for(other_team_worker).get(self.URL, {"identifier": partial})
        assert "No one in your organisation has this local identifier" in response.text
        assert person.full_name not in response.text
        event = AuditEvent.objects.get(action=AuditAction.PEOPLE_SEARCH_VIEW)
        assert event.detail["found"] == 0

    def test_it_links_to_the_record_itself_for_someone_already_in_your_teams(
        self, client_for, worker, person
    ):
        response = client_for(worker).get(self.URL, {"identifier": person.local_identifier})
        assert reverse("people:detail", args=[person.pk]) in response.text
        assert reverse("people:break_glass", args=[person.pk]) not in response.text

    def test_it_asks_for_an_identifier_and_shows_nothing_before(self, client_for, worker):
        assert client_for(worker).get(self.URL).status_code == 200
        assert not AuditEvent.objects.filter(action=AuditAction.PEOPLE_SEARCH_VIEW).exists()
        response = client_for(worker).get(self.URL, {"identifier": ""})
        assert "Enter the person’s local identifier" in response.text


class TestOpen:
    def url(self, person):
        return reverse("people:break_glass", args=[person.pk])

    def test_it_opens_the_record_with_a_reason_and_shows_it_there(
        self, client_for, other_team_worker, worker, person
    ):
        client = client_for(other_team_worker)
        assert client.get(self.url(person)).status_code == 200
        response = client.post(self.url(person), {"reason": REASON})
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        grant = BreakGlassAccess.objects.get()
        assert (grant.user, grant.person, grant.reason) == (other_team_worker, person, REASON)
        event = AuditEvent.objects.get(action=AuditAction.BREAK_GLASS)
        assert (event.actor, event.person_id, event.detail["reason"]) == (
            other_team_worker,
            person.pk,
            REASON,
        )
        # Everyone who can see the record sees who opened it, when, why and until when.
        page = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
        assert "Olu Other opened this record in an emergency" in page
        assert REASON in page

    @pytest.mark.parametrize(
        ("reason", "message"),
        [
            ("", "Enter why you need to open this record now"),
            ("Just checking", "Your reason must be 20 characters or more"),
            ("   " + "x" * 10 + "        " * 3, "Your reason must be 20 characters or more"),
        ],
    )
    def test_it_refuses_a_missing_or_short_reason(
        self, client_for, other_team_worker, person, reason, message
    ):
        response = client_for(other_team_worker).post(self.url(person), {"reason": reason})
        assert response.status_code == 200
        assert message in response.text
        assert "govuk-error-summary" in response.text
        assert not BreakGlassAccess.objects.exists()
        assert not AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS).exists()

    def test_someone_already_in_the_team_is_sent_to_the_record(self, client_for, worker, person):
        response = client_for(worker).post(self.url(person), {"reason": REASON})
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        assert not BreakGlassAccess.objects.exists()

    def test_the_circle_does_not_see_the_banner_or_its_reason(
        self, client_for, other_team_worker, person, carer_user
    ):
        break_glass_open(person=person, actor=other_team_worker, reason=REASON)
        page = client_for(carer_user).get(reverse("people:detail", args=[person.pk])).text
        assert "opened this record in an emergency" not in page
        assert REASON not in page

    def test_the_banner_goes_when_the_access_expires(
        self, client_for, worker, other_team_worker, person
    ):
        grant = break_glass_open(person=person, actor=other_team_worker, reason=REASON)
        BreakGlassAccess.objects.filter(pk=grant.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        page = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
        assert "opened this record in an emergency" not in page


class TestReview:
    def test_it_is_on_the_worklists_of_both_teams_managers_until_one_reviews_it(
        self, client_for, manager, south_manager, other_team_worker, worker, person
    ):
        grant = break_glass_open(person=person, actor=other_team_worker, reason=REASON)
        # The person's team's manager, and the practitioner's own (not their caseload).
        assert ("break_glass", True) in kinds(manager)
        assert kinds(south_manager) == [("break_glass", False)]
        assert "break_glass" not in [k for k, _ in kinds(worker)]
        assert "break_glass" not in [k for k, _ in kinds(other_team_worker)]
        # The practitioner's manager is not sent to a record they cannot see.
        page = client_for(south_manager).get(reverse("worklist:list")).text
        assert reverse("people:detail", args=[person.pk]) not in page
        assert reverse("people:break_glass_review", args=[grant.pk]) in page

        review = reverse("people:break_glass_review", args=[grant.pk])
        response = client_for(south_manager).get(review)
        assert response.status_code == 200 and REASON in response.text
        assert AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS_VIEW).count() == 1

        reviewed = reverse("people:break_glass_reviewed", args=[grant.pk])
        assert client_for(south_manager).post(reviewed).status_code == 302
        grant.refresh_from_db()
        assert grant.reviewed_by == south_manager
        assert AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS_REVIEW).count() == 1
        assert "break_glass" not in [k for k, _ in kinds(manager)]
        assert kinds(south_manager) == []

    def test_a_second_review_changes_nothing(
        self, client_for, manager, south_manager, other_team_worker, person
    ):
        grant = break_glass_open(person=person, actor=other_team_worker, reason=REASON)
        reviewed = reverse("people:break_glass_reviewed", args=[grant.pk])
        client_for(south_manager).post(reviewed)
        response = client_for(manager).post(reviewed, follow=True)
        assert "has already reviewed this emergency access" in response.text
        grant.refresh_from_db()
        assert grant.reviewed_by == south_manager
        assert AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS_REVIEW).count() == 1

    def test_it_is_refused_to_anyone_else(
        self, client_for, org, worker, other_team_worker, person, carer_user
    ):
        grant = break_glass_open(person=person, actor=other_team_worker, reason=REASON)
        elsewhere_manager = testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        review = reverse("people:break_glass_review", args=[grant.pk])
        reviewed = reverse("people:break_glass_reviewed", args=[grant.pk])
        for user in (worker, other_team_worker, elsewhere_manager, carer_user):
            client = client_for(user)
            assert client.get(review).status_code == 404
            assert client.post(reviewed).status_code == 404
        grant.refresh_from_db()
        assert grant.reviewed_at is None
        assert not AuditEvent.objects.filter(
            action__in=[AuditAction.BREAK_GLASS_VIEW, AuditAction.BREAK_GLASS_REVIEW]
        ).exists()

    def test_a_manager_does_not_review_their_own(self, client_for, manager, org):
        elsewhere = testing.make_person(org, testing.make_team(org))
        grant = break_glass_open(person=elsewhere, actor=manager, reason=REASON)
        review = reverse("people:break_glass_review", args=[grant.pk])
        assert client_for(manager).get(review).status_code == 404
        assert "break_glass" not in [k for k, _ in kinds(manager)]


class TestSharingReview:
    def test_a_concern_asks_the_worker_to_review_who_the_plan_is_shared_with(
        self, client_for, worker, manager, person
    ):
        assert "sharing_review" not in [k for k, _ in kinds(worker)]
        safeguarding_raise(
            person=person, plan=None, concern="Bruises", immediate_risk=False, actor=manager
        )
        assert ("sharing_review", True) in kinds(worker)
        page = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
        assert "I have reviewed who this is shared with" in page

        url = reverse("people:sharing_review", args=[person.pk])
        assert client_for(worker).post(url).status_code == 302
        assert SharingReview.objects.get().reviewed_by == worker
        assert AuditEvent.objects.filter(action=AuditAction.SHARING_REVIEW).count() == 1
        assert "sharing_review" not in [k for k, _ in kinds(worker)]
        page = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
        assert "I have reviewed who this is shared with" not in page

    def test_only_staff_record_it(self, client_for, carer_user, other_team_worker, person):
        url = reverse("people:sharing_review", args=[person.pk])
        assert client_for(carer_user).post(url).status_code == 403
        assert client_for(other_team_worker).post(url).status_code == 404
        assert not SharingReview.objects.exists()
        assert not AuditEvent.objects.filter(action=AuditAction.SHARING_REVIEW).exists()

"""A disagreement or an agreement sent twice (a double click, a browser retrying) is recorded once,
and the second answer is the plan, not an error.

Five at once against a real server: tests/test_simultaneous_submits.py."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.plans import services
from tandem.plans.models import Disagreement, Plan
from tandem.plans.services import disagreement_add, plan_send_for_agreement
from tandem.plans.tests.helpers import build_ready_plan, fresh, person_and_worker_agree

built = testing.built_once(
    ready_plan=lambda s: plan_send_for_agreement(
        plan=build_ready_plan(person=s.person, actor=s.worker), actor=s.worker
    ),
)


org, team, worker, person, ready_plan = testing.from_scene(
    "org", "team", "worker", "person", "ready_plan"
)


DISAGREEMENT = {"section": "support", "raised_by": "Dee", "details": "Not enough hours"}


def posted_disagreement() -> dict:
    """DISAGREEMENT as the form sends it, raised today."""
    today = timezone.localdate()
    return {
        **DISAGREEMENT,
        "raised_on_day": str(today.day),
        "raised_on_month": str(today.month),
        "raised_on_year": str(today.year),
    }


class TestDisagreementSentTwice:
    def url(self, plan):
        return reverse("plans:disagreement_add", args=[plan.pk])

    def test_the_same_form_sent_twice_notes_one_disagreement(self, client_for, worker, ready_plan):
        client = client_for(worker)
        data = {**posted_disagreement(), "submission_key": str(uuid.uuid4())}
        first, second = (
            client.post(self.url(ready_plan), data),
            client.post(self.url(ready_plan), data),
        )
        detail = reverse("plans:detail", args=[ready_plan.pk])
        assert (first["Location"], second["Location"]) == (detail, detail)
        assert Disagreement.objects.count() == 1

    def test_without_a_key_each_submission_is_noted(self, client_for, worker, ready_plan):
        client = client_for(worker)
        client.post(self.url(ready_plan), posted_disagreement())
        client.post(self.url(ready_plan), posted_disagreement())
        assert Disagreement.objects.count() == 2

    def test_a_key_used_for_a_different_disagreement_is_a_new_one(self, worker, ready_plan):
        """A form brought back with the browser's back button and changed is a new disagreement."""
        key = uuid.uuid4()
        first = disagreement_add(plan=ready_plan, actor=worker, submission_key=key, **DISAGREEMENT)
        changed = {**DISAGREEMENT, "details": "Too early in the day"}
        second = disagreement_add(plan=ready_plan, actor=worker, submission_key=key, **changed)
        assert second != first
        assert second.submission_key is None

    def test_after_agreement_the_plan_is_reissued_once(self, worker, ready_plan, person):
        services.plan_record_agreement(
            plan=ready_plan, parties=person_and_worker_agree(person, worker), actor=worker
        )
        key = uuid.uuid4()
        first = disagreement_add(plan=ready_plan, actor=worker, submission_key=key, **DISAGREEMENT)
        second = disagreement_add(plan=ready_plan, actor=worker, submission_key=key, **DISAGREEMENT)
        assert second == first
        assert list(ready_plan.issues.values_list("number", flat=True)) == [1, 2]


class TestAgreementSentTwice:
    AGREEMENT = {
        "agreed_by": "person",
        "method": "in_person",
        "agreed_on_day": "3",
        "agreed_on_month": "3",
        "agreed_on_year": str(datetime.date.today().year - 1),
        "worker_agrees": "on",
    }

    def test_the_second_shows_the_agreed_plan(self, client_for, worker, ready_plan):
        client = client_for(worker)
        url = reverse("plans:agree", args=[ready_plan.pk])
        client.post(url, self.AGREEMENT)
        second = client.post(url, self.AGREEMENT)
        assert second["Location"] == reverse("plans:detail", args=[ready_plan.pk])
        assert fresh(ready_plan).issues.count() == 1

    def test_one_agreed_while_the_form_was_sent_shows_the_plan_with_a_message(
        self, client_for, worker, person, ready_plan, monkeypatch
    ):
        """The plan was ready when the page checked, and agreed by the time the service locked it
        (the other of two simultaneous submits)."""
        record = services.plan_record_agreement

        def agreed_just_before(*, plan, parties, actor):
            record(plan=plan, parties=person_and_worker_agree(person, worker), actor=actor)
            return record(plan=plan, parties=parties, actor=actor)

        monkeypatch.setattr(services, "plan_record_agreement", agreed_just_before)
        client = client_for(worker)
        response = client.post(reverse("plans:agree", args=[ready_plan.pk]), self.AGREEMENT)
        assert response["Location"] == reverse("plans:detail", args=[ready_plan.pk])
        page = client.get(response["Location"]).text
        assert "This plan has already been agreed" in page
        assert fresh(ready_plan).status == Plan.Status.AGREED
        assert fresh(ready_plan).issues.count() == 1

"""The API reads and writes through the pages' own access calls, forms and services: the same
rules refuse the same things with the same words, a stale revision is a 409 that changes
nothing, every read and write is audited, and errors are problem details."""

import datetime
import json

import pytest

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Outcome
from tandem.plans.services.versions import plan_start_new_version
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.reviews.models import ActionProgress
from tandem.testing_refusals import _provider

JSON = "application/json"


def send(client, method: str, url: str, body) -> "object":
    return client.generic(method, url, json.dumps(body), content_type=JSON)


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-pk").first()


@pytest.fixture
def api(worker):
    return testing.client_for(worker)


@pytest.mark.django_db
class TestPerson:
    def test_it_changes_only_what_is_sent_and_audits_it(self, api, person):
        response = send(
            api, "PATCH", f"/api/v1/people/{person.pk}/", {"revision": 1, "language": "Welsh"}
        )
        assert response.status_code == 200, response.content
        person.refresh_from_db()
        assert (person.language, person.given_name, person.revision) == ("Welsh", "Priya", 2)
        assert response.json()["revision"] == 2
        event = last_event()
        assert event.action == AuditAction.PERSON_UPDATE
        assert event.detail["changes"]["language"] == ["English", "Welsh"]

    def test_a_stale_revision_is_a_409_problem_and_changes_nothing(self, api, person):
        Person.objects.filter(pk=person.pk).update(revision=5)
        response = send(
            api, "PATCH", f"/api/v1/people/{person.pk}/", {"revision": 4, "language": "Welsh"}
        )
        assert response.status_code == 409
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"].startswith("Someone else changed these details")
        person.refresh_from_db()
        assert person.language == "English"

    def test_it_refuses_what_the_page_refuses_in_the_pages_words(self, api, person, org, team):
        testing.make_person(org, team, local_identifier="TAKEN1")
        response = send(
            api,
            "PATCH",
            f"/api/v1/people/{person.pk}/",
            {"revision": 1, "local_identifier": "TAKEN1", "given_name": ""},
        )
        assert response.status_code == 400
        body = response.json()
        assert body["status"] == 400 and body["type"].endswith(":invalid")
        assert body["errors"]["given_name"] == ["Enter the person’s first name"]
        # The service's rule, after the form's: the same words as the page.
        response = send(
            api,
            "PATCH",
            f"/api/v1/people/{person.pk}/",
            {"revision": 1, "local_identifier": "TAKEN1"},
        )
        assert response.json()["errors"]["local_identifier"] == [
            "Another person in your organisation already has this local identifier"
        ]
        person.refresh_from_db()
        assert person.local_identifier != "TAKEN1"

    def test_it_asks_for_the_revision_and_a_json_object(self, api, person):
        response = send(api, "PATCH", f"/api/v1/people/{person.pk}/", {"language": "Welsh"})
        assert list(response.json()["errors"]) == ["revision"]
        response = send(api, "PATCH", f"/api/v1/people/{person.pk}/", [1, 2])
        assert response.status_code == 400
        response = send(
            api, "PATCH", f"/api/v1/people/{person.pk}/", {"revision": 1, "date_of_birth": "1st"}
        )
        assert "date_of_birth" in response.json()["errors"]

    def test_a_form_post_is_415_not_a_500(self, api, person):
        response = api.post(f"/api/v1/people/{person.pk}/circle/", {"name": "Jo"})
        assert response.status_code == 415
        assert response.json()["type"].endswith(":unsupported-media-type")

    def test_reading_is_audited_as_on_the_page(self, api, person):
        api.get(f"/api/v1/people/{person.pk}/")
        event = last_event()
        assert (event.action, event.person_id) == (AuditAction.PERSON_VIEW, person.pk)
        assert event.detail == {"page": "api:person"}

    def test_a_carer_does_not_see_the_private_details(self, person, carer_user):
        body = testing.client_for(carer_user).get(f"/api/v1/people/{person.pk}/").json()
        assert body["address"] is None and body["capacity"] is None
        assert body["given_name"] == "Priya"


@pytest.mark.django_db
class TestCircle:
    def test_it_adds_a_member_through_the_pages_form_and_service(self, api, person):
        response = send(
            api,
            "POST",
            f"/api/v1/people/{person.pk}/circle/",
            {"name": "Jo Carer", "kind": "carer", "consent_to_share": True},
        )
        assert response.status_code == 201, response.content
        member = CircleMember.objects.get(pk=response.json()["id"])
        assert (member.name, member.consent_to_share) == ("Jo Carer", True)
        assert AuditEvent.objects.filter(action=AuditAction.CIRCLE_ADD, person=person).exists()

    def test_it_asks_for_what_the_page_asks_for(self, api, person):
        response = send(api, "POST", f"/api/v1/people/{person.pk}/circle/", {"kind": "carer"})
        assert response.json()["errors"] == {
            "name": ["Enter their name"],
            "consent_to_share": ["Select yes if the person consents to share their plan"],
        }
        assert not person.circle.exists()

    def test_a_provider_sees_members_without_their_contact_details(self, person):
        provider = _provider(person, consent_to_share=True)
        testing.make_circle_member(person, name="Secret Friend", consent_to_share=False)
        body = testing.client_for(provider).get(f"/api/v1/people/{person.pk}/circle/").json()
        assert [m["name"] for m in body["results"]] == ["Riverside Care Ltd"]
        assert body["results"][0]["phone"] is None


@pytest.fixture
def plans(person, worker):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    draft = plan_start_new_version(plan=agreed, actor=worker)
    return agreed, draft


@pytest.mark.django_db
class TestPlans:
    def test_every_part_is_keyed_by_its_lasting_uid(self, api, plans):
        agreed, draft = plans
        body = api.get(f"/api/v1/plans/{draft.pk}/").json()
        outcome = draft.outcomes.get()
        entry = body["parts"][str(outcome.uid)]
        assert (entry["part_kind"], entry["words"]) == ("outcome", outcome.words)
        indicator = outcome.indicators.get()
        assert body["parts"][str(indicator.uid)]["parent_uid"] == str(outcome.uid)
        # The new version's outcome keeps the agreed version's uid.
        assert str(agreed.outcomes.get().uid) in body["parts"]
        assert body["whole_plan"] is True
        assert last_event().action == AuditAction.PLAN_VIEW

    def test_a_provider_sees_only_their_part_and_no_costs(self, person, plans):
        _agreed, draft = plans
        provider = _provider(person, consent_to_share=True)
        body = testing.client_for(provider).get(f"/api/v1/plans/{draft.pk}/").json()
        assert body["whole_plan"] is False
        assert {p["part_kind"] for p in body["parts"].values()} <= {
            "outcome",
            "indicator",
            "action",
            "support",
        }
        assert "costing" not in body["snapshot"] and "budget" not in body["snapshot"]

    def test_it_adds_an_outcome_and_an_action_to_a_draft(self, api, plans):
        _agreed, draft = plans
        url = f"/api/v1/plans/{draft.pk}/parts/"
        response = send(
            api,
            "POST",
            url + "outcome/",
            {"words": "Swim every week", "kind": "change", "achieve_by": "2030-01-31"},
        )
        assert response.status_code == 201, response.content
        outcome = Outcome.objects.get(pk=response.json()["id"])
        assert outcome.achieve_by == datetime.date(2030, 1, 31)
        response = send(
            api,
            "POST",
            url + "action/",
            {"outcome": outcome.pk, "description": "Buy a pass", "kind": "natural"},
        )
        # The action form's own rule, in its own words.
        assert response.json()["errors"]["due_on"] == [
            "Enter the date it will be done by, or a start date and how often it happens"
        ]
        response = send(
            api,
            "POST",
            url + "action/",
            {
                "outcome": outcome.pk,
                "description": "Buy a pass",
                "kind": "natural",
                "responsible": "person",
                "due_on": "2029-06-01",
            },
        )
        assert response.status_code == 201, response.content
        assert response.json()["outcome_uid"] == str(outcome.uid)

    def test_it_changes_an_outcome_and_refuses_a_stale_change(self, api, plans):
        _agreed, draft = plans
        outcome = draft.outcomes.get()
        url = f"/api/v1/plans/{draft.pk}/parts/outcome/{outcome.pk}/"
        response = send(api, "PATCH", url, {"revision": outcome.revision, "words": "Swim more"})
        assert response.status_code == 200, response.content
        assert response.json()["words"] == "Swim more"
        response = send(api, "PATCH", url, {"revision": outcome.revision, "words": "Stale"})
        assert response.status_code == 409
        outcome.refresh_from_db()
        assert outcome.words == "Swim more"

    def test_an_agreed_plan_cannot_be_changed(self, api, plans):
        agreed, _draft = plans
        response = send(api, "POST", f"/api/v1/plans/{agreed.pk}/parts/outcome/", {"words": "No"})
        assert response.status_code == 403
        assert "has been agreed" in response.json()["detail"]

    def test_progress_is_recorded_and_a_provider_only_on_their_own_actions(
        self, api, person, plans
    ):
        agreed, _draft = plans
        action = agreed.actions.first()
        url = f"/api/v1/plans/{agreed.pk}/actions/{action.pk}/progress/"
        body = {"status": "under_way", "happened_on": datetime.date.today().isoformat()}
        provider = _provider(person, consent_to_share=True)
        refused = send(testing.client_for(provider), "POST", url, body)
        assert refused.status_code == 403
        assert "only on the actions you are responsible for" in refused.json()["detail"]
        response = send(api, "POST", url, body)
        assert response.status_code == 201, response.content
        assert ActionProgress.objects.filter(action_uid=action.uid).count() == 1
        assert last_event().action == AuditAction.ACTION_PROGRESS


@pytest.mark.django_db
class TestLists:
    def test_filters_and_cursor_pages(self, api, org, team, person):
        Person.objects.bulk_create(
            Person(
                organisation=org,
                team=team,
                given_name="Ann",
                family_name=f"Zed{n:02d}",
                date_of_birth=datetime.date(1950, 1, 1),
                local_identifier=f"Z{n:03d}",
            )
            for n in range(30)
        )
        first = api.get("/api/v1/people/").json()
        assert len(first["results"]) == 25 and first["previous"] is None
        rest = api.get(first["next"]).json()
        names = [p["family_name"] for p in first["results"] + rest["results"]]
        assert len(names) == 31 and names == sorted(names)
        found = api.get("/api/v1/people/", {"local_identifier": "Z007"}).json()["results"]
        assert [p["family_name"] for p in found] == ["Zed07"]
        assert len(api.get("/api/v1/people/", {"name": "priya"}).json()["results"]) == 1
        event = last_event()
        assert event.action == AuditAction.PEOPLE_SEARCH_VIEW
        assert event.detail["people"] == [person.pk]

    @pytest.mark.parametrize(
        "query", [{"team": "north"}, {"team": "0"}, {"cursor": "not-ours"}, {"name": "x" * 101}]
    )
    def test_a_bad_filter_is_a_400_problem(self, api, query):
        response = api.get("/api/v1/people/", query)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"

    def test_a_bad_worklist_filter_is_a_400_problem(self, api):
        assert api.get("/api/v1/worklist/", {"kind": "nonsense"}).status_code == 400
        assert api.get("/api/v1/worklist/", {"cursor": "cD0tMQ=="}).status_code == 400


@pytest.mark.django_db
class TestProblems:
    def test_an_unknown_address_is_a_404_problem_even_signed_out(self, client):
        response = client.get("/api/v1/nowhere/")
        assert response.status_code == 404
        assert response.json()["type"] == "tag:tandem,2026:problem:not-found"

    def test_signed_out_is_a_401_problem_not_a_redirect(self, client, person):
        response = client.get(f"/api/v1/people/{person.pk}/")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'

    def test_a_method_not_taken_is_a_405_problem(self, api, person):
        response = api.delete(f"/api/v1/people/{person.pk}/")
        assert response.status_code == 405
        assert response.json()["status"] == 405
        assert "PATCH" in response["Allow"]

    def test_the_description_lists_the_problems_and_the_token_scheme(self, client):
        schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        description = schema.json()
        assert "serviceToken" in description["components"]["securitySchemes"]
        people = description["paths"]["/api/v1/people/"]["get"]["responses"]
        assert {"200", "400", "401", "404"} <= set(people)
        assert client.get("/api/docs/").status_code == 200


def test_the_services_refusals_are_problems_in_their_own_words():
    """Refused (a rule) is 422 and EditConflict 409, with the service's message as the detail;
    a service's ValidationError is 400 with its messages by field."""
    from django.core.exceptions import ValidationError

    from tandem.errors import EditConflict, Refused
    from tandem.interop.api.problems import problem_handler

    refused = problem_handler(Refused("This person already has a plan being written."), {})
    assert (refused.status_code, refused.data["detail"]) == (
        422,
        "This person already has a plan being written.",
    )
    assert problem_handler(EditConflict("Someone else changed it"), {}).status_code == 409
    invalid = problem_handler(ValidationError({"team": "Select one of your teams"}), {})
    assert invalid.status_code == 400
    assert invalid.data["errors"] == {"team": ["Select one of your teams"]}

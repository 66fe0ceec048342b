"""Acceptance: the same form sent five times at once (a double click, an impatient user, a browser
retrying) never gives an error page and never does the thing twice.

A real web server (gunicorn, two processes of four threads) serves the test database, so the five
requests meet in the database as they would in production: on SQLite, five connections from two
processes compete for its single write lock."""

import http.client
import re
import threading
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.budgets.models import CostLine
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Disagreement, Plan
from tandem.plans.services import plan_send_for_agreement
from tandem.plans.tests.helpers import build_ready_plan, fresh
from tests import processes

pytestmark = pytest.mark.django_db(transaction=True)

TIMES = 5


@dataclass
class Response:
    status: int
    location: str
    text: str


class Browser:
    """One signed-in user's browser: a session cookie, and the CSRF cookie a form page sets."""

    def __init__(self, address: tuple[str, int], user) -> None:
        self.address = address
        client = testing.client_for(user)
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        connection = http.client.HTTPConnection(*self.address, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        text = response.read().decode()
        connection.close()
        return Response(response.status, response.getheader("Location", ""), text)

    def open_form(self, path: str) -> dict[str, str]:
        """GET the form page; the hidden fields it carries (CSRF token, submission key, …)."""
        page = self.request("GET", path)
        assert page.status == 200, page.text[:500]
        return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))

    def submit_at_once(self, path: str, data: dict) -> list[Response]:
        """The same POST, TIMES times, released together."""
        start = threading.Barrier(TIMES)
        responses: list[Response] = []

        def send() -> None:
            start.wait()
            responses.append(self.request("POST", path, data))

        threads = [threading.Thread(target=send) for _ in range(TIMES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(responses) == TIMES
        assert [r.status for r in responses if r.status >= 500] == [], responses
        return responses


@pytest.fixture
def cast():
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    testing.make_worker(org, team, role="team_manager")
    person = testing.make_person(org, team, allocated_worker=worker)
    return worker, person


@pytest.fixture(scope="module")
def server(django_db_setup):
    with processes.web_server(processes.environment()) as address:
        yield address


@pytest.fixture
def worker_browser(server, cast):
    worker, _ = cast
    return Browser(server, worker)


def test_raising_the_same_concern_at_once_makes_one_referral(worker_browser, cast):
    _, person = cast
    path = reverse("people:safeguarding", args=[person.pk])
    form = worker_browser.open_form(path)
    assert form["submission_key"]

    responses = worker_browser.submit_at_once(
        path, {**form, "concern": "Bruises on her arms", "immediate_risk": "yes"}
    )

    referral = SafeguardingReferral.objects.get()
    sent = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
    assert [(r.status, r.location) for r in responses] == [(302, sent)] * TIMES
    assert referral.alerts.count() == 0 and referral.alerted.count() == 1
    assert AuditEvent.objects.filter(action="safeguarding.raise").count() == 1


def test_adding_the_same_disagreement_at_once_notes_it_once(worker_browser, cast):
    worker, person = cast
    plan = build_ready_plan(person=person, actor=worker)
    path = reverse("plans:disagreement_add", args=[plan.pk])
    form = worker_browser.open_form(path)

    today = timezone.localdate()
    data = {**form, "section": "support", "raised_by": "Dee", "details": "Not enough hours"}
    data |= {
        "raised_on_day": today.day,
        "raised_on_month": today.month,
        "raised_on_year": today.year,
    }
    responses = worker_browser.submit_at_once(path, data)

    assert {r.status for r in responses} == {302}
    assert Disagreement.objects.get().details == "Not enough hours"


def test_agreeing_a_plan_at_once_records_one_agreement(worker_browser, cast):
    worker, person = cast
    plan = plan_send_for_agreement(plan=build_ready_plan(person=person, actor=worker), actor=worker)
    path = reverse("plans:agree", args=[plan.pk])
    form = worker_browser.open_form(path)

    agreement = {
        "agreed_by": "person",
        "method": "in_person",
        "agreed_on_day": "3",
        "agreed_on_month": "3",
        "agreed_on_year": "2025",
        "worker_agrees": "on",
    }
    responses = worker_browser.submit_at_once(path, {**form, **agreement})

    detail = reverse("plans:detail", args=[plan.pk])
    assert [(r.status, r.location) for r in responses] == [(302, detail)] * TIMES
    plan = fresh(plan)
    assert plan.status == Plan.Status.AGREED
    assert plan.agreements.count() == 2  # the person and the worker, once each
    assert plan.issues.count() == 1
    assert AuditEvent.objects.filter(action="plan.agree").count() == 1


def test_saving_a_section_at_once_saves_it_once(worker_browser, cast):
    worker, person = cast
    plan = build_ready_plan(person=person, actor=worker)
    revision = plan.section_revisions["important"]
    path = reverse("plans:section", args=[plan.pk, "important"])
    form = worker_browser.open_form(path)
    assert form["revision"] == str(revision)

    data = {**form, "important_to_me": "Her garden", "strengths": "Patient", "completed": "yes"}
    responses = worker_browser.submit_at_once(path, data)

    saved = [r for r in responses if r.status == 302]
    refused = [r for r in responses if r.status != 302]
    assert len(saved) == 1
    assert all(r.status == 200 and "Someone else changed this" in r.text for r in refused)
    plan = fresh(plan)
    assert plan.section_revisions["important"] == revision + 1
    assert plan.important_to_me == "Her garden"


def test_adding_the_same_cost_at_once_adds_it_once(worker_browser, cast):
    """A double click on "Add cost" must not double what the plan costs."""
    worker, person = cast
    plan = build_ready_plan(person=person, actor=worker)
    path = reverse("plans:item_add", args=[plan.pk, "cost"])
    form = worker_browser.open_form(path)
    assert form["submission_key"]

    data = {
        **form,
        "description": "Morning calls",
        "unit_cost": "24.50",
        "unit": "hour",
        "own_price_reason": "Agreed with the provider",
        "quantity": "1",
        "times": "7",
        "period": "week",
        "payer": "council_managed",
    }
    responses = worker_browser.submit_at_once(path, data)

    assert {r.status for r in responses} == {302}
    assert CostLine.objects.filter(plan=plan).count() == 1


def test_finalising_a_review_at_once_finalises_it_once(worker_browser, cast):
    """Two people (or one double click) finalising one review never both succeed."""
    from tandem.reviews.models import Review
    from tandem.reviews.tests.test_record_services import ready_review

    worker, person = cast
    review = ready_review(person, worker)
    path = reverse("reviews:review_finalise", args=[review.pk])
    form = worker_browser.open_form(path)

    responses = worker_browser.submit_at_once(path, form)

    assert all(r.status < 500 for r in responses), [r.status for r in responses]
    assert Review.objects.get(pk=review.pk).status == Review.Status.FINAL
    assert AuditEvent.objects.filter(action="review.finalise").count() == 1


# Carrying out the plan and reviewing it (issue 7) ----------------------------------------------


def submit_together(browsers: list[tuple[Browser, dict]], path: str) -> list[Response]:
    """Different POSTs to one page (two people, two tabs), released together; in order."""
    start = threading.Barrier(len(browsers))
    responses: list[Response | None] = [None] * len(browsers)

    def send(n: int, browser: Browser, data: dict) -> None:
        start.wait()
        responses[n] = browser.request("POST", path, data)

    threads = [
        threading.Thread(target=send, args=(n, browser, data))
        for n, (browser, data) in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = [r for r in responses if r is not None]
    assert len(done) == len(browsers)
    assert [r.status for r in done if r.status >= 500] == [], done
    return done


def _today_parts(name: str) -> dict[str, int]:
    today = timezone.localdate()
    return {f"{name}_day": today.day, f"{name}_month": today.month, f"{name}_year": today.year}


def test_recording_the_same_progress_at_once_records_it_once(worker_browser, cast):
    from tandem.reviews.models import ActionProgress
    from tandem.reviews.tests.between_helpers import agreed_plan, first_action

    worker, person = cast
    plan = agreed_plan(person, worker)
    path = reverse("reviews:progress", args=[plan.pk, first_action(plan).pk])
    form = worker_browser.open_form(path)
    assert form["submission_key"]

    data = {**form, "status": "under_way", "note": "Rang the club", **_today_parts("happened_on")}
    responses = worker_browser.submit_at_once(path, data)

    done = reverse("reviews:carrying_out", args=[plan.pk])
    assert [(r.status, r.location) for r in responses] == [(302, done)] * TIMES
    assert ActionProgress.objects.count() == 1
    assert AuditEvent.objects.filter(action="review.progress").count() == 1


def test_recording_the_same_trigger_at_once_records_it_once(worker_browser, cast):
    from tandem.reviews.models import ReviewTrigger
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    plan = agreed_plan(person, worker)
    path = reverse("reviews:trigger", args=[plan.pk])
    form = worker_browser.open_form(path)
    assert form["submission_key"]

    data = {**form, "kind": "contingency", "details": "Fell", **_today_parts("happened_on")}
    responses = worker_browser.submit_at_once(path, data)

    done = reverse("reviews:carrying_out", args=[plan.pk])
    assert [(r.status, r.location) for r in responses] == [(302, done)] * TIMES
    assert ReviewTrigger.objects.count() == 1
    assert AuditEvent.objects.filter(action="review.trigger").count() == 1


def test_recording_the_same_contact_at_once_records_it_once(worker_browser, cast):
    from tandem.reviews.models import Contact
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    plan = agreed_plan(person, worker)
    path = reverse("reviews:contact_add", args=[plan.pk])
    form = worker_browser.open_form(path)
    assert form["submission_key"]

    data = {**form, "who": "person", "how": "visit", "note": "Saw her at home"}
    responses = worker_browser.submit_at_once(path, {**data, **_today_parts("happened_on")})

    done = reverse("reviews:contacts", args=[plan.pk])
    assert [(r.status, r.location) for r in responses] == [(302, done)] * TIMES
    assert Contact.objects.count() == 1
    assert AuditEvent.objects.filter(action="review.contact").count() == 1


def test_saving_two_evaluations_at_once_saves_one_and_explains_the_other(server, cast):
    """Two workers rate different outcomes of one draft review from the same revision: one is
    saved, the other is told someone else changed the review – never an error page."""
    from tandem.reviews.models import OutcomeEvaluation, Review
    from tandem.reviews.services import review_start
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    colleague = testing.make_worker(person.organisation, person.team)
    review = review_start(plan=agreed_plan(person, worker, actions=2), actor=worker)
    path = reverse("reviews:review", args=[review.pk])
    first, second = Browser(server, worker), Browser(server, colleague)
    forms = [first.open_form(path), second.open_form(path)]
    assert forms[0]["revision"] == forms[1]["revision"] == str(review.revision)

    base = {"how_held": "telephone", **_today_parts("held_on")}
    responses = submit_together(
        [
            (first, {**forms[0], **base, "rating_0": "achieved", "evidence_0": "Goes weekly"}),
            (second, {**forms[1], **base, "rating_1": "partly", "evidence_1": "Sometimes"}),
        ],
        path,
    )

    saved = [r for r in responses if r.status == 302]
    refused = [r for r in responses if r.status != 302]
    assert len(saved) == 1 and len(refused) == 1, [r.status for r in responses]
    assert refused[0].status == 200
    assert "Someone else changed this review while you were editing it" in refused[0].text
    assert OutcomeEvaluation.objects.filter(review=review).count() == 1
    assert Review.objects.get(pk=review.pk).revision == review.revision + 1


def test_starting_a_review_at_once_starts_one(worker_browser, cast):
    from tandem.reviews.models import Review
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    plan = agreed_plan(person, worker)
    form = worker_browser.open_form(reverse("reviews:carrying_out", args=[plan.pk]))

    responses = worker_browser.submit_at_once(reverse("reviews:review_start", args=[plan.pk]), form)

    review = Review.objects.get()
    assert [(r.status, r.location) for r in responses] == [
        (302, reverse("reviews:review", args=[review.pk]))
    ] * TIMES
    assert AuditEvent.objects.filter(action="review.start").count() == 1


def test_adding_the_same_outcome_at_a_review_at_once_adds_it_once(worker_browser, cast):
    import datetime

    from tandem.reviews.models import ReviewOutcome
    from tandem.reviews.services import review_start
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    review = review_start(plan=agreed_plan(person, worker), actor=worker)
    path = reverse("reviews:outcome_add", args=[review.pk])
    form = worker_browser.open_form(path)
    assert form["submission_key"]
    by = timezone.localdate() + datetime.timedelta(days=90)
    data = {
        **form,
        "changes": "new",
        "words": "Cook my own tea",
        "kind": "change",
        "achieve_by_day": by.day,
        "achieve_by_month": by.month,
        "achieve_by_year": by.year,
    }

    responses = worker_browser.submit_at_once(path, data)

    done = reverse("reviews:review", args=[review.pk]) + "#new-outcomes"
    assert [(r.status, r.location) for r in responses] == [(302, done)] * TIMES
    assert ReviewOutcome.objects.count() == 1
    assert AuditEvent.objects.filter(action="review.outcome").count() == 1


def test_the_person_saving_their_answers_at_once_saves_one_consultation(server, cast):
    from tandem.reviews.models import Consultation
    from tandem.reviews.tests.between_helpers import agreed_plan

    worker, person = cast
    agreed_plan(person, worker)
    browser = Browser(server, testing.make_user_for_person(person))
    path = reverse("reviews:consultation", args=[person.pk])
    form = browser.open_form(path)
    data = {
        **form,
        "how_held": "telephone",
        "what_is_working": "The gardening club",
        "invited_0": "yes",  # the plan's one provider, Riverside Care Ltd
    }

    responses = browser.submit_at_once(path, data)

    done = reverse("people:detail", args=[person.pk])
    assert [(r.status, r.location) for r in responses] == [(302, done)] * TIMES
    assert Consultation.objects.count() == 1
    assert AuditEvent.objects.filter(action="review.consultation").count() == 1


# --- Issue 8: the worklist's settings ------------------------------------------------------------


def _one_saved_the_rest_told(responses: list[Response], done: str) -> None:
    """One request saves and goes on; the others, sent from the same page, are told it changed in
    another tab and shown what is saved now (never an error page, never saved twice)."""
    assert sum(1 for r in responses if (r.status, r.location) == (302, done)) == 1
    told = [r for r in responses if r.status != 302]
    assert all(r.status == 200 and "govuk-error-summary" in r.text for r in told), told


def test_making_a_calendar_link_at_once_makes_one(worker_browser, cast):
    from tandem.worklist.models import CalendarFeed

    worker, _ = cast
    path = reverse("worklist:calendar")
    form = worker_browser.open_form(path)

    responses = worker_browser.submit_at_once(path, {**form, "action": "create"})

    _one_saved_the_rest_told(responses, path)
    assert CalendarFeed.objects.get().user == worker
    assert AuditEvent.objects.filter(action="worklist.calendar.create").count() == 1


def test_choosing_a_daily_digest_at_once_saves_it_once(worker_browser, cast):
    from tandem.reminders.models import ReminderPreference

    worker, _ = cast
    path = reverse("reminders:settings")
    form = worker_browser.open_form(path)

    responses = worker_browser.submit_at_once(path, {**form, "delivery": "digest"})

    _one_saved_the_rest_told(responses, path)
    preference = ReminderPreference.objects.get(user=worker)
    assert preference.daily_digest and preference.revision == 1
    assert AuditEvent.objects.filter(action="reminders.settings").count() == 1


def test_setting_the_escalation_at_once_saves_it_once(server, cast):
    worker, _ = cast
    administrator = testing.make_user(worker.organisation, role="administrator")
    browser = Browser(server, administrator)
    path = reverse("worklist:escalation")
    form = browser.open_form(path)

    responses = browser.submit_at_once(path, {**form, "escalate_after_days": "21"})

    saved = [r for r in responses if r.status == 302]
    assert len(saved) == 1
    assert all(
        r.status == 200 and "govuk-error-summary" in r.text for r in responses if r not in saved
    )
    worker.organisation.refresh_from_db()
    assert (worker.organisation.escalate_after_days, worker.organisation.escalation_revision) == (
        21,
        2,
    )
    assert AuditEvent.objects.filter(action="organisation.escalation").count() == 1


def test_adding_a_service_account_and_its_token_at_once_makes_one_of_each(server, cast):
    from tandem.interop.models import ApiToken, ServiceAccount

    worker, _ = cast
    administrator = testing.make_user(worker.organisation, role="administrator")
    browser = Browser(server, administrator)
    add = reverse("administration:service_account_add")
    form = browser.open_form(add)
    team = worker.teams.get()

    responses = browser.submit_at_once(
        add, {**form, "name": "Hospital trust", "role": "social_worker", "teams": team.pk}
    )

    account = ServiceAccount.objects.get()
    page = reverse("administration:service_account", args=[account.pk])
    assert [(r.status, r.location) for r in responses] == [(302, page)] * TIMES
    form = browser.open_form(page)

    responses = browser.submit_at_once(page, {**form, "name": "Live server"})

    # Every response shows the one token made, whichever the browser ends up showing.
    token = ApiToken.objects.get()
    keys = {re.search(r"tdm_[\w-]+", r.text).group() for r in responses if r.status == 200}
    assert [r.status for r in responses] == [200] * TIMES and len(keys) == 1
    assert token.prefix == keys.pop()[:10]
    assert AuditEvent.objects.filter(action="admin.service_account.create").count() == 1
    assert AuditEvent.objects.filter(action="admin.api_token.create").count() == 1

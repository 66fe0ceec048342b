"""Every page answers 405 to a method it does not support, and a refused method reads nothing and
writes no audit row; reading a plan is audited whatever the method that reads it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.budgets.tests.tradeoff_parts import add_comparison
from tandem.plans.tests.helpers import add_item, build_agreed_plan

UNSUPPORTED = ["put", "patch", "delete", "options"]


def _names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def urls(person, worker, manager):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    draft_person = testing.make_person(person.organisation, person.team)
    draft = testing.make_plan(draft_person, worker)
    outcome = add_item(draft, "outcome", worker)
    trade_off, (option, _other) = add_comparison(draft, worker, outcome=outcome)
    member = testing.make_circle_member(person)
    disagreement = agreed.disagreements.create(
        organisation=agreed.organisation,
        section="support",
        raised_by="Jo",
        raised_on=timezone.localdate(),
        details="Too early",
        recorded_by=worker,
    )
    decision = BudgetDecision.objects.create(
        organisation=draft.organisation,
        plan=draft,
        over_budget=True,
        reason="Two carers",
        budget_weekly="250.00",
        total_weekly="250.00",
        one_off_total="0.00",
        requested_by=worker,
    )
    return {
        "home": reverse("home"),
        "login": reverse("login"),
        "logout": reverse("logout"),
        "people:list": reverse("people:list"),
        "worklist:list": reverse("worklist:list"),
        "people:home": reverse("people:home"),
        "people:home_person": reverse("people:home_person", args=[person.pk]),
        "people:add": reverse("people:add"),
        "people:safeguarding_list": reverse("people:safeguarding_list"),
        "worklist:dashboard": reverse("worklist:dashboard"),
        "worklist:figure": reverse("worklist:figure", args=["overdue"]),
        "people:detail": reverse("people:detail", args=[person.pk]),
        "people:change": reverse("people:change", args=[person.pk]),
        "people:circle_add": reverse("people:circle_add", args=[person.pk]),
        "people:circle_change": reverse("people:circle_change", args=[person.pk, member.pk]),
        "people:safeguarding": reverse("people:safeguarding", args=[person.pk]),
        "plans:start": reverse("plans:start", args=[person.pk]),
        "plans:detail": reverse("plans:detail", args=[draft.pk]),
        "plans:section": reverse("plans:section", args=[draft.pk, "important"]),
        "plans:item_add": reverse("plans:item_add", args=[draft.pk, "outcome"]),
        "plans:item": reverse("plans:item", args=[draft.pk, "outcome", outcome.pk]),
        "plans:item_remove": reverse("plans:item_remove", args=[draft.pk, "outcome", outcome.pk]),
        "plans:element": reverse("plans:element", args=[draft.pk, "risk"]),
        "plans:check": reverse("plans:check", args=[draft.pk]),
        "plans:agree": reverse("plans:agree", args=[draft.pk]),
        "plans:disagreement_add": reverse("plans:disagreement_add", args=[agreed.pk]),
        "plans:disagreement_decide": reverse(
            "plans:disagreement_decide", args=[agreed.pk, disagreement.pk]
        ),
        "plans:new_version": reverse("plans:new_version", args=[agreed.pk]),
        "plans:end": reverse("plans:end", args=[agreed.pk]),
        "documents:plan": reverse("documents:plan", args=[agreed.pk]),
        "documents:issue": reverse("documents:issue", args=[agreed.pk, 1]),
        "documents:compare": reverse("documents:compare", args=[person.pk]),
        "budgets:choose": reverse("budgets:choose", args=[draft.pk, trade_off.pk, option.pk]),
        "budgets:person": reverse("budgets:person", args=[person.pk]),
        "budgets:ras": reverse("budgets:ras", args=[person.pk]),
        "budgets:set_outside": reverse("budgets:set_outside", args=[person.pk]),
        "budgets:assessment": reverse("budgets:assessment", args=[person.pk]),
        "budgets:ask": reverse("budgets:ask", args=[draft.pk]),
        "budgets:withdraw": reverse("budgets:withdraw", args=[draft.pk, decision.pk]),
        "budgets:queue": reverse("budgets:queue"),
        "budgets:decide": reverse("budgets:decide", args=[decision.pk]),
        "reviews:carrying_out": reverse("reviews:carrying_out", args=[agreed.pk]),
        "reviews:progress": reverse(
            "reviews:progress", args=[agreed.pk, agreed.actions.first().pk]
        ),
        "reviews:trigger": reverse("reviews:trigger", args=[agreed.pk]),
        "reviews:contacts": reverse("reviews:contacts", args=[agreed.pk]),
        "reviews:contact_add": reverse("reviews:contact_add", args=[agreed.pk]),
        "reviews:request": reverse("reviews:request", args=[person.pk]),
        "reviews:history": reverse("reviews:history", args=[person.pk]),
        "reviews:consultation": reverse("reviews:consultation", args=[person.pk]),
        "worklist:calendar": reverse("worklist:calendar"),
        "worklist:calendar_feed": reverse("worklist:calendar_feed", args=["x" * 43]),
        "reminders:settings": reverse("reminders:settings"),
        "signin:second_factor": reverse("signin:second_factor"),
        "signin:enrol": reverse("signin:enrol"),
        "signin:recovery_codes": reverse("signin:recovery_codes"),
        "signin:locked_out": reverse("signin:locked_out"),
        "signin:unlock": reverse("signin:unlock", args=[worker.pk]),
        "signin:settings": reverse("signin:settings"),
        **_review_urls(agreed, worker),
        **_setup_urls(person.organisation, manager),
    }


def _review_urls(agreed, actor) -> dict[str, str]:
    from tandem.reviews.services import review_start

    review = review_start(plan=agreed, actor=actor)
    return {
        "reviews:review_start": reverse("reviews:review_start", args=[agreed.pk]),
        "reviews:review": reverse("reviews:review", args=[review.pk]),
        "reviews:review_finalise": reverse("reviews:review_finalise", args=[review.pk]),
        "reviews:review_document": reverse("reviews:review_document", args=[review.pk]),
        "reviews:review_send": reverse("reviews:review_send", args=[review.pk]),
        **_review_outcome_urls(review),
    }


def _review_outcome_urls(review) -> dict[str, str]:
    """New or different outcomes agreed at a review (tandem/reviews/views/outcomes.py)."""
    import datetime

    from tandem.reviews.models import ReviewOutcome

    row = ReviewOutcome.objects.create(
        review=review, words="Go back to work", achieve_by=datetime.date(2030, 1, 1)
    )
    return {
        "reviews:outcome_add": reverse("reviews:outcome_add", args=[review.pk]),
        "reviews:outcome_change": reverse("reviews:outcome_change", args=[review.pk, row.pk]),
        "reviews:outcome_remove": reverse("reviews:outcome_remove", args=[review.pk, row.pk]),
    }


def _setup_urls(organisation, actor) -> dict[str, str]:
    """The administrator's budgets and costs pages (tandem/budgets/views/setup.py)."""
    from tandem.budgets.tests.setup_helpers import make_adjustment, make_scheme, make_service

    scheme = make_scheme(organisation, actor, questions=1)
    question = scheme.questions.get()
    answer = question.answers.first()
    adjustment = make_adjustment(scheme)
    service = make_service(organisation)
    q, a = [scheme.pk, question.pk], [scheme.pk, question.pk, answer.pk]
    return {
        "budgets:setup": reverse("budgets:setup"),
        "reviews:timescales": reverse("reviews:timescales"),
        "worklist:escalation": reverse("worklist:escalation"),
        "budgets:setup_scheme_start": reverse("budgets:setup_scheme_start"),
        "budgets:setup_scheme": reverse("budgets:setup_scheme", args=[scheme.pk]),
        "budgets:setup_scheme_change": reverse("budgets:setup_scheme_change", args=[scheme.pk]),
        "budgets:setup_scheme_new_version": reverse(
            "budgets:setup_scheme_new_version", args=[scheme.pk]
        ),
        "budgets:setup_scheme_publish": reverse("budgets:setup_scheme_publish", args=[scheme.pk]),
        "budgets:setup_question_add": reverse("budgets:setup_question_add", args=[scheme.pk]),
        "budgets:setup_question": reverse("budgets:setup_question", args=q),
        "budgets:setup_question_remove": reverse("budgets:setup_question_remove", args=q),
        "budgets:setup_answer_add": reverse("budgets:setup_answer_add", args=q),
        "budgets:setup_answer": reverse("budgets:setup_answer", args=a),
        "budgets:setup_answer_remove": reverse("budgets:setup_answer_remove", args=a),
        "budgets:setup_adjustment_add": reverse("budgets:setup_adjustment_add", args=[scheme.pk]),
        "budgets:setup_adjustment": reverse(
            "budgets:setup_adjustment", args=[scheme.pk, adjustment.pk]
        ),
        "budgets:setup_adjustment_remove": reverse(
            "budgets:setup_adjustment_remove", args=[scheme.pk, adjustment.pk]
        ),
        "budgets:setup_catalogue": reverse("budgets:setup_catalogue"),
        "budgets:setup_service_add": reverse("budgets:setup_service_add"),
        "budgets:setup_service": reverse("budgets:setup_service", args=[service.pk]),
        "budgets:setup_service_change": reverse("budgets:setup_service_change", args=[service.pk]),
        "budgets:setup_rate_add": reverse("budgets:setup_rate_add", args=[service.pk]),
        "budgets:setup_service_active": reverse("budgets:setup_service_active", args=[service.pk]),
    }


# Pages whose URL needs an object made in a particular state; each is listed in `urls`.
NEEDS_STATE = {
    "people:safeguarding_sent",
    "people:safeguarding_referral",
    "people:safeguarding_acknowledge",  # POST only: see test_safeguarding_acknowledge.py
}


def test_every_page_is_in_this_table(urls):
    assert _names(get_resolver().url_patterns) - NEEDS_STATE == set(urls)


@pytest.mark.parametrize("method", UNSUPPORTED)
def test_it_answers_405_to_methods_a_page_does_not_support(client_for, manager, urls, method):
    client = client_for(manager)
    for name, url in urls.items():
        before = AuditEvent.objects.count()
        response = getattr(client, method)(url)
        assert response.status_code == 405, (name, method, response.status_code)
        assert AuditEvent.objects.count() == before, (name, method)


def test_it_audits_a_plan_read_by_head(client_for, worker, urls):
    client_for(worker).head(urls["plans:detail"])
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_VIEW, actor=worker).count() == 1


def test_it_audits_a_plan_read_by_a_refused_form(client_for, worker, urls):
    """A POST that is refused shows the plan's section again: that is a read of the record."""
    response = client_for(worker).post(urls["plans:item_add"], {"words": ""})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.PLAN_VIEW, actor=worker)
    assert event.detail == {"page": "item_add"}


def test_it_audits_a_person_read_by_a_refused_form(client_for, worker, person):
    """A change page refused for bad input shows the whole record again: a read, audited."""
    response = client_for(worker).post(reverse("people:change", args=[person.pk]), {})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.PERSON_EDIT_VIEW, actor=worker)
    assert (event.person, event.detail) == (person, {"page": "change"})

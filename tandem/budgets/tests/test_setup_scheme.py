"""Setting up the Resource Allocation System: starting it, its questions, answers and adjustments,
the worked example, putting a version in use, new versions, and two administrators at once."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import RasAdjustment, RasAnswer, RasQuestion, RasScheme
from tandem.budgets.tests.setup_helpers import (
    make_adjustment,
    make_admin,
    make_scheme,
)


@pytest.fixture
def admin(org):
    return make_admin(org, first_name="Robin", last_name="Ledgerwood")


def scheme_url(scheme, name="budgets:setup_scheme", *args):
    return reverse(name, args=[scheme.pk, *args])


def errors(response) -> str:
    html = response.content.decode()
    start = html.find("govuk-error-summary")
    assert start >= 0, "no error summary"
    return html[start : html.find("</ul>", start)]


# --- Starting the scheme -------------------------------------------------------------------


def test_it_starts_the_first_version_as_a_draft_and_audits_it(client_for, admin, org):
    client = client_for(admin)
    assert client.get(reverse("budgets:setup_scheme_start")).status_code == 200
    response = client.post(
        reverse("budgets:setup_scheme_start"),
        {"name": "Adult RAS 2026", "price_per_point": "4.15", "notes": "Ask about nights too"},
    )
    scheme = RasScheme.objects.get(organisation=org)
    assert response["Location"] == scheme_url(scheme)
    assert (scheme.version, scheme.status, scheme.price_per_point) == (
        1,
        RasScheme.Status.DRAFT,
        Decimal("4.15"),
    )
    event = AuditEvent.objects.get(action=AuditAction.SCHEME_CHANGE)
    assert (event.actor, event.person, event.plan) == (admin, None, None)
    assert event.detail["scheme_id"] == scheme.pk


def test_it_starts_one_scheme_when_the_form_is_sent_twice(client_for, admin, org):
    client = client_for(admin)
    data = {"name": "Adult RAS", "price_per_point": "4.15", "submission_key": str(uuid.uuid4())}
    first = client.post(reverse("budgets:setup_scheme_start"), data)
    second = client.post(reverse("budgets:setup_scheme_start"), data)
    assert first["Location"] == second["Location"]
    assert RasScheme.objects.filter(organisation=org).count() == 1


def test_it_refuses_a_second_scheme_with_a_message(client_for, admin, org):
    make_scheme(org, admin)
    response = client_for(admin).post(
        reverse("budgets:setup_scheme_start"), {"name": "Another", "price_per_point": "1.00"}
    )
    assert response.status_code == 200
    assert "already has a scheme" in errors(response)
    assert RasScheme.objects.filter(organisation=org).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"price_per_point": "-4.15"}, "The price of a point must be more than £0"),
        ({"price_per_point": "0"}, "The price of a point must be more than £0"),
        ({"price_per_point": "lots"}, "The price of a point must be an amount in pounds"),
        ({"price_per_point": "1000000"}, "The price of a point must be £1,000.00 or less"),
        ({"price_per_point": "4.155"}, "The price of a point must be in pounds and pence"),
        ({"price_per_point": ""}, "Enter the price of a point"),
        ({"name": ""}, "Enter a name for the scheme"),
        ({"name": "x" * 201}, "The name of the scheme must be 200 characters or less"),
        ({"minimum_weekly": "-1"}, "The smallest weekly budget must be £0 or more"),
        ({"maximum_weekly": "99999999"}, "The largest weekly budget must be £50,000.00 or less"),
        ({"minimum_weekly": "60000"}, "The smallest weekly budget must be £50,000.00 or less"),
        (
            {"minimum_weekly": "300", "maximum_weekly": "200"},
            "The largest weekly budget must be the same as the smallest (£300.00) or more",
        ),
    ],
)
def test_it_refuses_bad_details_with_a_message_and_keeps_what_was_typed(
    client_for, admin, org, data, message
):
    scheme = make_scheme(org, admin)
    posted = {
        "name": "Renamed RAS",
        "price_per_point": "5.00",
        "revision": scheme.revision,
        **data,
    }
    response = client_for(admin).post(scheme_url(scheme, "budgets:setup_scheme_change"), posted)
    assert response.status_code == 200
    assert message in errors(response)
    html = response.content.decode()
    for value in filter(None, data.values()):
        assert f'value="{value}"' in html or f">{value}</textarea>" in html
    assert RasScheme.objects.get(pk=scheme.pk).name == "Adult RAS"
    assert not AuditEvent.objects.exists()


def test_it_saves_a_drafts_details(client_for, admin, org):
    scheme = make_scheme(org, admin)
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_scheme_change"),
        {
            "name": "Adult RAS 2026",
            "price_per_point": "4.20",
            "minimum_weekly": "50.00",
            "maximum_weekly": "900.00",
            "revision": scheme.revision,
        },
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert (scheme.name, scheme.minimum_weekly, scheme.maximum_weekly, scheme.revision) == (
        "Adult RAS 2026",
        Decimal("50.00"),
        Decimal("900.00"),
        2,
    )
    event = AuditEvent.objects.get(action=AuditAction.SCHEME_CHANGE)
    assert event.detail["changes"]["price_per_point"] == ["4.15", "4.20"]


# --- Questions, answers and adjustments ----------------------------------------------------


def test_it_adds_a_question_then_asks_for_its_answers(client_for, admin, org):
    scheme = make_scheme(org, admin)
    client = client_for(admin)
    response = client.post(
        scheme_url(scheme, "budgets:setup_question_add"),
        {"text": "How much help do you need to wash and dress?", "hint": "Think of a usual week"},
    )
    question = RasQuestion.objects.get(scheme=scheme)
    assert response["Location"] == scheme_url(scheme, "budgets:setup_answer_add", question.pk)
    response = client.post(response["Location"], {"text": "None", "points": "0", "another": "yes"})
    assert response["Location"] == scheme_url(scheme, "budgets:setup_answer_add", question.pk)
    response = client.post(response["Location"], {"text": "Every day", "points": "1000"})
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert list(question.answers.values_list("text", "points")) == [
        ("None", 0),
        ("Every day", 1000),
    ]
    assert RasScheme.objects.get(pk=scheme.pk).revision == scheme.revision + 3
    assert AuditEvent.objects.filter(action=AuditAction.SCHEME_CHANGE).count() == 3


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("", "Enter the points this answer scores"),
        ("-1", "Points must be 0 or more"),
        ("1001", "Points must be 1,000 or less"),
        ("99999999999999999999", "Points must be 1,000 or less"),
        ("1.5", "Points must be a whole number, like 12"),
        ("lots", "Points must be a whole number, like 12"),
    ],
)
def test_it_refuses_absurd_points_with_a_message_and_keeps_what_was_typed(
    client_for, admin, org, points, message
):
    scheme = make_scheme(org, admin, questions=1)
    question = scheme.questions.get()
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_answer_add", question.pk),
        {"text": "Twice a day", "points": points},
    )
    assert response.status_code == 200
    assert message in errors(response)
    assert 'value="Twice a day"' in response.content.decode()
    assert not points or f'value="{points}"' in response.content.decode()
    assert question.answers.count() == 3


def test_it_adds_one_answer_when_the_form_is_sent_twice(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=1)
    question = scheme.questions.get()
    client = client_for(admin)
    data = {"text": "Twice a day", "points": "20", "submission_key": str(uuid.uuid4())}
    url = scheme_url(scheme, "budgets:setup_answer_add", question.pk)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert question.answers.filter(text="Twice a day").count() == 1


def test_it_adds_an_adjustment_that_lowers_the_budget(client_for, admin, org):
    scheme = make_scheme(org, admin)
    client = client_for(admin)
    response = client.post(
        scheme_url(scheme, "budgets:setup_adjustment_add"),
        {"label": "Has a carer who provides substantial support", "weekly_amount": "-40.00"},
    )
    assert response.status_code == 302
    assert RasAdjustment.objects.get(scheme=scheme).weekly_amount == Decimal("-40.00")
    html = client.get(scheme_url(scheme)).content.decode()
    assert "Has a carer who provides substantial support" in html
    assert "−£40.00 a week" in html


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "An adjustment of £0 changes nothing"),
        ("forty", "The change to the weekly budget must be an amount in pounds"),
        ("-60000", "The change to the weekly budget must be −£50,000.00 or more"),
        ("60000", "The change to the weekly budget must be £50,000.00 or less"),
        ("", "Enter the change to the weekly budget"),
    ],
)
def test_it_refuses_a_bad_adjustment_with_a_message(client_for, admin, org, amount, message):
    scheme = make_scheme(org, admin)
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_adjustment_add"),
        {"label": "Lives alone", "weekly_amount": amount},
    )
    assert response.status_code == 200
    assert message in errors(response)
    assert 'value="Lives alone"' in response.content.decode()
    assert not RasAdjustment.objects.exists()


def test_it_changes_and_removes_questions_answers_and_adjustments(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2)
    adjustment = make_adjustment(scheme)
    first, second = scheme.questions.all()
    answer = first.answers.first()
    client = client_for(admin)

    def revision():
        return RasScheme.objects.get(pk=scheme.pk).revision

    client.post(
        scheme_url(scheme, "budgets:setup_question", first.pk),
        {"text": "Meals?", "revision": revision()},
    )
    client.post(
        scheme_url(scheme, "budgets:setup_answer", first.pk, answer.pk),
        {"text": "No help", "points": "1", "revision": revision()},
    )
    client.post(
        scheme_url(scheme, "budgets:setup_adjustment", adjustment.pk),
        {"label": "Has a carer", "weekly_amount": "-25.50", "revision": revision()},
    )
    client.post(
        scheme_url(scheme, "budgets:setup_question_remove", second.pk), {"revision": revision()}
    )
    client.post(
        scheme_url(scheme, "budgets:setup_adjustment_remove", adjustment.pk),
        {"revision": revision()},
    )
    first.refresh_from_db()
    answer.refresh_from_db()
    assert first.text == "Meals?"
    assert (answer.text, answer.points) == ("No help", 1)
    assert list(RasQuestion.objects.filter(scheme=scheme)) == [first]
    assert not RasAnswer.objects.filter(question_id=second.pk).exists()
    assert not RasAdjustment.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.SCHEME_CHANGE).count() == 5


# --- Two administrators at once (ADR 0002) -------------------------------------------------


def test_it_refuses_a_save_over_someone_elses_newer_change_and_keeps_the_typing(
    client_for, admin, org
):
    scheme = make_scheme(org, admin)
    other = make_admin(org)
    loaded = scheme.revision
    url = scheme_url(scheme, "budgets:setup_scheme_change")
    first = client_for(other).post(
        url, {"name": "Their name", "price_per_point": "5.00", "revision": loaded}
    )
    assert first.status_code == 302
    mine = {"name": "My name", "price_per_point": "6.00", "revision": loaded}
    response = client_for(admin).post(url, mine)
    assert response.status_code == 200
    assert "Someone else changed this draft" in errors(response)
    html = response.content.decode()
    assert 'value="My name"' in html and "Their name" in html  # mine kept, theirs shown
    assert RasScheme.objects.get(pk=scheme.pk).name == "Their name"
    # Saving again, having seen their change, is a deliberate overwrite.
    again = client_for(admin).post(url, {**mine, "revision": loaded + 1})
    assert again.status_code == 302
    assert RasScheme.objects.get(pk=scheme.pk).name == "My name"


def test_it_refuses_changing_an_answer_after_someone_else_changed_the_draft(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=1)
    question = scheme.questions.get()
    answer = question.answers.first()
    loaded = scheme.revision
    client_for(make_admin(org)).post(
        scheme_url(scheme, "budgets:setup_answer", question.pk, answer.pk),
        {"text": "Theirs", "points": "3", "revision": loaded},
    )
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_answer", question.pk, answer.pk),
        {"text": "Mine", "points": "4", "revision": loaded},
    )
    assert "Someone else changed this draft" in errors(response)
    answer.refresh_from_db()
    assert (answer.text, answer.points) == ("Theirs", 3)


def test_it_refuses_removing_a_question_from_a_draft_changed_since(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=1)
    question = scheme.questions.get()
    RasScheme.objects.filter(pk=scheme.pk).update(revision=scheme.revision + 1)
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_question_remove", question.pk),
        {"revision": scheme.revision},
    )
    assert response.status_code == 200
    assert "Someone else changed this draft" in response.content.decode()
    assert RasQuestion.objects.filter(pk=question.pk).exists()


def test_it_refuses_putting_in_use_a_draft_changed_since_it_was_checked(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2)
    RasScheme.objects.filter(pk=scheme.pk).update(revision=scheme.revision + 1)
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_scheme_publish"), {"revision": scheme.revision}
    )
    assert response.status_code == 200
    assert "Someone else changed this draft" in response.content.decode()
    assert RasScheme.objects.get(pk=scheme.pk).status == RasScheme.Status.DRAFT


# --- The worked example --------------------------------------------------------------------


def test_it_shows_what_the_best_scoring_person_would_get(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2, price_per_point=Decimal("4.15"))
    html = client_for(admin).get(scheme_url(scheme)).content.decode()
    # 10 points on each of 2 questions: 20 × £4.15.
    assert "A person scoring the most on every question would get £83.00 a week." in html
    assert "20 points: £83.00 a week (£4,316.00 a year)" in html


def test_it_shows_the_largest_weekly_budget_limiting_the_example(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2, maximum_weekly=Decimal("50.00"))
    html = client_for(admin).get(scheme_url(scheme)).content.decode()
    assert "would get £50.00 a week" in html
    assert "£83.00 before the largest weekly budget" in html


# --- Putting a version in use --------------------------------------------------------------


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (0, "Add at least one question about the person’s needs"),
        (1, "Give the question “Question 0” at least 2 answers to choose from"),
    ],
)
def test_it_refuses_to_put_an_unfinished_scheme_in_use(client_for, admin, org, questions, message):
    scheme = make_scheme(org, admin, questions=questions)
    if questions:
        RasAnswer.objects.filter(question__scheme=scheme).exclude(points=10).delete()
    client = client_for(admin)
    assert (
        message in client.get(scheme_url(scheme, "budgets:setup_scheme_publish")).content.decode()
    )
    response = client.post(
        scheme_url(scheme, "budgets:setup_scheme_publish"), {"revision": scheme.revision}
    )
    assert response.status_code == 200
    assert message in errors(response)
    assert RasScheme.objects.get(pk=scheme.pk).status == RasScheme.Status.DRAFT
    assert not AuditEvent.objects.filter(action=AuditAction.SCHEME_PUBLISH).exists()


def test_it_refuses_a_scheme_whose_best_score_is_more_than_tandem_records(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2, price_per_point=Decimal("3000.00"))
    response = client_for(admin).post(
        scheme_url(scheme, "budgets:setup_scheme_publish"), {"revision": scheme.revision}
    )
    assert "lower the price of a point or give a largest weekly budget" in errors(response)


def test_it_puts_a_draft_in_use_and_retires_the_version_in_use(client_for, admin, org):
    old = make_scheme(org, admin, questions=2, status=RasScheme.Status.PUBLISHED)
    draft = make_scheme(org, admin, questions=2, version=2)
    response = client_for(admin).post(
        scheme_url(draft, "budgets:setup_scheme_publish"), {"revision": draft.revision}
    )
    assert response["Location"] == scheme_url(draft)
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.status == RasScheme.Status.RETIRED
    assert draft.status == RasScheme.Status.PUBLISHED and draft.published_at is not None
    event = AuditEvent.objects.get(action=AuditAction.SCHEME_PUBLISH)
    assert (event.actor, event.person, event.plan) == (admin, None, None)
    assert event.detail["retired"] == [1]


def test_it_never_changes_a_published_version(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2, status=RasScheme.Status.PUBLISHED)
    question = scheme.questions.first()
    answer = question.answers.first()
    before = (
        list(RasScheme.objects.values()),
        list(RasQuestion.objects.values()),
        list(RasAnswer.objects.values()),
    )
    client = client_for(admin)
    posts = [
        (
            scheme_url(scheme, "budgets:setup_scheme_change"),
            {"name": "Changed", "price_per_point": "9.00", "revision": scheme.revision},
        ),
        (scheme_url(scheme, "budgets:setup_question_add"), {"text": "New question"}),
        (
            scheme_url(scheme, "budgets:setup_question", question.pk),
            {"text": "Changed", "revision": scheme.revision},
        ),
        (
            scheme_url(scheme, "budgets:setup_answer", question.pk, answer.pk),
            {"text": "Changed", "points": "99", "revision": scheme.revision},
        ),
        (
            scheme_url(scheme, "budgets:setup_question_remove", question.pk),
            {"revision": scheme.revision},
        ),
        (scheme_url(scheme, "budgets:setup_scheme_publish"), {"revision": scheme.revision}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "make a new version" in response.content.decode()
    assert client.get(scheme_url(scheme, "budgets:setup_scheme_change")).status_code == 403
    after = (
        list(RasScheme.objects.values()),
        list(RasQuestion.objects.values()),
        list(RasAnswer.objects.values()),
    )
    assert after == before
    assert not AuditEvent.objects.exists()
    # Its page shows it, without change links.
    html = client.get(scheme_url(scheme)).content.decode()
    assert "Question 0" in html and "/change/" not in html


def test_it_makes_a_new_draft_version_from_the_one_in_use(client_for, admin, org):
    scheme = make_scheme(
        org, admin, questions=2, status=RasScheme.Status.PUBLISHED, maximum_weekly=Decimal("700")
    )
    make_adjustment(scheme)
    client = client_for(admin)
    key = str(uuid.uuid4())
    url = scheme_url(scheme, "budgets:setup_scheme_new_version")
    response = client.post(url, {"submission_key": key})
    copy = RasScheme.objects.get(organisation=org, version=2)
    assert response["Location"] == scheme_url(copy)
    assert client.post(url, {"submission_key": key})["Location"] == scheme_url(copy)  # twice
    assert (copy.status, copy.maximum_weekly, copy.price_per_point) == (
        RasScheme.Status.DRAFT,
        Decimal("700.00"),
        scheme.price_per_point,
    )

    def contents(s):
        return [
            (q.text, [(a.text, a.points) for a in q.answers.all()]) for q in s.questions.all()
        ], [(a.label, a.weekly_amount) for a in s.adjustments.all()]

    assert contents(copy) == contents(scheme)
    # The copy's rows are its own: changing them leaves version 1 alone.
    RasAnswer.objects.filter(question__scheme=copy).update(points=1)
    assert set(
        RasAnswer.objects.filter(question__scheme=scheme).values_list("points", flat=True)
    ) == {
        0,
        5,
        10,
    }


def test_it_allows_only_one_draft_at_a_time(client_for, admin, org):
    scheme = make_scheme(org, admin, questions=2, status=RasScheme.Status.PUBLISHED)
    make_scheme(org, admin, version=2)
    client = client_for(admin)
    response = client.post(scheme_url(scheme, "budgets:setup_scheme_new_version"), follow=True)
    assert "There is already a draft (version 2)" in response.content.decode()
    assert RasScheme.objects.filter(organisation=org).count() == 2


def test_it_lists_the_versions_with_their_status_questions_and_price(client_for, admin, org):
    make_scheme(org, admin, questions=2, status=RasScheme.Status.RETIRED)
    make_scheme(org, admin, questions=3, version=2, status=RasScheme.Status.PUBLISHED)
    make_scheme(org, admin, questions=0, version=3, price_per_point=Decimal("5.25"))
    html = client_for(admin).get(reverse("budgets:setup")).content.decode()
    for text in ("Replaced by a later version", "In use", "Draft", "£5.25", "Continue the draft"):
        assert text in html

"""The person's progress over time: T-scores as a chart and a table, and each outcome's history
across reviews and plan versions (issue 7, Build 7)."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.audit.models import AuditAction, AuditEvent
from tandem.reviews.gas import t_score
from tandem.reviews.models import Review
from tandem.reviews.tests.history_helpers import START, final_review, plan_version

pytestmark = pytest.mark.django_db


def url(person) -> str:
    return reverse("reviews:history", args=[person.pk])


def chart(html: str) -> str:
    return re.search(r"<svg.*?</svg>", html, re.S).group(0)


def table_rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="govuk-table" id="progress-scores">.*?</table>', html, re.S)
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table.group(0), re.S)
    return [
        [
            re.sub(r"\s+", " ", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows[1:]
    ]


def test_it_shows_the_t_score_of_each_final_review(client_for, worker, person):
    plan = plan_version(person, worker)
    recorded = [[0, 1, -1], [1, 1, 2], [-2, None, 0]]
    for n, levels in enumerate(recorded):
        final_review(person, plan, worker, START + datetime.timedelta(days=200 * n), levels)
    html = client_for(worker).get(url(person)).text
    expected = [t_score([x for x in levels if x is not None]) for levels in recorded]
    rows = table_rows(html)
    assert [row[2] for row in rows] == [str(score) for score in expected]
    assert [row[1] for row in rows] == ["3", "3", "2"]
    assert rows[0][0] == "10 January 2023"


def test_the_chart_is_an_image_with_one_marker_per_scored_review(client_for, worker, person):
    plan = plan_version(person, worker)
    final_review(person, plan, worker, START, [0, 1])
    final_review(person, plan, worker, START + datetime.timedelta(days=300), [2, 2])
    # Not scored: no GAS levels, and a draft.
    final_review(person, plan, worker, START + datetime.timedelta(days=400), [None])
    draft = final_review(person, plan, worker, START + datetime.timedelta(days=500), [2])
    Review.objects.filter(pk=draft.pk).update(status=Review.Status.DRAFT)
    html = client_for(worker).get(url(person)).text
    svg = chart(html)
    assert 'role="img"' in svg
    assert svg.count('class="tandem-chart__point"') == 2
    assert f"{t_score([2, 2])}" in svg
    assert len(table_rows(html)) == 2
    assert "&lt;svg" not in html  # drawn, not escaped


def test_it_follows_an_outcome_across_plan_versions_by_its_uid(client_for, worker, person):
    first, second = plan_version(person, worker, 1), plan_version(person, worker, 2)
    uid = uuid.uuid4()
    final_review(person, first, worker, START, [1], uids=[uid])
    final_review(person, second, worker, START + datetime.timedelta(days=365), [2], uids=[uid])
    html = client_for(worker).get(url(person)).text
    assert html.count("<h3") == 1
    # The latest words, then both reviews.
    assert "Outcome 0 at 2024-01-10</h3>" in html
    assert "Evidence 0 at 2023-01-10" in html and "Evidence 0 at 2024-01-10" in html
    assert "+1 – somewhat more than expected" in html
    assert "+2 – much more than expected" in html


def test_it_says_when_no_review_has_been_recorded(client_for, worker, person):
    html = client_for(worker).get(url(person)).text
    assert "No review has been recorded yet" in html
    assert "<svg" not in html


def test_the_person_sees_their_own_progress(client_for, worker, person, person_user):
    final_review(person, plan_version(person, worker), worker, START, [0])
    response = client_for(person_user).get(url(person))
    assert response.status_code == 200
    assert f"{person.full_name}’s progress" in response.text


def test_another_teams_worker_gets_not_found(client_for, other_team_worker, worker, person):
    final_review(person, plan_version(person, worker), worker, START, [0])
    assert client_for(other_team_worker).get(url(person)).status_code == 404


def test_another_organisations_worker_gets_not_found(client_for, other_org_worker, person):
    assert client_for(other_org_worker).get(url(person)).status_code == 404


def test_it_audits_the_view(client_for, worker, person):
    client_for(worker).get(url(person))
    assert AuditEvent.objects.filter(person=person, action=AuditAction.REVIEW_VIEW).exists()


# Fixed whatever the number of reviews and outcomes: the session and user, the person and their
# access, the audit record, then the final reviews and their evaluations, and for staff what
# happened between reviews (the reminders sent, tandem.reminders).
QUERIES = 7


@pytest.mark.parametrize("reviews,outcomes", [(1, 1), (30, 1), (1, 20), (30, 20)])
def test_its_query_count_does_not_grow(
    client_for, worker, person, reviews, outcomes, django_assert_num_queries
):
    client = client_for(worker)
    first, second = plan_version(person, worker, 1), plan_version(person, worker, 2)
    uids = [uuid.uuid4() for _n in range(outcomes)]
    for n in range(reviews):
        final_review(
            person,
            first if n % 2 else second,
            worker,
            START + datetime.timedelta(days=40 * n),
            [n % 5 - 2 for _uid in uids],
            uids=uids,
        )
    client.get(url(person))  # warm any per-process caches
    with django_assert_num_queries(QUERIES):
        response = client.get(url(person))
    assert response.text.count('class="tandem-chart__point"') == reviews


def test_the_person_page_links_to_progress_once_a_review_is_final(client_for, worker, person):
    link = reverse("reviews:history", args=[person.pk])
    detail = reverse("people:detail", args=[person.pk])
    client = client_for(worker)
    assert link not in client.get(detail).text
    review = final_review(person, plan_version(person, worker), worker, START, [0])
    Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
    assert link not in client.get(detail).text
    Review.objects.filter(pk=review.pk).update(status=Review.Status.FINAL)
    html = client.get(detail).text
    assert link in html and "See progress over time" in html


def test_an_unknown_person_is_not_found(client_for, worker):
    assert client_for(worker).get("/reviews/people/999999/progress/").status_code == 404


def test_the_person_pages_query_count_does_not_grow_with_reviews(client_for, worker, person):
    client = client_for(worker)
    plan = plan_version(person, worker)
    detail = reverse("people:detail", args=[person.pk])
    final_review(person, plan, worker, START, [0])
    client.get(detail)
    with CaptureQueriesContext(connection) as few:
        client.get(detail)
    for n in range(1, 30):
        final_review(person, plan, worker, START + datetime.timedelta(days=30 * n), [1, 2])
    with CaptureQueriesContext(connection) as many:
        html = client.get(detail).text
    assert "See progress over time" in html
    assert len(many) == len(few), [q["sql"] for q in many]


def test_the_person_reaches_each_review_record_from_their_progress(
    client_for, worker, person, person_user
):
    plan = plan_version(person, worker)
    first = final_review(person, plan, worker, START, [0])
    later = final_review(person, plan, worker, START + datetime.timedelta(days=365), [1])
    client = client_for(person_user)
    html = client.get(url(person)).text
    records = html[html.index('id="review-records"') :]
    newest, oldest = (reverse("reviews:review_document", args=[r.pk]) for r in (later, first))
    assert records.index(newest) < records.index(oldest)
    assert client.get(newest).status_code == 200

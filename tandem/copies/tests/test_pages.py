"""A person's copies: opened by their recipient and staff only, every opening audited, audio
played in the page, and pages whose queries do not grow with the copies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.copies.models import Copy
from tandem.copies.tests.helpers import make_copy
from tandem.people.models import Delivery
from tandem.plans.tests.helpers import build_agreed_plan

pytestmark = pytest.mark.django_db


built = testing.built_once(
    issue=lambda s: build_agreed_plan(person=s.person, actor=s.worker)[1],
)


org, team, worker, person, issue = testing.from_scene("org", "team", "worker", "person", "issue")


def download(copy) -> str:
    return reverse("copies:download", args=[copy.pk])


def opened(user) -> int:
    return AuditEvent.objects.filter(action=AuditAction.COPY_VIEW, actor=user).count()


def test_the_recipient_downloads_their_copy_and_it_is_audited(issue, person_user):
    copy = make_copy(issue, recipient_user=person_user)

    response = testing.client_for(person_user).get(download(copy))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == bytes(copy.content.data)
    assert opened(person_user) == 1


def test_staff_who_may_see_the_person_open_any_of_their_copies(issue, person_user, manager):
    copy = make_copy(issue, recipient_user=person_user)

    assert testing.client_for(manager).get(download(copy)).status_code == 200
    assert opened(manager) == 1


@pytest.mark.parametrize("who", ["carer", "other_person", "other_team_worker", "other_org_worker"])
def test_nobody_else_finds_the_copy(
    issue, person_user, carer_user, other_team_worker, other_org_worker, org, team, who
):
    copy = make_copy(issue, recipient_user=person_user)
    user = {
        "carer": carer_user,  # sees the person, but the copy was not sent to them
        "other_person": testing.make_user_for_person(testing.make_person(org, team)),
        "other_team_worker": other_team_worker,
        "other_org_worker": other_org_worker,
    }[who]

    assert testing.client_for(user).get(download(copy)).status_code == 404
    assert opened(user) == 0


def test_a_copy_not_made_yet_is_not_there_to_download(issue, person_user):
    copy = make_copy(issue, recipient_user=person_user, status=Copy.Status.QUEUED)

    assert testing.client_for(person_user).get(download(copy)).status_code == 404


def test_the_person_hears_an_audio_copy_on_their_page(issue, person_user):
    make_copy(issue, recipient_user=person_user, form="easy_read")
    audio = make_copy(issue, recipient_user=person_user, form="audio", content=b"ID3 sound")
    client = testing.client_for(person_user)

    home = client.get(reverse("people:home")).text
    played = client.get(download(audio))

    assert "Your copies" in home and "Download the easy read copy" in home
    assert f'<audio controls preload="none" src="{download(audio)}"' in home
    assert played["Content-Type"] == "audio/mpeg"
    assert played["Content-Disposition"].startswith("inline;")


def test_a_carer_sees_only_the_copies_sent_to_them(issue, person, person_user, carer_user):
    make_copy(issue, recipient_user=person_user, recipient_name="Priya Patel")
    make_copy(
        issue,
        recipient_user=carer_user,
        recipient_key="member:1",
        recipient_name="Carol Carer",
        form="large_print",
    )

    page = testing.client_for(carer_user).get(reverse("copies:person", args=[person.pk])).text

    assert "Download the large print copy" in page
    assert "Download the standard print copy" not in page


def test_the_person_is_told_when_nothing_has_been_sent(person, person_user):
    page = testing.client_for(person_user).get(reverse("copies:person", args=[person.pk])).text

    assert "No copies have been sent to you yet." in page


def _bulk(issue, count: int, user, *, start: int = 0) -> None:
    """`count` copies waiting to be posted (every variant of recipient, form and route)."""
    template = make_copy(
        issue,
        recipient_user=user,
        status=Copy.Status.TO_POST,
        route=Delivery.POST,
        recipient_key=f"bulk:{start}",
    )
    forms = ["standard", "large_print", "easy_read", "audio"]
    Copy.objects.bulk_create(
        Copy(
            **{
                f.attname: getattr(template, f.attname)
                for f in Copy._meta.concrete_fields
                if f.name not in {"id", "recipient_key", "form"}
            },
            recipient_key=f"member:{start + n}",
            form=forms[n % len(forms)],
        )
        for n in range(count - 1)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_queries_do_not_grow_with_the_copies(org, team, worker):
    few, many = testing.make_person(org, team), testing.make_person(org, team)
    urls = {}
    for person, count in ((few, 10), (many, 200)):
        _plan, issue = build_agreed_plan(person=person, actor=worker)
        _bulk(issue, count, worker)
        urls[person] = [
            reverse("copies:person", args=[person.pk]),
            reverse("copies:plan_progress", args=[issue.plan_id, issue.number]),
        ]
    client = testing.client_for(worker)
    _queries(client, urls[few][0])  # the first request also loads the session and the user

    for small, large in zip(urls[few], urls[many], strict=True):
        assert _queries(client, small) == _queries(client, large), small


def test_the_list_to_post_does_not_grow_with_the_copies_waiting(person, worker, issue):
    _bulk(issue, 10, worker)
    client = testing.client_for(worker)
    _queries(client, reverse("copies:to_post"))
    few = _queries(client, reverse("copies:to_post"))

    _bulk(issue, 190, worker, start=1000)

    assert _queries(client, reverse("copies:to_post")) == few


def test_the_sending_page_does_not_grow_with_the_circle(org, team, worker):
    small, large = testing.make_person(org, team), testing.make_person(org, team)
    urls = []
    for person, members in ((small, 1), (large, 20)):
        for n in range(members):
            testing.make_circle_member(person, name=f"Member {n}", address=f"{n} Road")
        _plan, issue = build_agreed_plan(person=person, actor=worker)
        urls.append(reverse("copies:send_plan", args=[issue.plan_id, issue.number]))
    client = testing.client_for(worker)
    _queries(client, urls[0])

    assert _queries(client, urls[0]) == _queries(client, urls[1])


def test_only_staff_are_offered_sending_from_the_issued_plan(issue, person_user, worker):
    url = reverse("documents:issue", args=[issue.plan_id, issue.number])
    send = reverse("copies:send_plan", args=[issue.plan_id, issue.number])

    assert send in testing.client_for(worker).get(url).text
    assert send not in testing.client_for(person_user).get(url).text

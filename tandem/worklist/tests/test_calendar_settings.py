"""The calendar settings page (worklist:calendar): staff make, renew and turn off their private
feed and choose whether it shows names; the address is shown once; every change is audited and
refused for anyone else, and a page left open in another window never undoes a newer change."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tandem.audit.models import AuditAction, AuditEvent
from tandem.testing import sign_in
from tandem.testing_refusals import ANONYMOUS, ROLES, everything
from tandem.worklist.models import CalendarFeed

pytestmark = pytest.mark.django_db

URL = reverse("worklist:calendar")
# Staff in an organisation, whichever team: each has a worklist, so each may have a feed.
ALLOWED = {
    "social_worker",
    "social_work_assistant",
    "occupational_therapist",
    "sensory_impairment_worker",
    "team_manager",
    "other_team_worker",
    "other_team_manager",
    "other_org_worker",
    "other_org_worker_in_the_team",
}
REFUSED = sorted(set(ROLES) - ALLOWED - {ANONYMOUS})


def shown_link(response) -> str | None:
    match = re.search(r'id="calendar-link"[^>]*value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def feed_path(link: str) -> str:
    return link.removeprefix(settings.SITE_URL.rstrip("/"))


def post(client, action: str, revision: int, **data):
    return client.post(URL, {"action": action, "revision": revision, **data}, follow=True)


def test_a_worker_makes_their_link_and_sees_it_once(client_for, worker):
    client = client_for(worker)
    page = client.get(URL)
    assert "Make my calendar link" in page.content.decode()
    assert shown_link(page) is None

    response = post(client, "create", 0)

    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "govuk-notification-banner--success" in html
    assert "Your calendar link has been made" in html
    link = shown_link(response)
    assert link is not None and link.startswith(settings.SITE_URL + "/worklist/calendar/")
    assert Client().get(feed_path(link)).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.CALENDAR_CREATE, actor=worker).count() == 1
    # Shown once: reloading the page, it is gone; only its hash is kept.
    again = client.get(URL)
    assert shown_link(again) is None and link not in again.content.decode()
    assert "Get a new link" in again.content.decode()


def test_a_new_link_replaces_the_old_one(client_for, worker):
    client = client_for(worker)
    old = shown_link(post(client, "create", 0))

    response = post(client, "renew", 1)

    new = shown_link(response)
    assert new and new != old
    assert "The old one has stopped working" in response.content.decode()
    assert Client().get(feed_path(old)).status_code == 404
    assert Client().get(feed_path(new)).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.CALENDAR_RENEW, actor=worker).exists()


def test_turning_the_link_off_stops_it_at_once(client_for, worker):
    client = client_for(worker)
    link = shown_link(post(client, "create", 0))

    response = post(client, "revoke", 1)

    assert "Your calendar link has been turned off" in response.content.decode()
    assert "Make my calendar link" in response.content.decode()
    assert Client().get(feed_path(link)).status_code == 404
    assert CalendarFeed.objects.get(user=worker).token_hash is None
    assert AuditEvent.objects.filter(action=AuditAction.CALENDAR_REVOKE, actor=worker).exists()
    # Made again later: a new address, never the old one.
    again = shown_link(post(client, "create", 2))
    assert again and again != link
    assert Client().get(feed_path(link)).status_code == 404


def test_a_worker_opts_in_to_names_and_out_again(client_for, worker):
    client = client_for(worker)
    post(client, "create", 0)

    response = post(client, "names", 1, include_names="yes")

    assert "will show people’s names" in response.content.decode()
    assert CalendarFeed.objects.get(user=worker).include_names
    event = AuditEvent.objects.get(action=AuditAction.CALENDAR_NAMES)
    assert (event.actor, event.detail) == (worker, {"include_names": True})

    post(client, "names", 2, include_names="no")
    assert not CalendarFeed.objects.get(user=worker).include_names


def test_a_page_left_open_elsewhere_changes_nothing(client_for, worker):
    """Renewed in one window: the other window's renew (or revoke) would kill the new link."""
    client = client_for(worker)
    post(client, "create", 0)
    post(client, "renew", 1)
    before = everything()

    for action in ("renew", "revoke", "create"):
        response = post(client, action, 1)
        assert response.status_code == 200
        html = response.content.decode()
        assert "govuk-error-summary" in html
        assert "changed in another window or tab" in html
        assert 'name="revision" value="2"' in html  # the page now carries what is saved
        assert shown_link(response) is None
    assert everything() == before


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "nonsense", "revision": "1"},
        {"action": "renew", "revision": "lots"},
        {"action": "renew", "revision": "-1"},
        {"action": "names", "revision": "1"},
        {"action": "names", "revision": "1", "include_names": "perhaps"},
        {"action": "revoke", "revision": "99999999999999999999999"},
    ],
)
def test_a_broken_or_tampered_form_says_so_and_changes_nothing(client_for, worker, data):
    client = client_for(worker)
    post(client, "create", 0)
    before = everything()
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert everything() == before


def test_names_cannot_be_chosen_without_a_link(client_for, worker):
    response = post(client_for(worker), "names", 0, include_names="yes")
    assert "Make a calendar link first" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_it_refuses_a_post_without_the_csrf_token(worker):
    client = sign_in(Client(enforce_csrf_checks=True), worker)
    assert client.post(URL, {"action": "create", "revision": 0}).status_code == 403
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_staff_may_have_a_calendar(cast, role):
    client = sign_in(Client(), cast.users[role])
    assert client.get(URL).status_code == 200
    assert post(client, "create", 0).status_code == 200
    assert CalendarFeed.objects.get(user=cast.users[role]).is_active


@pytest.mark.parametrize("role", [*REFUSED, ANONYMOUS])
def test_everyone_else_is_refused_and_nothing_changes(cast, role):
    client = Client()
    if role != ANONYMOUS:
        sign_in(client, cast.users[role])
    before, events = everything(), AuditEvent.objects.count()

    page = client.get(URL)
    posted = client.post(URL, {"action": "create", "revision": 0})

    for response in (page, posted):
        if role == ANONYMOUS:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        else:
            assert response.status_code == 403
    assert everything() == before
    assert AuditEvent.objects.count() == events

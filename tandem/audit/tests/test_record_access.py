"""'Who has looked at my record': the person, and staff on the person's record, see who read or
changed it and when; safeguarding never shows there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.audit.services import audit_record
from tandem.testing_refusals import ANONYMOUS, CIRCLE, ROLES, STAFF, STRANGERS

pytestmark = pytest.mark.django_db


def url(person) -> str:
    return reverse("audit:record_access", args=[person.pk])


def _shown(response) -> list[str]:
    return [event.summary for event in response.context["page"]]


@pytest.mark.parametrize("role", ROLES)
def test_the_person_and_their_staff_may_see_it_and_no_one_else(cast, role):
    client = testing.Client() if role == ANONYMOUS else testing.client_for(cast.users[role])
    before = AuditEvent.objects.count()
    response = client.get(url(cast.person))
    if role in STAFF | {"person"}:
        assert response.status_code == 200
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.person_id) == (AuditAction.OWN_ACCESS_VIEW, cast.person.pk)
        assert AuditEvent.objects.count() == before + 1
    elif role in CIRCLE:  # a carer or provider sees the record, but not who else has
        assert response.status_code == 403
    elif role in STRANGERS:
        assert response.status_code == 404
        assert AuditEvent.objects.count() == before
    else:
        assert response.status_code == 302


def test_the_person_sees_who_looked_by_name_role_and_organisation(
    client_for, person, person_user, worker, org
):
    worker.job_title = "Senior social worker"
    worker.save()
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="Read it", person=person)
    response = client_for(person_user).get(url(person))
    assert "Who has looked at my record" in response.text
    assert "Wendy Worker" in response.text
    assert "Senior social worker, Riverside Council" in response.text
    # Their own reading of the page is not in their own list.
    assert _shown(response) == ["Read it"]


def test_safeguarding_never_shows_to_the_person_nor_to_staff_here(
    client_for, person, person_user, manager, worker
):
    audit_record(
        actor=worker, action=AuditAction.SAFEGUARDING_RAISE, summary="Concern", person=person
    )
    # Reading the record from a safeguarding page is a safeguarding reading too.
    audit_record(
        actor=manager,
        action=AuditAction.PERSON_VIEW,
        summary="Read from the concern",
        person=person,
        detail={"page": "safeguarding_referral"},
    )
    audit_record(
        actor=worker,
        action=AuditAction.PERSON_VIEW,
        summary="Ordinary read",
        person=person,
        detail={"page": "detail"},
    )
    audit_record(actor=worker, action=AuditAction.PLAN_VIEW, summary="No page", person=person)
    for reader in (person_user, worker):
        response = client_for(reader).get(url(person))
        shown = [s for s in _shown(response) if s in {"No page", "Ordinary read"}]
        assert shown == ["No page", "Ordinary read"]
        assert "Concern" not in response.text
        assert "Read from the concern" not in response.text


def test_break_glass_access_is_shown_as_emergency_access(client_for, person, person_user, org):
    stranger = testing.make_worker(org, testing.make_team(org, "Duty team"))
    audit_record(
        actor=stranger,
        action=AuditAction.BREAK_GLASS,
        summary="Opened in an emergency",
        person=person,
    )
    response = client_for(person_user).get(url(person))
    assert "Opened in an emergency" in response.text
    assert "Emergency access" in response.text


def test_it_shows_only_this_persons_record(client_for, person, person_user, worker, org, team):
    other = testing.make_person(org, team)
    audit_record(actor=worker, action=AuditAction.PERSON_VIEW, summary="Other", person=other)
    assert _shown(client_for(person_user).get(url(person))) == []


def test_an_empty_list_says_so(client_for, person, person_user):
    response = client_for(person_user).get(url(person))
    assert "No one has looked at this record yet." in response.text


def test_it_is_linked_from_the_persons_home_and_the_record(client_for, person, person_user, worker):
    assert url(person) in client_for(person_user).get(reverse("people:home")).text
    assert url(person) in client_for(worker).get(reverse("people:detail", args=[person.pk])).text


def test_it_pages_and_its_queries_do_not_grow(client_for, person, person_user, worker):
    def build(count: int) -> int:
        AuditEvent.objects.bulk_create(
            AuditEvent(
                organisation_id=person.organisation_id,
                actor=worker,
                person=person,
                action=AuditAction.PERSON_VIEW,
                summary="Read",
            )
            for _ in range(count)
        )
        client = client_for(person_user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(person), {"page": "2"})
        assert response.status_code == 200
        return len(captured)

    few = build(30)
    assert build(200) == few
    response = client_for(person_user).get(url(person), {"page": "nonsense"})
    assert len(_shown(response)) == 25

"""Who may see what, in the demo (issue 9): a consent history (given, then withdrawn), an
advocate appointed for a person who lacks capacity, an emergency (break-glass) access by a
practitioner of the other team that the demo manager has to review, and a sharing review done
after one safeguarding concern and still due after the other.

Made through the people services, so each is validated and audited like a real one; only times
are moved back afterwards. Everything here is invented."""

from datetime import date, timedelta

from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.demo.people import CHILDREN
from tandem.people.consent import consent_give, consent_withdraw, sharing_review_record
from tandem.people.emergency import break_glass_open
from tandem.people.models import BreakGlassAccess, CircleMember, Person, SharingReview
from tandem.people.services import circle_member_update

# The practitioner who opens a record in an emergency: a social worker of the children's team,
# with no demo sign-in (the demo manager reviews what they did).
DUTY_WORKER = "demo-duty-worker"
EMERGENCY_REASON = (
    "Colin Nettlefold rang the duty line out of hours: Iris has fallen at home and the ambulance "
    "crew need her medication list and who to call."
)


def _person(organisation_id: int, identifier: str) -> Person:
    return Person.objects.get(organisation_id=organisation_id, local_identifier=identifier)


def _member(person: Person, name: str) -> CircleMember:
    return person.circle.get(name=name)


def _consent_history(worker: User, organisation_id: int, today: date) -> None:
    """Den's neighbour Stan could see the plan for a while; Den then withdrew it. Ellen's
    daughter Kerry is consulted about reviews, though Ellen has not yet decided on the plan."""
    den = _person(organisation_id, "DEMO-0001")
    stan = _member(den, "Stan Marigold")
    consent_give(
        member=stan,
        actor=worker,
        purpose="share_plan",
        given_by="person",
        method="phone",
        given_on=today - timedelta(days=90),
        notes="Den asked for Stan to see the allotment part of his plan.",
    )
    consent_withdraw(
        member=stan,
        actor=worker,
        purpose="share_plan",
        withdrawn_by="person",
        withdrawn_on=today - timedelta(days=20),
    )
    ellen = _person(organisation_id, "DEMO-0009")
    consent_give(
        member=_member(ellen, "Kerry Marchbank"),
        actor=worker,
        purpose="consult_at_reviews",
        given_by="person",
        method="in_person",
        given_on=today - timedelta(days=40),
    )


def _appoint_advocate(worker: User, organisation_id: int, today: date) -> None:
    """Arthur lacks capacity for planning decisions: Nadia is his appointed advocate."""
    arthur = _person(organisation_id, "DEMO-0012")
    nadia = _member(arthur, "Nadia Fairweather")
    circle_member_update(
        member=nadia,
        actor=worker,
        data={
            "appointed_as": CircleMember.Appointment.ADVOCATE,
            "appointed_since": today - timedelta(days=300),
            "appointment_note": "Independent advocate appointed under the Care Act (demo).",
        },
        revision=nadia.revision,
    )


def _emergency_access(manager: User) -> None:
    """A children's team worker opened Iris's record (Adults North) an hour ago."""
    organisation = manager.organisation
    duty = User(
        username=DUTY_WORKER,
        first_name="Lee",
        last_name="Turner",
        email=f"{DUTY_WORKER}@example.org",
        organisation=organisation,
        role=Role.SOCIAL_WORKER,
        job_title="Social worker (out-of-hours duty)",
    )
    duty.set_unusable_password()
    duty.full_clean()
    duty.save()
    duty.teams.set(organisation.teams.filter(name=CHILDREN))
    iris = _person(organisation.pk, "DEMO-0015")
    grant = break_glass_open(person=iris, actor=duty, reason=EMERGENCY_REASON)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    BreakGlassAccess.objects.filter(pk=grant.pk).update(
        opened_at=an_hour_ago, expires_at=grant.expires_at - timedelta(hours=1)
    )


def create_relations(*, users: dict[str, User], today: date) -> None:
    worker, manager = users["demo-worker"], users["demo-manager"]
    organisation_id = manager.organisation_id
    assert organisation_id is not None
    _consent_history(worker, organisation_id, today)
    _appoint_advocate(worker, organisation_id, today)
    _emergency_access(manager)
    # After Margaret's concern (9 days ago) Sam reviewed who her plan is shared with; after
    # Tomasz's (yesterday) it is still on Sam's worklist.
    review = sharing_review_record(person=_person(organisation_id, "DEMO-0002"), actor=worker)
    SharingReview.objects.filter(pk=review.pk).update(
        reviewed_at=timezone.now() - timedelta(days=8)
    )

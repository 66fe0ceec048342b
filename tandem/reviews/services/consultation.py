"""The consultation before a review (R3) and the person's own answers for it (R4, R5).

Four weeks before a review is due the person is asked – in their own login, through a carer who
may represent them, or by a worker with them – whom they want at the review and how it should be
held; every provider in the plan is listed and is either invited or has a reason recorded (R3:
all providers represented). The person may also say, in their own words, what is working, what
is not and what they want to change; the worker sees these before the meeting.

There is one current consultation per person: the latest recorded since their last final review
(`current_consultation`). Saving again changes it (optimistic locking by `revision`); the review
that is finalised next keeps it (`Review.consultation`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.people.models import CircleMember, Person
from tandem.people.selectors import representing
from tandem.plans.models import Action, Plan, SupportArrangement
from tandem.reviews.models import Consultation, ProviderInvitation, Review
from tandem.reviews.schedule import NextReview
from tandem.reviews.selectors import next_review_for

# What `consultation_save` may change; everything else is set by the service.
CONSULTATION_FIELDS = (
    "who_to_invite",
    "how_held",
    "how_held_notes",
    "what_is_working",
    "what_is_not_working",
    "what_to_change",
)
# Circle members who count as providers when they are responsible for an action.
PROVIDER_KINDS = (CircleMember.Kind.PROVIDER, CircleMember.Kind.AGENCY)


@dataclass(frozen=True)
class Provider:
    """A provider named in the plan: a circle member responsible for an action, or the provider
    of a support arrangement (free text, so no circle member)."""

    name: str
    circle_member_id: int | None = None


@dataclass(frozen=True)
class Invitation:
    """One provider's answer: invited, or not and why not (None: not answered)."""

    name: str
    invited: bool | None
    reason_not_invited: str = ""


class State(StrEnum):
    NOT_YET_DUE = "not_yet_due"
    DUE = "due"
    RECORDED = "recorded"


@dataclass(frozen=True)
class ConsultationState:
    """Where the person is with the consultation for their next review."""

    state: State
    next_review: NextReview
    consultation: Consultation | None

    @property
    def is_due(self) -> bool:
        return self.state == State.DUE

    @property
    def is_recorded(self) -> bool:
        return self.state == State.RECORDED

    @property
    def is_open(self) -> bool:
        """Due, or recorded and still open to change until the review is finalised."""
        return self.state in {State.DUE, State.RECORDED}


# Who may record it ------------------------------------------------------------------------------


def may_record_consultation_role(user: User) -> bool:
    """The roles that may answer: the person themself, carers (those who may represent the
    person, see `may_record_consultation`) and workers with the person. Not providers: they are
    the ones being invited."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER}


def needs_to_represent(user: User) -> bool:
    """A carer answers for the person only as someone who may represent them."""
    return user.role == Role.CARER


def represents(user: User, person_id: int) -> bool:
    """The user is in the person's circle, with consent, as someone who may represent them
    (CircleMember.can_represent: a carer, family member or advocate); one query."""
    return representing(user).filter(person_id=person_id).exists()


def may_consult_on(user: User, person_id: int) -> bool:
    """For a person the user may see (the caller has checked): whether they may answer the
    consultation for them. One query for a carer, none for anyone else."""
    return may_record_consultation_role(user) and (
        not needs_to_represent(user) or represents(user, person_id)
    )


def may_record_consultation(user: User, person: Person) -> bool:
    """As `may_record_consultation_role`, for this person: the person only for themself, a carer
    only as someone who may represent them, a worker for a person of their organisation."""
    if user.organisation_id != person.organisation_id or not may_record_consultation_role(user):
        return False
    if needs_to_represent(user):
        return represents(user, person.pk)
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    return True


# Reading --------------------------------------------------------------------------------------


def current_consultations(
    people: Iterable[Person | int], *, with_providers: bool = True
) -> dict[int, Consultation]:
    """Each person's latest consultation recorded since their last final review (person id →
    consultation; none for a person with none): one query however many people, and one more for
    the providers unless `with_providers` is False. A consultation a final review was finalised
    after has been used by it."""
    person_ids = {p if isinstance(p, int) else p.pk for p in people}
    if not person_ids:
        return {}
    # A review finalised (or, for one recorded without its time, held) after it used it.
    used = Review.objects.filter(
        Q(finalised_at__gte=OuterRef("created_at"))
        | Q(finalised_at__isnull=True, held_on__gte=OuterRef("created_at__date")),
        person_id=OuterRef("person_id"),
        status=Review.Status.FINAL,
    )
    found = (
        Consultation.objects.filter(person_id__in=person_ids)
        .filter(~Exists(used))
        .select_related("answered_by")
    )
    if with_providers:
        found = found.prefetch_related("providers")
    latest: dict[int, Consultation] = {}
    for consultation in found.order_by("-created_at", "-id"):
        latest.setdefault(consultation.person_id, consultation)
    return latest


def current_consultation(
    person: Person | int, *, with_providers: bool = True
) -> Consultation | None:
    """The latest consultation recorded since the person's last final review, or None: as
    `current_consultations`, one query and one more for its providers."""
    person_id = person if isinstance(person, int) else person.pk
    return current_consultations([person_id], with_providers=with_providers).get(person_id)


def name_key(name: str) -> str:
    """A provider's name as it is compared: "Brightside  care" is "Brightside Care"."""
    return " ".join(name.split()).casefold()


def plan_providers(plan: Plan) -> list[Provider]:
    """Every provider in the plan, once each by name (ignoring case and spacing), by name: the
    providers and agencies in the circle responsible for an action, and the provider of each
    support arrangement. Two queries, however many there are."""
    responsible = Action.objects.filter(plan=plan, responsible_member__isnull=False).values(
        "responsible_member_id"
    )
    members = CircleMember.objects.filter(pk__in=responsible, kind__in=PROVIDER_KINDS).values_list(
        "pk", "name"
    )
    found: dict[str, Provider] = {}
    for pk, name in members.order_by("name", "pk"):
        found.setdefault(name_key(name), Provider(name=name.strip(), circle_member_id=pk))
    support = SupportArrangement.objects.filter(plan=plan).values_list("provider", flat=True)
    for name in support.order_by("position", "id"):
        if name.strip():
            found.setdefault(name_key(name), Provider(name=" ".join(name.split())))
    return sorted(found.values(), key=lambda p: (name_key(p.name), p.name))


def _state(next_review: NextReview, current: Consultation | None, today: date) -> ConsultationState:
    """Recorded when there is a current consultation; otherwise due once the schedule's
    consultation date has come (R3), and not yet due before."""
    if current is not None:
        state = State.RECORDED
    elif next_review.consultation_on <= today:
        state = State.DUE
    else:
        state = State.NOT_YET_DUE
    return ConsultationState(state=state, next_review=next_review, consultation=current)


def consultation_state(
    plan: Plan | None,
    *,
    today: date,
    next_review: NextReview | None = None,
    consultation: Consultation | None | bool = False,
) -> ConsultationState | None:
    """Whether the consultation for the next review of this agreed plan is not yet due, due (the
    schedule's consultation date has come, R3, and none is recorded) or recorded; None when the
    plan has no next review (not agreed, or no date). A page that has the next review or the
    current consultation already passes them (`consultation=None` for "none recorded")."""
    if plan is None:
        return None
    if next_review is None:
        next_review = next_review_for(plan, today=today)
        if next_review is None:
            return None
    current = current_consultation(plan.person_id) if consultation is False else consultation
    assert current is None or isinstance(current, Consultation)
    return _state(next_review, current, today)


def consultation_states_for(
    plans: Iterable[Plan], *, today: date, next_reviews: Mapping[int, NextReview | None]
) -> dict[int, ConsultationState | None]:
    """As `consultation_state`, for many plans at once (plan id → state; None for a plan with no
    next review in `next_reviews`, as `next_reviews_for` gives them): one query however many
    plans, none when no plan has a next review. The consultations come without their providers."""
    plans = list(plans)
    due = [p for p in plans if next_reviews.get(p.pk) is not None]
    current = current_consultations((p.person_id for p in due), with_providers=False)
    found: dict[int, ConsultationState | None] = {p.pk: None for p in plans}
    for plan in due:
        review = next_reviews[plan.pk]
        assert review is not None
        found[plan.pk] = _state(review, current.get(plan.person_id), today)
    return found


# Rules ----------------------------------------------------------------------------------------


def invitation_problem(name: str, invited: bool | None, reason: str) -> str | None:
    """R3: all providers are represented – each is invited, or why not is recorded."""
    if invited is None:
        return str(_("Say whether %(name)s is invited, or why not") % {"name": name})
    if not invited and not reason.strip():
        return str(_("Say why %(name)s is not invited") % {"name": name})
    return None


def consultation_problems(
    data: dict[str, Any], invitations: list[Invitation], providers: list[Provider]
) -> list[str]:
    """What stops the consultation being saved, in plain English; none when it may be."""
    problems: list[str] = []
    if data.get("how_held") not in Review.HowHeld.values:
        problems.append(str(_("Select how you would like your review to be held")))
    answers = {name_key(i.name): i for i in invitations}
    for provider in providers:
        answer = answers.get(name_key(provider.name))
        problem = invitation_problem(
            provider.name,
            answer.invited if answer else None,
            answer.reason_not_invited if answer else "",
        )
        if problem:
            problems.append(problem)
    return problems


# Writing --------------------------------------------------------------------------------------


def _same_answers(
    current: Consultation, data: dict[str, Any], invitations: list[Invitation]
) -> bool:
    """True when what is saved is exactly what was sent (the same form sent twice)."""
    if any(getattr(current, name) != data.get(name, "") for name in CONSULTATION_FIELDS):
        return False
    saved = {(p.name, p.invited, p.reason_not_invited) for p in current.providers.all()}
    sent = {
        (i.name, i.invited, "" if i.invited else i.reason_not_invited.strip()) for i in invitations
    }
    return saved == sent


def consultation_save(
    *,
    person: Person,
    data: dict[str, Any],
    invitations: list[Invitation],
    revision: int,
    actor: User,
) -> Consultation:
    """Record the person's consultation for the next review of their agreed plan in force, or
    change the current one (`revision` 0 when there was none on the form). A save over someone
    else's newer one raises EditConflict; the same answers sent twice (a double click) are saved
    once."""
    if not may_record_consultation(actor, person):
        raise Refused(_("You cannot record the consultation for this person’s review."))
    unknown = set(data) - set(CONSULTATION_FIELDS)
    if unknown:
        raise Refused(_("That cannot be changed on a consultation."))
    with transaction.atomic():
        # The person's row serialises saves, so two at once never make two consultations.
        Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
        plan = Plan.objects.filter(person_id=person.pk, status=Plan.Status.AGREED).first()
        if plan is None:
            raise Refused(_("There is no agreed plan to review yet."))
        current = current_consultation(person)
        if (current.revision if current else 0) != revision:
            if current is not None and current.answered_by_id == actor.pk:
                if _same_answers(current, data, invitations):
                    return current
            raise EditConflict(
                _("Someone else changed these answers while you were writing yours."),
                current=current,
            )
        providers = plan_providers(plan)
        problems = consultation_problems(data, invitations, providers)
        if problems:
            raise Refused(problems[0])
        next_review = next_review_for(plan)
        consultation = current or Consultation(
            organisation_id=person.organisation_id, person=person
        )
        consultation.plan = plan
        consultation.review_due_on = next_review.due_on if next_review else None
        for name in CONSULTATION_FIELDS:
            setattr(consultation, name, data.get(name, ""))
        consultation.with_person = actor.is_worker
        consultation.answered_by = actor
        consultation.revision = revision + 1
        consultation.full_clean()
        consultation.save()
        _save_invitations(consultation, invitations, providers)
        audit_record(
            actor=actor,
            action=AuditAction.CONSULTATION_RECORD,
            summary=(
                _("Recorded the consultation for the review")
                if current is None
                else _("Changed the consultation for the review")
            ),
            person=person,
            plan=plan,
            detail={
                "id": consultation.pk,
                "created": current is None,
                "with_person": consultation.with_person,
                "how_held": consultation.how_held,
                "review_due_on": str(consultation.review_due_on),
                "invited": sorted(i.name for i in invitations if i.invited),
                "not_invited": sorted(i.name for i in invitations if i.invited is False),
            },
        )
    return consultation


def _save_invitations(
    consultation: Consultation, invitations: list[Invitation], providers: list[Provider]
) -> None:
    """One row per provider in the plan now; answers for anyone else are not kept."""
    answers = {name_key(i.name): i for i in invitations}
    consultation.providers.all().delete()
    rows = []
    for provider in providers:
        answer = answers[name_key(provider.name)]
        row = ProviderInvitation(
            consultation=consultation,
            name=provider.name,
            circle_member_id=provider.circle_member_id,
            invited=answer.invited,
            reason_not_invited="" if answer.invited else answer.reason_not_invited.strip(),
        )
        # One name per provider is certain here; no query per row to check it.
        row.full_clean(exclude=["consultation"], validate_unique=False, validate_constraints=False)
        rows.append(row)
    ProviderInvitation.objects.bulk_create(rows)

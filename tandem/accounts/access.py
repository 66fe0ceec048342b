"""Who may see and do what: the one place for access rules.

Every view starts with one of the `get_…_for_user` calls, which fetch and authorise together and
answer 404 for anything the user has no legitimate relationship with (so ids reveal nothing).
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.accounts.models import Role, Team, User
from tandem.lookups import AnyOf
from tandem.people.models import BreakGlassAccess, CircleMember, Person

# Appointments that let a carer, family member or advocate see the person without consent.
APPOINTMENTS = (CircleMember.Appointment.ADVOCATE, CircleMember.Appointment.LEGAL_REPRESENTATIVE)


def relationship_filter(user: User, prefix: str = "", *, emergency: bool = True) -> Q:
    """The people this user has a legitimate relationship with, as a filter on a person relation.

    `prefix` reaches the person from another model (`"person__"` for plans), so rows are limited by
    a join on indexed columns rather than an `IN (…)` over everyone the user may see.

    - staff: the people of their teams, and the people allocated to them;
    - the person: their own record;
    - a provider: only with the person's consent to share;
    - a carer, family member or representative: with that consent, or as an appointed advocate
      or legal representative (`circle_grants`);
    - an administrator: nobody (they run the organisation, not cases);
    - and, with `emergency` (the default), staff also see whom they opened in an emergency
      (break-glass) until that access expires. The worklist leaves these out: an emergency look
      is not a caseload.
    """
    if not user.is_authenticated or user.organisation_id is None:
        return Q(pk__in=[])
    mine = Q(**{f"{prefix}organisation_id": user.organisation_id})
    if user.is_worker:
        # Teams are within the user's organisation; saying so in the subquery (rather than on the
        # person) lets the database walk the people list's (team, name) index. AnyOf, not IN:
        # under the ORs, each condition then uses its own index (see tandem.lookups).
        related = Q(AnyOf(F(f"{prefix}team_id"), own_teams(user).values("pk"))) | (
            mine & Q(**{f"{prefix}allocated_worker": user})
        )
        if emergency:
            opened = BreakGlassAccess.objects.filter(user=user, expires_at__gt=timezone.now())
            related |= mine & Q(AnyOf(F(f"{prefix}pk"), opened.values("person_id")))
        return related
    if user.role == Role.PERSON:
        return mine & Q(**{f"{prefix}user": user})
    if user.role in {Role.CARER, Role.PROVIDER}:
        in_circle = CircleMember.objects.filter(
            circle_grants(user), person_id=OuterRef(f"{prefix}pk")
        )
        return mine & Q(Exists(in_circle))
    return Q(pk__in=[])


def circle_grants(user: User) -> Q:
    """The circle memberships (a filter on CircleMember) through which this carer or provider
    sees the person: the person's recorded consent to share, or, for a carer, family member or
    representative, an appointment as advocate or legal representative."""
    grants = Q(user=user, consent_to_share=True)
    if user.role == Role.CARER:
        grants |= Q(user=user, appointed_as__in=APPOINTMENTS)
    return grants


def may_break_glass(user: User) -> bool:
    """Practitioners (staff, managers too) may open a record outside their relationship in an
    emergency, with a reason; nobody else."""
    return user.is_authenticated and user.organisation_id is not None and user.is_worker


def emergency_access(user: User, person: Person) -> BreakGlassAccess | None:
    """The user's emergency access to this person in force now, if any."""
    if not user.is_authenticated or not user.is_worker:
        return None
    return (
        BreakGlassAccess.objects.filter(person=person, user=user, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def own_teams(user: User) -> QuerySet[Team]:
    """The teams a member of staff works in: they see, add and move people only in these."""
    if not user.is_authenticated or user.organisation_id is None or not user.is_worker:
        return Team.objects.none()
    return user.teams.filter(organisation_id=user.organisation_id)


def visible_people(user: User) -> QuerySet[Person]:
    """People this user has a legitimate relationship with, within their organisation."""
    return Person.objects.filter(relationship_filter(user))


def get_person_for_user(user: User, pk: int | str) -> Person:
    try:
        return (
            visible_people(user).select_related("team", "allocated_worker", "advocate").get(pk=pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def circle_membership(user: User, person: Person) -> CircleMember | None:
    if user.role not in {Role.CARER, Role.PROVIDER}:
        return None
    return CircleMember.objects.filter(circle_grants(user), person=person).first()


def can_manage_person(user: User) -> bool:
    """Create people, change their details and circle: staff only."""
    return user.is_worker


def can_draft_plan(user: User) -> bool:
    """P1: the person and consenting carers draft their plan alongside workers."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER}


def can_coordinate_plan(user: User) -> bool:
    """Send for agreement, record agreement, decide on disagreements, start new versions."""
    return user.is_worker


def can_add_disagreement(user: User) -> bool:
    """A2: providers and agencies (or the worker on their behalf) may add a disagreement."""
    return user.is_worker or user.role in {Role.PERSON, Role.CARER, Role.PROVIDER}


def can_raise_safeguarding(user: User) -> bool:
    """P11: anyone who can see the person can raise a concern."""
    return user.is_authenticated


def can_acknowledge_safeguarding(user: User) -> bool:
    """P11: a team manager records that a concern about their team's people was acted on."""
    return user.is_authenticated and user.is_manager


def can_set_up_budgets(user: User) -> bool:
    """The organisation's resource allocation scheme and its services and unit costs: the
    administrator's, not staff who use them."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def break_glass_to_review(user: User) -> QuerySet[BreakGlassAccess]:
    """Emergency accesses this team manager reviews: to the people of their teams, or by the
    practitioners of their teams; never their own (another manager reviews those)."""
    if not user.is_authenticated or not user.is_manager or user.organisation_id is None:
        return BreakGlassAccess.objects.none()
    teams = own_teams(user).values("pk")
    return (
        BreakGlassAccess.objects.filter(organisation_id=user.organisation_id)
        .filter(Q(person__team_id__in=teams) | Q(user__teams__in=teams))
        .exclude(user=user)
        .distinct()
    )

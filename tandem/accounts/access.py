"""Who may see and do what: the one place for access rules.

Every view starts with one of the `get_…_for_user` calls, which fetch and authorise together and
answer 404 for anything the user has no legitimate relationship with (so ids reveal nothing).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tandem.accounts.models import Role, Team, User
from tandem.people.models import CircleMember, Person


def relationship_filter(user: User, prefix: str = "") -> Q:
    """The people this user has a legitimate relationship with, as a filter on a person relation.

    `prefix` reaches the person from another model (`"person__"` for plans), so rows are limited by
    a join on indexed columns rather than an `IN (…)` over everyone the user may see.
    """
    if not user.is_authenticated or user.organisation_id is None:
        return Q(pk__in=[])
    if user.is_worker:
        # Teams are within the user's organisation; saying so in the subquery (rather than on the
        # person) lets the database walk the people list's (team, name) index.
        return Q(**{f"{prefix}team_id__in": own_teams(user).values("pk")})
    mine = Q(**{f"{prefix}organisation_id": user.organisation_id})
    if user.role == Role.PERSON:
        return mine & Q(**{f"{prefix}user": user})
    if user.role in {Role.CARER, Role.PROVIDER}:
        # Carers and providers see a person only with the person's consent to share.
        consented = CircleMember.objects.filter(
            person_id=OuterRef(f"{prefix}pk"), user=user, consent_to_share=True
        )
        return mine & Q(Exists(consented))
    return Q(pk__in=[])


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
    return CircleMember.objects.filter(person=person, user=user, consent_to_share=True).first()


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

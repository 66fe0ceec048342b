"""Reads for the person's own home page (people:home): whose home pages a user may see, and where
each of that person's plans is. What the page shows of reviews and actions comes from the
``reviews_home`` template tags (reviews builds on people, not the other way round)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from tandem.accounts import access
from tandem.accounts.models import Role, User
from tandem.people.access import person_get_for_user
from tandem.people.models import Person
from tandem.people.selectors import representing
from tandem.plans.models import Plan

# Who has a home page of their own: the person, and a carer for the people they may represent.
HOME_ROLES = frozenset({Role.PERSON, Role.CARER})


def has_home(user: User) -> bool:
    return user.is_authenticated and user.role in HOME_ROLES


def home_people(user: User) -> QuerySet[Person]:
    """The people whose home page this user sees: a person their own record; a carer everyone
    who shares their plan with them and whom they may represent (CircleMember.can_represent)."""
    if not has_home(user):
        return Person.objects.none()
    people = access.visible_people(user)
    if user.role == Role.CARER:
        people = people.filter(pk__in=representing(user).values("person_id"))
    return people.order_by("family_name", "given_name", "id")


def home_person_get_for_user(*, user: User, pk: int | str, purpose: str) -> Person:
    """The person whose home page this is, audited as a view of their record: 404 for anyone the
    user has no relationship with, 403 for someone they see but may not represent."""
    if not home_people(user).filter(pk=pk).exists():
        access.get_person_for_user(user, pk)  # 404 without a relationship
        raise PermissionDenied
    return person_get_for_user(user=user, pk=pk, purpose=purpose)


@dataclass(frozen=True)
class HomePlans:
    in_force: Plan | None  # agreed
    waiting: Plan | None  # sent for agreement
    draft: Plan | None  # being written


def home_plans(person: Person) -> HomePlans:
    """The person's plan in force, and any version waiting for agreement or being written: one
    query (a person has at most one of each)."""
    current = {Plan.Status.AGREED, Plan.Status.READY, Plan.Status.DRAFT}
    plans: dict[str, Plan] = {}
    for plan in person.plans.filter(status__in=current).order_by("-version_number"):
        plans.setdefault(plan.status, plan)
    return HomePlans(
        in_force=plans.get(Plan.Status.AGREED),
        waiting=plans.get(Plan.Status.READY),
        draft=plans.get(Plan.Status.DRAFT),
    )

"""What an administrator reads: their own organisation's users and teams, nothing more.

Each list is one query for the rows (and one for every user's teams, prefetched), however
many there are; a user or team of another organisation is not found (404), never forbidden,
so ids reveal nothing."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tandem.accounts.models import Team, User

PER_PAGE = 25
SEARCH_MAX_LENGTH = 100


def _organisation_id(actor: User) -> int:
    # The views let in administrators of an organisation only; anyone else sees nothing.
    return actor.organisation_id if actor.organisation_id is not None else -1


def users_for_administrator(actor: User, *, q: str = "") -> QuerySet[User]:
    users = (
        User.objects.filter(organisation_id=_organisation_id(actor))
        .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))
        .order_by("last_name", "first_name", "username")
    )
    for word in q.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
        )
    return users


def user_for_administrator(actor: User, pk: int | str) -> User:
    try:
        return users_for_administrator(actor).select_related("organisation").get(pk=int(str(pk)))
    except (User.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


def teams_for_administrator(actor: User) -> QuerySet[Team]:
    return (
        Team.objects.filter(organisation_id=_organisation_id(actor))
        .annotate(member_count=Count("members", filter=Q(members__is_active=True), distinct=True))
        .order_by("name")
    )


def team_for_administrator(actor: User, pk: int | str) -> Team:
    try:
        return Team.objects.select_related("organisation").get(
            pk=int(str(pk)), organisation_id=_organisation_id(actor)
        )
    except (Team.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None

"""Reads for copies, each limited to what the user may see: staff see the copies of the people
they may see; anyone else only the copies sent to them, of a person they may still see."""

from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.access import relationship_filter
from tandem.accounts.models import User
from tandem.copies.models import Copy
from tandem.people.models import Person
from tandem.plans.models import PlanIssue
from tandem.reviews.models import Review


def _listed(queryset: QuerySet[Copy]) -> QuerySet[Copy]:
    return queryset.select_related("issue", "review", "plan")


def copies_of_visible_people(user: User) -> QuerySet[Copy]:
    """Copies of the people this user may see (whether or not they may open them)."""
    return Copy.objects.filter(relationship_filter(user, "person__")).select_related(
        "person", "plan", "issue", "review"
    )


def copies_for_user(user: User) -> QuerySet[Copy]:
    """Every copy this user may open: staff, those of the people they may see; anyone else,
    those sent to them. 404 for the rest."""
    mine = Copy.objects.filter(relationship_filter(user, "person__"))
    return mine if user.is_worker else mine.filter(recipient_user=user)


def get_copy_for_user(user: User, pk: int | str) -> Copy:
    try:
        return copies_for_user(user).select_related("person", "plan", "sent_by").get(pk=pk)
    except (Copy.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def person_copies(user: User, person: Person) -> QuerySet[Copy]:
    """The person's copies this user may open, newest first (a fixed number of queries)."""
    return _listed(copies_for_user(user).filter(person=person))


def copies_of(of: PlanIssue | Review) -> QuerySet[Copy]:
    """Every copy made of an issued plan or a review record, for the progress page."""
    field = "issue" if isinstance(of, PlanIssue) else "review"
    return Copy.objects.filter(**{field: of}).order_by("recipient_name", "recipient_key", "form")


def to_post(user: User) -> QuerySet[Copy]:
    """Copies waiting to be posted, of the people this member of staff may see, oldest first."""
    return _listed(
        copies_for_user(user).filter(status=Copy.Status.TO_POST).select_related("person")
    ).order_by("made_at", "pk")


def enclosed_with(copy: Copy) -> list[Copy]:
    """Everything going in the same envelope: this recipient's copies of the same thing that
    are waiting to be posted."""
    field = "issue_id" if copy.issue_id else "review_id"
    return list(
        Copy.objects.filter(
            **{field: getattr(copy, field)},
            recipient_key=copy.recipient_key,
            route=copy.route,
        ).order_by("form")
    )

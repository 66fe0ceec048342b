"""One way in to a person's record: fetch, authorise and audit, without a request.

Every people page, and later the API and background tasks, reaches a person through
`person_get_for_user`: 404 without a relationship (so ids reveal nothing), 403 when the role may
not do this, and an audit row for every read, whatever the HTTP method that made it (a refused
form shows the record again, so it is a read too).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tandem.accounts.access import get_person_for_user
from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.people.models import Person


def person_get_for_user(
    *,
    user: User,
    pk: int | str,
    purpose: str,
    allowed: Callable[[User], bool] | None = None,
    editing: bool = False,
    action: AuditAction | None = None,
    summary: str = "",
) -> Person:
    """The person, if this user may see them and do this; `editing` for pages that show the
    whole record to change it. A page showing one part of the record (e.g. the budget) names
    its own audit `action`, with a `summary` containing %(name)s."""
    person = get_person_for_user(user, pk)
    if allowed is not None and not allowed(user):
        raise PermissionDenied
    if action is not None:
        summary = summary or _("Viewed the record of %(name)s")
    elif editing:
        action = AuditAction.PERSON_EDIT_VIEW
        summary = _("Opened the details of %(name)s to change them")
    else:
        action = AuditAction.PERSON_VIEW
        summary = _("Viewed the record of %(name)s")
    audit_record(
        actor=user,
        action=action,
        summary=summary % {"name": person.full_name},
        person=person,
        detail={"page": purpose},
    )
    return person

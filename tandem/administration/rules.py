"""Who may change whom: the rules of administration, in one place, as plain functions.

An organisation's administrator manages its users, teams and details, and nothing else: no
person's record, plan or safeguarding concern (tandem.accounts.access gives them no
relationship with anyone). Operators (superusers) use Django's admin, which calls the same
services and so keeps the same rules. None of these functions reads the database.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User

# What an administrator may set on a user. Nothing else can reach the services: not
# is_superuser, is_staff, groups or permissions, and never the organisation.
USER_FIELDS = ("first_name", "last_name", "email", "job_title", "role", "teams")
# What would let someone grant themselves access, or lock others out by accident.
SELF_PROTECTED = ("role", "teams", "is_active")
ORGANISATION_FIELDS = ("name", "adult_outcome_framework")


def is_operator(user: Any) -> bool:
    """Someone who runs the service (a superuser): Django's admin, never case records."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def may_administer(user: Any) -> bool:
    """An organisation's administrator, for their own organisation only."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def may_manage_organisation(actor: Any, organisation_id: int | None) -> bool:
    """An administrator manages only their own organisation; an operator any of them."""
    if is_operator(actor):
        return organisation_id is not None
    return may_administer(actor) and actor.organisation_id == organisation_id


def may_change_user(actor: Any, target: User) -> bool:
    """An administrator changes users of their own organisation, but not an operator's sign-in
    (that is for operators), so an administrator can never take one over."""
    if target.is_superuser and not is_operator(actor):
        return False
    return may_manage_organisation(actor, target.organisation_id)


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field-level history for the audit trail: {field: [old, new]} for what differs."""
    return {name: [before[name], after[name]] for name in after if before.get(name) != after[name]}


def self_change_refusal(*, actor_pk: int, target_pk: int, changed: Iterable[str]) -> str | None:
    """No one changes their own role, teams or whether they may sign in: that is how someone
    would grant themselves access (make themselves a team manager to read safeguarding
    concerns), so another administrator must do it, and the audit trail shows who."""
    if actor_pk != target_pk:
        return None
    if set(changed) & set(SELF_PROTECTED):
        return _(
            "You cannot change your own role, teams or sign-in: ask another administrator to do it"
        )
    return None


def unknown_fields(data: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    """Fields a caller tried to set that administration never sets (is_superuser, is_staff,
    organisation …): the services refuse them rather than ignore them."""
    return sorted(set(data) - set(allowed))


def teams_outside(organisation_id: int, team_organisation_ids: Iterable[int]) -> bool:
    """A user belongs only to teams of their own organisation."""
    return any(team_org != organisation_id for team_org in team_organisation_ids)

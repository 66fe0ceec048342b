"""Every change an administrator (or an operator in Django's admin) makes: one function each,
checking the rules (rules.py), saving, and auditing in one transaction.

A refusal raises `Refused` (shown as it is); a save over someone else's newer change raises
`EditConflict` with what is saved now; bad input raises `ValidationError` by field.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import Organisation, Team, User
from tandem.administration import rules
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused


def _refuse_unknown(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = rules.unknown_fields(data, allowed)
    if unknown:
        raise Refused(_("These cannot be set here: %(fields)s") % {"fields": ", ".join(unknown)})


def _check_teams(organisation_id: int, teams: list[Team]) -> None:
    if rules.teams_outside(organisation_id, (team.organisation_id for team in teams)):
        raise ValidationError({"teams": _("Select teams of this organisation only")})


def duplicate_username() -> ValidationError:
    return ValidationError(
        {"username": _("Someone already has this username: choose a different one")}
    )


def user_details(user: User) -> dict[str, Any]:
    """What the audit trail compares: team names (sorted), not ids, so it reads on its own."""
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "teams": sorted(team.name for team in user.teams.all()),
    }


def user_create(
    *, organisation: Organisation, actor: User, username: str, data: dict[str, Any]
) -> User:
    """Add a user to the organisation. They have no password until they set one, so the
    administrator who adds them never knows it."""
    if not rules.may_manage_organisation(actor, organisation.pk):
        raise PermissionDenied
    _refuse_unknown(data, rules.USER_FIELDS)
    teams = list(data.get("teams", []))
    _check_teams(organisation.pk, teams)
    values = {name: value for name, value in data.items() if name != "teams"}
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise duplicate_username()
        user = User(organisation=organisation, username=username, **values)
        user.set_unusable_password()
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise duplicate_username() from None
        user.teams.set(teams)
        audit_record(
            actor=actor,
            action=AuditAction.USER_CREATE,
            summary=_("Added %(name)s as a user") % {"name": user.display_name},
            organisation=organisation,
            detail={"user": user.pk, "username": user.username, **user_details(user)},
        )
    return user


def user_update(*, user: User, actor: User, data: dict[str, Any], revision: int) -> User:
    """Change a user's details, role or teams; the audit keeps each field's old and new value."""
    if not rules.may_change_user(actor, user):
        raise PermissionDenied
    _refuse_unknown(data, rules.USER_FIELDS)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.revision != revision:
            raise EditConflict(_conflict(), current=current)
        before = user_details(current)
        teams = list(data["teams"]) if "teams" in data else None
        after = {**before, **{k: v for k, v in data.items() if k != "teams"}}
        if teams is not None:
            _check_teams(current.organisation_id or -1, teams)
            after["teams"] = sorted(team.name for team in teams)
        changes = rules.field_changes(before, after)
        refusal = rules.self_change_refusal(
            actor_pk=actor.pk, target_pk=current.pk, changed=changes
        )
        if refusal:
            raise Refused(refusal)
        if not changes:
            return current
        for name, value in data.items():
            if name != "teams":
                setattr(current, name, value)
        current.full_clean()
        current.revision += 1
        current.save()
        if teams is not None and "teams" in changes:
            current.teams.set(teams)
        audit_record(
            actor=actor,
            action=AuditAction.USER_UPDATE,
            summary=_("Changed the details of %(name)s") % {"name": current.display_name},
            organisation=current.organisation,
            detail={"user": current.pk, "changes": changes},
        )
    return current


def user_set_active(*, user: User, actor: User, active: bool, revision: int) -> User:
    """Stop someone signing in, or let them again: never delete, so their work and the audit
    trail still say who did what. A stopped user is signed out at their next click (Django
    refuses an inactive user's session)."""
    if not rules.may_change_user(actor, user):
        raise PermissionDenied
    refusal = rules.self_change_refusal(actor_pk=actor.pk, target_pk=user.pk, changed=["is_active"])
    if refusal:
        raise Refused(refusal)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.revision != revision:
            raise EditConflict(_conflict(), current=current)
        if current.is_active == active:
            return current
        current.is_active = active
        current.revision += 1
        current.save(update_fields=["is_active", "revision"])
        if active:
            action, summary = AuditAction.USER_REACTIVATE, _("Let %(name)s sign in again")
        else:
            action, summary = AuditAction.USER_DEACTIVATE, _("Stopped %(name)s signing in")
        audit_record(
            actor=actor,
            action=action,
            summary=summary % {"name": current.display_name},
            organisation=current.organisation,
            detail={"user": current.pk, "changes": {"is_active": [not active, active]}},
        )
    return current


def user_password_set_by_operator(*, user: User, actor: User) -> None:
    """An operator set (or turned off) someone's password in Django's admin: administrators never
    can, so a new user's first password comes from an operator or, later, from the user. Never
    the password or its hash in the trail."""
    if not rules.is_operator(actor):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action=AuditAction.USER_UPDATE,
        summary=_("Set the password of %(name)s") % {"name": user.display_name},
        organisation=user.organisation,
        detail={
            "user": user.pk,
            "password": "set" if user.has_usable_password() else "turned off",
        },
    )


def users_record_view(*, actor: User, query: str, page: int) -> None:
    """Who read the list of users (their names, usernames and teams), and what they searched."""
    audit_record(
        actor=actor,
        action=AuditAction.USERS_VIEW,
        summary=_("Viewed the list of users"),
        detail={"query": query, "page": page},
    )


def user_record_view(*, actor: User, user: User, page: str) -> None:
    """Who read a user's details (their e-mail address among them)."""
    audit_record(
        actor=actor,
        action=AuditAction.USER_VIEW,
        summary=_("Viewed the details of %(name)s") % {"name": user.display_name},
        organisation=user.organisation,
        detail={"user": user.pk, "page": page},
    )


def _conflict() -> str:
    return _(
        "Someone else changed this user while you were editing. What is saved now is shown "
        "below: check it, then save again to keep your changes."
    )


def _duplicate_team() -> ValidationError:
    return ValidationError({"name": _("There is already a team with this name")})


def _check_team_name(organisation_id: int, name: str, *, exclude: int | None = None) -> None:
    same = Team.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise _duplicate_team()


def team_create(*, organisation: Organisation, actor: User, name: str) -> Team:
    if not rules.may_manage_organisation(actor, organisation.pk):
        raise PermissionDenied
    with transaction.atomic():
        _check_team_name(organisation.pk, name)
        team = Team(organisation=organisation, name=name)
        team.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                team.save()
        except IntegrityError:
            raise _duplicate_team() from None
        audit_record(
            actor=actor,
            action=AuditAction.TEAM_CREATE,
            summary=_("Added the team %(name)s") % {"name": name},
            organisation=organisation,
            detail={"team": team.pk, "name": name},
        )
    return team


def team_update(*, team: Team, actor: User, name: str, revision: int) -> Team:
    """Rename a team (its people and members stay with it)."""
    if not rules.may_manage_organisation(actor, team.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        current = Team.objects.select_for_update().get(pk=team.pk)
        if current.revision != revision:
            raise EditConflict(
                _(
                    "Someone else renamed this team while you were editing. Its name now is "
                    "shown below: check it, then save again to keep yours."
                ),
                current=current,
            )
        if current.name == name:
            return current
        _check_team_name(current.organisation_id, name, exclude=current.pk)
        old = current.name
        current.name = name
        current.revision += 1
        current.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                current.save(update_fields=["name", "revision"])
        except IntegrityError:
            raise _duplicate_team() from None
        audit_record(
            actor=actor,
            action=AuditAction.TEAM_UPDATE,
            summary=_("Renamed the team %(old)s to %(new)s") % {"old": old, "new": name},
            organisation=current.organisation,
            detail={"team": current.pk, "changes": {"name": [old, name]}},
        )
    return current


def organisation_update(
    *, organisation: Organisation, actor: User, data: dict[str, Any], revision: int
) -> Organisation:
    """The organisation's name and the outcome framework its adults' outcomes are tagged with.
    Never which organisation anyone belongs to: that is fixed when they are added."""
    if not rules.may_manage_organisation(actor, organisation.pk):
        raise PermissionDenied
    _refuse_unknown(data, rules.ORGANISATION_FIELDS)
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if current.details_revision != revision:
            raise EditConflict(
                _(
                    "Someone else changed the organisation’s details while you were editing. "
                    "What is saved now is shown below: check it, then save again to keep yours."
                ),
                current=current,
            )
        before = {name: getattr(current, name) for name in rules.ORGANISATION_FIELDS}
        changes = rules.field_changes(before, {**before, **data})
        if not changes:
            return current
        for name, value in data.items():
            setattr(current, name, value)
        current.details_revision += 1
        current.full_clean()
        current.save(update_fields=[*data, "details_revision"])
        audit_record(
            actor=actor,
            action=AuditAction.ORGANISATION_UPDATE,
            summary=_("Changed the organisation’s details"),
            organisation=current,
            detail={"changes": changes},
        )
    return current

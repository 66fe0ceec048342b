"""Service accounts and their API tokens: made, shown once, used and revoked (docs/api.md).

Each change validates, saves and writes its audit event in one transaction.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts.models import STAFF_ROLES, Organisation, Team, User
from tandem.administration import rules as administration_rules
from tandem.administration.services import user_details
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import Refused
from tandem.interop.models import ApiToken, ServiceAccount

# Every token starts with this, so a token pasted where it should not be is easy to spot (and
# secret scanners can look for it).
TOKEN_PREFIX = "tdm_"
# How often the last-used time is written: not on every request of a busy system.
LAST_USED_EVERY_SECONDS = 60


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _username_for(name: str) -> str:
    base = f"system-{slugify(name)[:40] or 'account'}"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def service_account_create(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    role: str,
    teams: list[Team],
    contact_email: str = "",
) -> ServiceAccount:
    """A system's own user in the organisation: a staff role and teams, so the API applies the
    same access rules to it as to a member of staff; no usable password, so it never signs in
    on the pages. One audit event, with the user's details as for any user added.
    `contact_email`: whom to ask about the system, if known."""
    if not administration_rules.may_manage_organisation(actor, organisation.pk):
        raise PermissionDenied
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Select one of the staff roles listed")})
    if administration_rules.teams_outside(organisation.pk, (t.organisation_id for t in teams)):
        raise ValidationError({"teams": _("Select teams of this organisation only")})
    with transaction.atomic():
        user = User(
            organisation=organisation,
            username=_username_for(name),
            first_name=name[:150],
            email=contact_email,
            role=role,
            job_title=_("Service account"),
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        user.teams.set(teams)
        account = ServiceAccount.objects.create(
            organisation=organisation, user=user, name=name, created_by=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.SERVICE_ACCOUNT_CREATE,
            summary=_("Added the service account %(name)s") % {"name": name},
            organisation=organisation,
            detail={
                "service_account": account.pk,
                "user": user.pk,
                "username": user.username,
                **user_details(user),
            },
        )
    return account


@dataclass(frozen=True)
class NewToken:
    """A token just made: `key` is shown to the administrator once and never again."""

    token: ApiToken
    key: str


def api_token_create(
    *, account: ServiceAccount, actor: User, name: str, key: str | None = None
) -> NewToken:
    """Make a token for the account; `key` only for the demo's fixed token."""
    if not administration_rules.may_manage_organisation(actor, account.organisation_id):
        raise PermissionDenied
    key = key or TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            organisation_id=account.organisation_id,
            service_account=account,
            name=name,
            key_hash=token_hash(key),
            prefix=key[:10],
            created_by=actor,
        )
        token.full_clean()
        token.save()
        audit_record(
            actor=actor,
            action=AuditAction.API_TOKEN_CREATE,
            summary=_("Made the API token “%(token)s” for %(name)s")
            % {"token": name, "name": account.name},
            organisation=account.organisation,
            detail={"service_account": account.pk, "token": token.pk, "prefix": token.prefix},
        )
    return NewToken(token=token, key=key)


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token: the next request with it is refused (401)."""
    if not administration_rules.may_manage_organisation(actor, token.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is not None:
            raise Refused(_("This token has already been revoked."))
        current.revoked_at = timezone.now()
        current.revoked_by = actor
        current.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=actor,
            action=AuditAction.API_TOKEN_REVOKE,
            summary=_("Revoked the API token “%(token)s” of %(name)s")
            % {"token": current.name, "name": current.service_account.name},
            organisation=current.service_account.organisation,
            detail={"service_account": current.service_account_id, "token": current.pk},
        )
    return current


def api_token_authenticate(key: str) -> ApiToken | None:
    """The token in force for this key, with its account's user; None for an unknown or revoked
    token, a user who may no longer sign in, or a user who has left the account's organisation
    (a token never reaches past the organisation it was made in). Records when it was used."""
    token = (
        ApiToken.objects.select_related("service_account__user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    user = token.service_account.user
    if not user.is_active or user.organisation_id != token.organisation_id:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= (
        LAST_USED_EVERY_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

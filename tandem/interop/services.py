"""Service accounts and their API tokens: made, shown once, used and revoked (docs/api.md).

Each change validates, saves and writes its audit event in one transaction.
"""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
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


# Two accounts of the same name added at the same instant can both find a username free; the
# one saved second tries the next.
USERNAME_ATTEMPTS = 3


def service_account_create(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    role: str,
    teams: list[Team],
    contact_email: str = "",
    submission_key: UUID | None = None,
) -> ServiceAccount:
    """A system's own user in the organisation: a staff role and teams, so the API applies the
    same access rules to it as to a member of staff; no usable password, so it never signs in
    on the pages. One audit event, with the user's details as for any user added.
    `contact_email`: whom to ask about the system, if known. The same form sent twice
    (`submission_key`) gives the first account back rather than a second one."""
    if not administration_rules.may_manage_organisation(actor, organisation.pk):
        raise PermissionDenied
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Select one of the staff roles listed")})
    if administration_rules.teams_outside(organisation.pk, (t.organisation_id for t in teams)):
        raise ValidationError({"teams": _("Select teams of this organisation only")})
    earlier = _added_by_this_form(actor, submission_key)
    if earlier is not None:
        return earlier
    for attempt in range(1, USERNAME_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return _service_account_save(
                    organisation, actor, name, role, teams, contact_email, submission_key
                )
        except IntegrityError:
            # The same form sent at the same moment (the other request added it), or another
            # account of the same name took the username first (try the next).
            earlier = _added_by_this_form(actor, submission_key)
            if earlier is not None:
                return earlier
            if attempt == USERNAME_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _added_by_this_form(actor: User, submission_key: UUID | None) -> ServiceAccount | None:
    if submission_key is None:
        return None
    return ServiceAccount.objects.filter(created_by=actor, submission_key=submission_key).first()


def _service_account_save(
    organisation: Organisation,
    actor: User,
    name: str,
    role: str,
    teams: list[Team],
    contact_email: str,
    submission_key: UUID | None,
) -> ServiceAccount:
    user = User(
        organisation=organisation,
        username=_username_for(name),
        first_name=name[:150],
        email=contact_email,
        role=role,
        job_title=_("Service account"),
    )
    user.set_unusable_password()
    # The username's uniqueness is the database's to check: a clash is retried by the caller.
    user.full_clean(validate_unique=False)
    user.save()
    user.teams.set(teams)
    account = ServiceAccount.objects.create(
        organisation=organisation,
        user=user,
        name=name,
        created_by=actor,
        submission_key=submission_key,
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


def _key_for_form(submission_key: UUID) -> str:
    """The token made by this form, whenever it is sent: a keyed hash of the form's one-time key
    (with the site's secret key), so a second click shows the same token rather than making
    another one the administrator never sees. The database keeps neither the form's key nor the
    token, so a copy of it still gives no one a way in."""
    digest = salted_hmac("tandem.interop.api_token", str(submission_key), algorithm="sha256")
    return TOKEN_PREFIX + base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def api_token_create(
    *,
    account: ServiceAccount,
    actor: User,
    name: str,
    key: str | None = None,
    submission_key: UUID | None = None,
) -> NewToken:
    """Make a token for the account; `key` only for the demo's fixed token. The same form sent
    twice (`submission_key`) makes one token and shows it both times; sent again once the token
    is revoked, it is refused."""
    if not administration_rules.may_manage_organisation(actor, account.organisation_id):
        raise PermissionDenied
    if key is None and submission_key is not None:
        key = _key_for_form(submission_key)
    key = key or TOKEN_PREFIX + secrets.token_urlsafe(32)
    earlier = _token_made_by(account, key)
    if earlier is not None:
        return earlier
    try:
        return _api_token_save(account, actor, name, key)
    except IntegrityError:
        # The same form sent at the same moment: the other request made it.
        earlier = _token_made_by(account, key)
        if earlier is None:
            raise
        return earlier


def _token_made_by(account: ServiceAccount, key: str) -> NewToken | None:
    token = ApiToken.objects.filter(key_hash=token_hash(key)).first()
    if token is None:
        return None
    if token.service_account_id != account.pk or token.revoked_at is not None:
        raise Refused(
            _("This form has been used already. Open the page again to make another token.")
        )
    return NewToken(token=token, key=key)


def _api_token_save(account: ServiceAccount, actor: User, name: str, key: str) -> NewToken:
    with transaction.atomic():
        token = ApiToken(
            organisation_id=account.organisation_id,
            service_account=account,
            name=name,
            key_hash=token_hash(key),
            prefix=key[:10],
            created_by=actor,
        )
        # The hash's uniqueness is the database's to check: the caller handles a clash.
        token.full_clean(validate_unique=False)
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

"""The audited steps of signing in: each writes its audit event, and nothing else writes them.

Operators (superusers without an organisation) belong to no organisation's audit log: their
sign-in events are not recorded there (a failed sign-in, which may be anyone's, always is).
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.models import Organisation, Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict

RECOVERY_CODE_COUNT = 10
SETTINGS_NAMES = ("idle_timeout_minutes", "session_limit_hours")


def _audit(*, user: User, action: AuditAction, summary: str, detail: dict | None = None) -> None:
    if user.organisation_id is not None:
        audit_record(actor=user, action=action, summary=summary, detail=detail)


def sign_in_record(*, user: User, second_factor: str = "") -> None:
    """A sign-in completed: the password, and for staff the second factor too."""
    _audit(
        user=user,
        action=AuditAction.SIGN_IN,
        summary=_("Signed in"),
        detail={"second_factor": second_factor} if second_factor else None,
    )


def sign_in_failed_record(*, username: str, locked_out: bool) -> None:
    """A refused sign-in: a wrong password, or any attempt while locked out. For a username no one
    has, the event has no actor and names the username tried."""
    user = User.objects.filter(username=username).select_related("organisation").first()
    if user is None:
        audit_record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            summary=_("A sign-in failed for an unknown username"),
            detail={"username": username[:150], "locked_out": locked_out},
        )
    elif locked_out and user.organisation_id is not None:
        audit_record(
            actor=user,
            action=AuditAction.LOCKED_OUT,
            summary=_("A sign-in was refused: too many failed sign-ins"),
        )
    else:
        audit_record(actor=user, action=AuditAction.SIGN_IN_FAILED, summary=_("A sign-in failed"))


def sign_out_record(*, user: User, ending: str = "") -> None:
    """Signed out by the user, or (``ending`` says why) by the session's limits."""
    if ending:
        _audit(
            user=user,
            action=AuditAction.SESSION_EXPIRED,
            summary=_("Signed out: the session ran out"),
            detail={"ending": ending},
        )
    else:
        _audit(user=user, action=AuditAction.SIGN_OUT, summary=_("Signed out"))


def second_factor_failed_record(*, user: User) -> None:
    _audit(
        user=user,
        action=AuditAction.SECOND_FACTOR_FAILED,
        summary=_("A second-factor code was wrong"),
    )


def recovery_code_used_record(*, user: User, left: int) -> None:
    _audit(
        user=user,
        action=AuditAction.RECOVERY_CODE_USED,
        summary=_("Signed in with a recovery code"),
        detail={"codes_left": left},
    )


def authenticator_for_enrolment(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same key on every visit until it is confirmed, so a
    reload does not invalidate what the user has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def second_factor_enrol(*, user: User, device: TOTPDevice) -> list[str]:
    """Confirm the authenticator (its code was right) and make the first recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _audit(
            user=user,
            action=AuditAction.SECOND_FACTOR_ENROL,
            summary=_("Set up an authenticator app for signing in"),
        )
        return recovery_codes_make(user=user)


def recovery_codes_make(*, user: User) -> list[str]:
    """Ten new one-use recovery codes; any earlier codes stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        _audit(
            user=user,
            action=AuditAction.RECOVERY_CODES,
            summary=_("Made new recovery codes"),
            detail={"count": len(codes)},
        )
    return codes


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Unlocking ------------------------------------------------------------------------------------


def may_unlock(user: User) -> bool:
    """Team managers unlock their teams' members; administrators anyone in their organisation."""
    return bool(
        user.is_authenticated
        and user.organisation_id is not None
        and user.role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR)
    )


def locked_out_users(*, actor: User, now: datetime.datetime | None = None) -> QuerySet[User]:
    """The users whose accounts are locked out now, of those ``actor`` may unlock."""
    from axes.models import AccessAttempt

    now = now or timezone.now()
    locked_names = (
        AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values("username")
    )
    return (
        unlockable_users(actor=actor)
        .filter(username__in=locked_names)
        .order_by("last_name", "first_name", "username")
    )


def unlockable_users(*, actor: User) -> QuerySet[User]:
    if not may_unlock(actor):
        return User.objects.none()
    organisation_id = actor.organisation_id
    assert organisation_id is not None  # may_unlock
    users = User.objects.filter(organisation_id=organisation_id)
    if actor.role == Role.TEAM_MANAGER:
        users = users.filter(teams__in=actor.teams.all()).distinct()
    return users


def account_unlock(*, actor: User, user: User) -> None:
    """Forget the failed sign-ins of ``user``'s account (and so the addresses' counts for them)."""
    from axes.models import AccessAttempt

    with transaction.atomic():
        AccessAttempt.objects.filter(username=user.username).delete()
        audit_record(
            actor=actor,
            action=AuditAction.UNLOCK,
            summary=_("Unlocked the sign-in of %(name)s") % {"name": user.display_name},
            detail={"user_id": user.pk, "username": user.username},
        )


def may_reset_second_factor(actor: User) -> bool:
    """Only an administrator: whoever resets lets the next person with the password set up
    their own authenticator, so it is kept to the fewest hands."""
    return may_set_sign_in(actor)


def has_authenticator(user: User) -> bool:
    """Whether the user has set up an authenticator app (a confirmed one)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_reset(*, actor: User, user: User) -> None:
    """A lost phone: forget the user's authenticator and recovery codes, so that their next
    sign-in sets up a new one (administration:user_second_factor)."""
    if not may_reset_second_factor(actor) or user.organisation_id != actor.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=actor,
            action=AuditAction.SECOND_FACTOR_RESET,
            summary=_("Reset the second factor of %(name)s") % {"name": user.display_name},
            detail={"user_id": user.pk, "username": user.username},
        )


# The organisation's sign-in settings ---------------------------------------------------------


def may_set_sign_in(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def sign_in_settings_update(
    *, organisation: Organisation, data: dict[str, Any], revision: int, actor: User
) -> Organisation:
    """Save the idle timeout and absolute limit; they apply from each user's next sign-in.

    Refused with EditConflict when another administrator saved since this form was loaded."""
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if locked.sign_in_revision != revision:
            raise EditConflict(
                _(
                    "Someone else changed the sign-in settings while you were editing them. "
                    "What is saved now is shown below: check it, then save again to keep your "
                    "numbers."
                ),
                current=locked,
            )
        before = {name: getattr(locked, name) for name in SETTINGS_NAMES}
        for name in SETTINGS_NAMES:
            setattr(locked, name, data[name])
        locked.sign_in_revision += 1
        locked.save(update_fields=[*SETTINGS_NAMES, "sign_in_revision"])
        audit_record(
            actor=actor,
            action=AuditAction.SIGN_IN_SETTINGS,
            summary=_("Changed the sign-in settings"),
            detail={
                "changed": {
                    name: [before[name], data[name]]
                    for name in SETTINGS_NAMES
                    if before[name] != data[name]
                }
            },
        )
    return locked

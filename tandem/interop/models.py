"""Systems that use the API: service accounts and their tokens (docs/api.md).

A service account is a user of one organisation with a role and teams like any member of staff,
so the API applies the same access rules to it as to a person; it cannot sign in interactively
(its password is unusable). Its tokens are shown once, when made, and only their SHA-256 hash is
kept, so a copy of the database gives no one a way in.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation


class ServiceAccount(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_account"
    )
    name = models.CharField(_("name of the system"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time key, so the same form sent twice (a double click) adds one account.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "submission_key"],
                name="interop_service_account_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    service_account = models.ForeignKey(
        ServiceAccount, on_delete=models.PROTECT, related_name="tokens"
    )
    name = models.CharField(_("name of the token"), max_length=100)
    # sha256 of the whole token, hex; the token itself is never stored.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, so an administrator can tell which token a system holds.
    prefix = models.CharField(max_length=16, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

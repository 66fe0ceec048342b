"""Django's admin, for operators (superusers) only: organisations, teams and users, and nothing
with case content (people, plans, reviews, budgets and the audit trail are never registered).

It keeps the rules of Tandem's own administration pages by calling the same services
(tandem/administration/services.py), so every change is audited with its old and new values,
no one changes their own role, teams or sign-in, a user's organisation is set once when they
are added, and no one is made a superuser or Django staff here (only `manage.py
createsuperuser` does that). Nothing is deleted: users are stopped from signing in instead.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation, Team, User
from tandem.administration import rules, services
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record

STALE = _(
    "Someone else changed this while you were editing it. Open it again to see what is saved "
    "now, then make your change again."
)


class OperatorsOnly:
    """Every model here is for operators; nothing may be deleted (the audit trail names it)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_operator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_operator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return rules.is_operator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_operator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _check_revision(form: forms.ModelForm, saved: int) -> None:
    posted = form.cleaned_data.get("revision")
    if form.instance.pk and posted is not None and posted != saved:
        raise ValidationError(STALE)


class OrganisationForm(forms.ModelForm):
    revision = _revision_field()

    class Meta:
        model = Organisation
        fields = ["name", "adult_outcome_framework"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.details_revision

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_revision(self, self.instance.details_revision)
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(OperatorsOnly, admin.ModelAdmin):
    """Operators set up an organisation; its administrator then keeps its details and settings
    in Tandem's own pages (review timescales and the rest are not editable here)."""

    form = OrganisationForm
    list_display = ["name", "adult_outcome_framework"]
    search_fields = ["name"]
    fields = ["name", "adult_outcome_framework", "revision"]

    def save_model(self, request, obj, form, change):
        if not change:
            with transaction.atomic():
                obj.save()
                audit_record(
                    actor=request.user,
                    action=AuditAction.ORGANISATION_UPDATE,
                    summary=_("Set up the organisation"),
                    organisation=obj,
                    detail={"created": True, "name": obj.name},
                )
            return
        data = {name: form.cleaned_data[name] for name in rules.ORGANISATION_FIELDS}
        saved = Organisation.objects.get(pk=obj.pk)
        services.organisation_update(
            organisation=saved,
            actor=request.user,
            data=data,
            revision=form.cleaned_data.get("revision") or saved.details_revision,
        )


class TeamForm(forms.ModelForm):
    revision = _revision_field()

    class Meta:
        model = Team
        fields = ["organisation", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_revision(self, self.instance.revision)
        organisation = cleaned.get("organisation") or getattr(self.instance, "organisation", None)
        name = cleaned.get("name")
        if organisation is not None and name:
            same = Team.objects.filter(organisation=organisation, name__iexact=name)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("name", _("There is already a team with this name"))
        return cleaned


@admin.register(Team)
class TeamAdmin(OperatorsOnly, admin.ModelAdmin):
    form = TeamForm
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]

    def get_fields(self, request, obj=None):
        return ["organisation", "name", "revision"] if obj is None else ["name", "revision"]

    def get_readonly_fields(self, request, obj=None):
        # A team stays in the organisation it was made in, with its people.
        return [] if obj is None else ["organisation"]

    def save_model(self, request, obj, form, change):
        if change:
            saved = Team.objects.get(pk=obj.pk)
            team = services.team_update(
                team=saved,
                actor=request.user,
                name=form.cleaned_data["name"],
                revision=form.cleaned_data.get("revision") or saved.revision,
            )
        else:
            team = services.team_create(
                organisation=form.cleaned_data["organisation"],
                actor=request.user,
                name=form.cleaned_data["name"],
            )
        obj.pk, obj.revision = team.pk, team.revision
        obj._state.adding = False


def _user_checks(form: forms.ModelForm, actor: User | None) -> None:
    """The same rules as Tandem's pages, as form errors rather than a failed save."""
    cleaned = form.cleaned_data
    instance = form.instance
    organisation = cleaned.get("organisation") if not instance.pk else instance.organisation
    teams = cleaned.get("teams") or []
    if organisation is not None and rules.teams_outside(
        organisation.pk, (team.organisation_id for team in teams)
    ):
        form.add_error("teams", _("Select teams of the user’s own organisation only"))
    if instance.pk and actor is not None:
        before = services.user_details(instance) | {"is_active": instance.is_active}
        after = {
            **before,
            "role": cleaned.get("role", before["role"]),
            "teams": sorted(team.name for team in teams),
            "is_active": cleaned.get("is_active", before["is_active"]),
        }
        refusal = rules.self_change_refusal(
            actor_pk=actor.pk,
            target_pk=instance.pk,
            changed=rules.field_changes(before, after),
        )
        if refusal:
            form.add_error(None, refusal)


class OperatorUserChangeForm(UserChangeForm):
    revision = _revision_field()
    actor: User | None = None

    class Meta(UserChangeForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email", "job_title", "role", "teams"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        # Saved by the service with the rest: never dropped without a word.
        self.fields["is_active"] = forms.BooleanField(
            label=_("Can sign in"), required=False, initial=self.instance.is_active
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_revision(self, self.instance.revision)
        _user_checks(self, self.actor)
        return cleaned


class OperatorUserCreationForm(AdminUserCreationForm):
    actor: User | None = None

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["username", "organisation", "role", "teams"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _user_checks(self, self.actor)
        return cleaned


@admin.register(User)
class UserAdmin(OperatorsOnly, BaseUserAdmin):
    form = OperatorUserChangeForm
    add_form = OperatorUserCreationForm
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active", "is_superuser", "teams"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    filter_horizontal = ["teams"]
    readonly_fields = ["organisation", "is_superuser", "is_staff", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email", "job_title"]}),
        (_("Role in Tandem"), {"fields": ["organisation", "role", "teams", "revision"]}),
        (_("Sign-in"), {"fields": ["is_active", "is_superuser", "is_staff"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "usable_password", "password1", "password2"],
            },
        ),
        (_("Role in Tandem"), {"fields": ["organisation", "role", "teams"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request, obj, form, change):
        cleaned = form.cleaned_data
        if not change:
            data = {"role": cleaned["role"], "teams": list(cleaned.get("teams") or [])}
            with transaction.atomic():
                user = services.user_create(
                    organisation=cleaned["organisation"],
                    actor=request.user,
                    username=cleaned["username"],
                    data=data,
                )
                if obj.has_usable_password():
                    # Set by the operator in the form (already hashed); never audited.
                    user.password = obj.password
                    user.save(update_fields=["password"])
            obj.pk, obj.revision = user.pk, user.revision
            obj._state.adding = False
            return
        saved = User.objects.get(pk=obj.pk)
        data = {name: cleaned[name] for name in rules.USER_FIELDS if name in cleaned}
        data["teams"] = list(data.get("teams") or [])
        revision = cleaned.get("revision") or saved.revision
        with transaction.atomic():
            updated = services.user_update(
                user=saved, actor=request.user, data=data, revision=revision
            )
            if cleaned["is_active"] != updated.is_active:
                updated = services.user_set_active(
                    user=updated,
                    actor=request.user,
                    active=cleaned["is_active"],
                    revision=updated.revision,
                )
        obj.revision = updated.revision

    def user_change_password(self, request, id, form_url=""):
        """Django's own page, and an audit event when it saves (it redirects away on success)."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            saved = response.status_code == 302 and response["Location"] != request.get_full_path()
            if request.method == "POST" and saved:
                services.user_password_set_by_operator(
                    user=User.objects.get(pk=unquote(id)), actor=request.user
                )
        return response

    def save_related(self, request, form, formsets, change):
        # The teams were saved (and audited) by the service in save_model.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

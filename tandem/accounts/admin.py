"""Administrators set up organisations, teams and who signs in, with their role and teams.

That is all the admin holds: people, their circles and safeguarding referrals are personal data,
reached only through the access-checked, audited people pages (see tandem/people/admin.py).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation, Team, User


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ["name"]
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "adult_outcome_framework"]
    search_fields = ["name"]
    inlines = [TeamInline]
    fieldsets = [
        (None, {"fields": ["name", "adult_outcome_framework"]}),
        (
            _("Review timescales"),
            {
                "fields": [
                    "first_review_weeks",
                    "review_interval_months",
                    "direct_payment_review_months",
                    "consultation_weeks",
                    "review_copy_weeks",
                ]
            },
        ),
    ]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active", "is_staff", "teams"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email", "job_title"]}),
        (_("Role in Tandem"), {"fields": ["organisation", "role", "teams"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
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

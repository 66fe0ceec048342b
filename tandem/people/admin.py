"""People in the admin are read-only: changes go through the service pages, which check the
rules and write the audit trail (tandem/people/services.py)."""

from django.contrib import admin

from tandem.people.models import CircleMember, Person, SafeguardingReferral


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CircleMemberInline(admin.TabularInline):
    model = CircleMember
    fields = ["name", "kind", "relationship", "consent_to_share", "user"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["family_name", "given_name", "local_identifier", "organisation", "team"]
    list_filter = ["organisation", "team", "age_group", "capacity"]
    list_select_related = ["organisation", "team"]
    search_fields = ["family_name", "given_name", "preferred_name", "local_identifier"]
    inlines = [CircleMemberInline]


@admin.register(SafeguardingReferral)
class SafeguardingReferralAdmin(ReadOnlyAdmin):
    list_display = ["raised_at", "person", "immediate_risk", "raised_by", "organisation"]
    list_filter = ["organisation", "immediate_risk"]
    list_select_related = ["person", "raised_by", "organisation"]
    date_hierarchy = "raised_at"

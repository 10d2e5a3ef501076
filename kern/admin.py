"""Admin pieces shared by the apps."""

from django.contrib import admin


class AlleenLezenAdmin(admin.ModelAdmin):
    """Read-only in the admin: these objects change only through their services (or never,
    like the audit trail), so the admin must not offer a way around the rules."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

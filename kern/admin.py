"""Admin pieces shared by the apps."""

from django.contrib import admin


class AlleenLezen:
    """Read-only in the admin (a mixin for model admins and inlines): these objects change
    only through their services (or never, like the audit trail), so the admin must not
    offer a way around the rules."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezenAdmin(AlleenLezen, admin.ModelAdmin):
    pass

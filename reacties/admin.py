from django.contrib import admin

from .models import Reactie


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    """Read-only overview: responses are written by organisations in the application."""

    list_display = ["consultatie", "organisatie", "status", "eindoordeel", "ingediend_op"]
    list_filter = ["status", "eindoordeel"]
    list_select_related = ["consultatie", "organisatie"]
    search_fields = ["consultatie__kenmerk", "organisatie__afkorting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

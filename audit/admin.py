from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = [
        "tijdstip",
        "actie",
        "content_type",
        "object_id",
        "actor",
        "van_status",
        "naar_status",
    ]
    list_filter = ["actie", "content_type"]
    search_fields = ["toelichting", "actor__username"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(AlleenLezenAdmin):
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

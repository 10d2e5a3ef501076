from django.contrib import admin

from .models import Consultatie, Document, Vraag


class VraagInline(admin.TabularInline):
    model = Vraag
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["versie", "titel", "bestandsnaam", "sha256", "geupload_door", "geupload_op"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # through the upload in the application: content is checked there


@admin.register(Consultatie)
class ConsultatieAdmin(admin.ModelAdmin):
    """State changes only through the workflow (the FSM field is protected and read-only)."""

    list_display = ["kenmerk", "titel", "ministerie", "termijn", "status"]
    list_filter = ["status", "instrument", "ministerie"]
    search_fields = ["kenmerk", "titel"]
    list_select_related = ["ministerie"]
    readonly_fields = ["kenmerk", "status", "aangemaakt_door", "aangemaakt_op", "gewijzigd_op"]
    inlines = [VraagInline, DocumentInline]
    autocomplete_fields = ["vorige_consultatie"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.aangemaakt_door = request.user
        super().save_model(request, obj, form, change)

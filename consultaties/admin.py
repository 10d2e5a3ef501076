from django.contrib import admin
from django.db import models

from kern.admin import AlleenLezen

from . import services
from .models import Consultatie, Document, Status, Vraag


class VraagInline(AlleenLezen, admin.TabularInline):
    """Read-only: the questions change through the consultation's form in the
    application (consultatie_bijwerken), which fixes them once it is open and audits."""

    model = Vraag
    extra = 0
    fields = ["volgorde", "tekst"]
    readonly_fields = fields


class DocumentInline(AlleenLezen, admin.TabularInline):
    model = Document
    extra = 0
    fields = ["versie", "titel", "bestandsnaam", "sha256", "geupload_door", "geupload_op"]
    # Added only through the upload in the application (content is checked there); kept,
    # since the audit trail refers to them.
    readonly_fields = fields


@admin.register(Consultatie)
class ConsultatieAdmin(admin.ModelAdmin):
    """State changes only through the workflow (the FSM field is protected and read-only)."""

    list_display = ["kenmerk", "titel", "ministerie", "termijn", "status"]
    list_filter = ["status", "instrument", "ministerie"]
    search_fields = ["kenmerk", "titel"]
    list_select_related = ["ministerie"]
    readonly_fields = [
        "kenmerk",
        "status",
        "versie",
        "aangemaakt_door",
        "aangemaakt_op",
        "gewijzigd_op",
    ]
    inlines = [VraagInline, DocumentInline]
    autocomplete_fields = ["vorige_consultatie"]
    # Links typed without a scheme are https (Django 6's default, without the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw it in the application (intrekken): audited

    def get_readonly_fields(self, request, obj=None):
        velden = list(self.readonly_fields)
        if obj is not None and obj.status != Status.CONCEPT:
            velden.append("termijn")  # extended through 'termijn verlengen' in the application
        return velden

    def save_model(self, request, obj, form, change):
        """Through the services, so the admin writes the audit trail like the application."""
        if change:
            velden = {
                naam: form.cleaned_data[naam]
                for naam in form.changed_data
                if naam in services.BEWERKBARE_VELDEN
            }
            services.consultatie_bijwerken(consultatie=obj, actor=request.user, **velden)
            return
        velden = {
            naam: waarde
            for naam, waarde in form.cleaned_data.items()
            if naam in services.BEWERKBARE_VELDEN
        }
        nieuw = services.consultatie_aanmaken(actor=request.user, **velden)
        # The admin goes on with ``obj`` (inlines, log entry, redirect): make it the new row.
        obj.pk, obj.kenmerk, obj._state.adding = nieuw.pk, nieuw.kenmerk, False

from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from . import services
from .models import Ondertekenaar, Publicatie, Rapport, Verwerking


@admin.register(Rapport)
class RapportAdmin(AlleenLezenAdmin):
    """Read-only: versions change only through the services."""

    list_display = ["consultatie", "versie", "status", "generatie_status", "aangemaakt_op"]
    list_filter = ["status", "generatie_status"]
    search_fields = ["consultatie__kenmerk", "consultatie__titel"]
    exclude = ["snapshot"]


@admin.register(Verwerking)
class VerwerkingAdmin(AlleenLezenAdmin):
    list_display = ["rapport", "kernpunt", "uitkomst", "vastgelegd_door", "vastgelegd_op"]
    list_filter = ["uitkomst"]


@admin.register(Publicatie)
class PublicatieAdmin(AlleenLezenAdmin):
    """Read-only: the secretariat publishes and withdraws on the paper's page (audited)."""

    list_display = ["rapport", "openbaar_vanaf", "gewijzigd_op"]


@admin.register(Ondertekenaar)
class OndertekenaarAdmin(admin.ModelAdmin):
    """The secretariat keeps the chairs who sign the aanbiedingsbrief and the contact
    persons; a paper version freezes the active ones when it is made."""

    list_display = ["naam", "rol", "netwerk", "functie", "organisatie", "actief", "volgorde"]
    list_filter = ["rol", "netwerk", "actief"]
    list_editable = ["actief", "volgorde"]
    search_fields = ["naam", "organisatie"]

    def has_delete_permission(self, request, obj=None):
        return False  # make it inactive instead: papers that named it stay traceable

    def save_model(self, request, obj, form, change):
        services.ondertekenaar_opslaan(
            ondertekenaar=obj, actor=request.user, gewijzigd=form.changed_data
        )

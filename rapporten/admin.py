from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from .models import Rapport, Verwerking


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

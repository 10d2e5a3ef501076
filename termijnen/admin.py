from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from .models import Verlengingsverzoek


@admin.register(Verlengingsverzoek)
class VerlengingsverzoekAdmin(AlleenLezenAdmin):
    list_display = ["reactie", "status", "aangevraagd_door", "aangevraagd_op", "nieuwe_termijn"]
    list_filter = ["status"]

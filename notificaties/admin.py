from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from .models import AgendaToken, Email, Herinnering, Notificatie


@admin.register(Notificatie)
class NotificatieAdmin(AlleenLezenAdmin):
    list_display = ["onderwerp", "ontvanger", "soort", "aangemaakt_op", "gelezen_op", "gemaild_op"]
    list_filter = ["soort"]
    search_fields = ["onderwerp", "ontvanger__username"]


@admin.register(Email)
class EmailAdmin(AlleenLezenAdmin):
    list_display = ["aan", "onderwerp", "status", "pogingen", "volgende_poging_op", "verzonden_op"]
    list_filter = ["status"]
    search_fields = ["aan", "onderwerp"]


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezenAdmin):
    list_display = ["reactie", "soort", "termijn", "verstuurd_op", "geescaleerd"]
    list_filter = ["soort"]


@admin.register(AgendaToken)
class AgendaTokenAdmin(AlleenLezenAdmin):
    list_display = ["organisatie", "aangemaakt_op"]
    exclude = ["token"]

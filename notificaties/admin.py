from django.contrib import admin

from .models import AgendaToken, Email, Herinnering, Notificatie, Verlengingsverzoek


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notificatie)
class NotificatieAdmin(AlleenLezen):
    list_display = ["onderwerp", "ontvanger", "soort", "aangemaakt_op", "gelezen_op", "gemaild_op"]
    list_filter = ["soort"]
    search_fields = ["onderwerp", "ontvanger__username"]


@admin.register(Email)
class EmailAdmin(AlleenLezen):
    list_display = ["aan", "onderwerp", "status", "pogingen", "volgende_poging_op", "verzonden_op"]
    list_filter = ["status"]
    search_fields = ["aan", "onderwerp"]


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezen):
    list_display = ["reactie", "soort", "termijn", "verstuurd_op", "geescaleerd"]
    list_filter = ["soort"]


@admin.register(Verlengingsverzoek)
class VerlengingsverzoekAdmin(AlleenLezen):
    list_display = ["reactie", "status", "aangevraagd_door", "aangevraagd_op", "nieuwe_termijn"]
    list_filter = ["status"]


@admin.register(AgendaToken)
class AgendaTokenAdmin(AlleenLezen):
    list_display = ["organisatie", "aangemaakt_op"]
    exclude = ["token"]

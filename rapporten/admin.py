from django.contrib import admin

from .models import Rapport, Verwerking


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    """Read-only: versions change only through the services."""

    list_display = ["consultatie", "versie", "status", "generatie_status", "aangemaakt_op"]
    list_filter = ["status", "generatie_status"]
    search_fields = ["consultatie__kenmerk", "consultatie__titel"]
    exclude = ["snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verwerking)
class VerwerkingAdmin(admin.ModelAdmin):
    list_display = ["rapport", "kernpunt", "uitkomst", "vastgelegd_door", "vastgelegd_op"]
    list_filter = ["uitkomst"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Gebruiker, Organisatie


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "afkorting", "soort", "netwerk"]
    list_filter = ["soort", "netwerk"]
    search_fields = ["naam", "afkorting"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "rol", "is_active"]
    list_filter = ["rol", "organisatie__soort", "is_active"]
    list_select_related = ["organisatie"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Tegenkracht", {"fields": ("organisatie", "rol", "functie")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Tegenkracht", {"fields": ("organisatie", "rol", "email")}),
    )

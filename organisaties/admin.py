"""The admin is a window for the secretariat and a tool for operators, not a way around
the rules: accounts change only in the application (/beheer/gebruikers/, audited), so no
one grants himself or others rights, superuser status or passwords here."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from kern.admin import AlleenLezen, AlleenLezenAdmin

from . import services
from .models import Gebruiker, Identiteitsprovider, Organisatie, Uitnodiging


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "afkorting", "soort", "netwerk"]
    list_filter = ["soort", "netwerk"]
    search_fields = ["naam", "afkorting"]

    def get_readonly_fields(self, request, obj=None):
        # The kind decides which roles its users have: fixed once it exists.
        return ["soort"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.organisatie_opslaan(
            organisatie=obj, actor=request.user, gewijzigd=form.changed_data
        )


@admin.register(Gebruiker)
class GebruikerAdmin(AlleenLezen, UserAdmin):
    """Read-only for everyone: create, change role, deactivate and reset the second
    factor on /beheer/gebruikers/; operators use ``createsuperuser``."""

    list_display = ["username", "first_name", "last_name", "organisatie", "rol", "is_active"]
    list_filter = ["rol", "organisatie__soort", "is_active"]
    list_select_related = ["organisatie"]
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Persoon", {"fields": ("first_name", "last_name", "email")}),
        ("Tegenkracht", {"fields": ("organisatie", "rol", "functie", "is_active")}),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied


admin.site.unregister(Group)


@admin.register(Group)
class GroepAdmin(GroupAdmin):
    """Groups carry permissions: only operators (superusers) touch them."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# Second factors and API tokens change only through the audited services (and the pages
# of the user himself); the admin shows tokens, never their secrets or devices' keys.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class TokenAdmin(AlleenLezenAdmin):
    list_display = ["user", "token_key", "created", "expiry"]
    fields = ["user", "token_key", "created", "expiry"]
    search_fields = ["user__username"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(AlleenLezenAdmin):
    """Invitations are sent, resent and revoked on /beheer/uitnodigingen/ (audited)."""

    list_display = ["email", "organisatie", "rol", "status", "uitgenodigd_door", "verloopt_op"]
    list_filter = ["status", "rol"]
    list_select_related = ["organisatie", "uitgenodigd_door"]
    search_fields = ["email", "organisatie__afkorting"]
    fields = [
        "email",
        "voornaam",
        "achternaam",
        "functie",
        "organisatie",
        "rol",
        "status",
        "uitgenodigd_door",
        "aangemaakt_op",
        "verstuurd_op",
        "verloopt_op",
        "gebruiker",
    ]


@admin.register(Identiteitsprovider)
class IdentiteitsproviderAdmin(AlleenLezenAdmin):
    """Shown, never its client secret; operators configure it with ``sso_instellen``."""

    list_display = ["organisatie", "naam", "issuer", "actief"]
    list_select_related = ["organisatie"]
    fields = [
        "organisatie",
        "naam",
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "client_id",
        "scopes",
        "actief",
    ]

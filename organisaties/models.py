from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kern.keuzelabels import Keuzelabels
from kern.wijzigingen import GewijzigdOpBijgehouden


class Netwerk(models.TextChoices):
    MANIFESTGROEP = "Manifestgroep", _("Manifestgroep")
    KLEINLEF = "KleinLef", _("KleinLef")
    RBB_GROEP = "RBB Groep", _("RBB Groep")
    OVERIG = "overig", _("Overig")

    @classmethod
    def uit_te_nodigen(cls) -> list["Netwerk"]:
        """The networks one can invite as a whole ("overig" is no network)."""
        return [n for n in cls if n != cls.OVERIG]


class Soort(models.TextChoices):
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie", _("Uitvoeringsorganisatie")
    MINISTERIE = "ministerie", _("Ministerie")
    SECRETARIAAT = "secretariaat", _("Secretariaat")


class OrganisatieQuerySet(models.QuerySet):
    def uitvoeringsorganisaties(self):
        return self.filter(soort=Soort.UITVOERINGSORGANISATIE)

    def ministeries(self):
        return self.filter(soort=Soort.MINISTERIE)

    def leden_van(self, netwerk: str):
        """The member organisations of a network (Manifestgroep, KleinLef, RBB Groep):
        the executive agencies in it, the ones a consultation invites."""
        return self.uitvoeringsorganisaties().filter(netwerk=netwerk)


class Organisatie(GewijzigdOpBijgehouden, models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    afkorting = models.CharField("afkorting", max_length=20, unique=True)
    soort = models.CharField("soort", max_length=32, choices=Soort.choices)
    netwerk = models.CharField(
        "netwerk", max_length=32, choices=Netwerk.choices, default=Netwerk.OVERIG
    )
    email = models.EmailField("e-mailadres", blank=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True, db_index=True)

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self):
        return f"{self.naam} ({self.afkorting})"


class Rol(models.TextChoices):
    SECRETARIS = "secretaris", _("Secretaris")
    OPSTELLER = "opsteller", _("Opsteller")
    ACCORDEERDER = "accordeerder", _("Accordeerder")
    MINISTERIE = "ministerie", _("Medewerker ministerie")
    BEHEERDER = "beheerder", _("Beheerder")


#: Which organisation kind each role belongs to.
ROL_BIJ_SOORT = {
    Rol.SECRETARIS: Soort.SECRETARIAAT,
    Rol.OPSTELLER: Soort.UITVOERINGSORGANISATIE,
    Rol.ACCORDEERDER: Soort.UITVOERINGSORGANISATIE,
    Rol.MINISTERIE: Soort.MINISTERIE,
    Rol.BEHEERDER: Soort.UITVOERINGSORGANISATIE,
}

#: The roles an organisation's own beheerder may hand out: the workflow roles of a member
#: organisation. Beheerders themselves, the secretariat and ministries are the
#: secretariat's to appoint, so delegated management cannot escalate.
ROLLEN_VOOR_BEHEERDER = (Rol.OPSTELLER, Rol.ACCORDEERDER)


class Gebruiker(Keuzelabels, AbstractUser):
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )
    rol = models.CharField("rol", max_length=32, choices=Rol.choices, blank=True)
    functie = models.CharField("functie", max_length=200, blank=True)
    #: Part of the session hash: a new value ends every session of this user at once
    #: (deactivation, a factor reset by the secretariat). Empty: Django's plain hash.
    sessie_sleutel = models.CharField("sessiesleutel", max_length=64, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        if not self.sessie_sleutel:
            return super()._get_session_auth_hash(secret=secret)
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            "organisaties.Gebruiker.sessie",
            f"{self.password}:{self.sessie_sleutel}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.rol and not self.organisatie_id:
            raise ValidationError(
                {"organisatie": gettext("Een gebruiker met een rol hoort bij een organisatie.")}
            )
        if self.rol and self.organisatie and self.organisatie.soort != ROL_BIJ_SOORT[self.rol]:
            raise ValidationError(
                {
                    "rol": gettext("De rol %(rol)s past niet bij een %(soort)s.")
                    % {
                        "rol": self.get_rol_display().lower(),
                        "soort": self.organisatie.get_soort_display().lower(),
                    }
                }
            )

    #: People are never the system actor (``kern.workflow.SYSTEEM``).
    is_systeem = False

    @property
    def zichtbaarheidssleutel(self) -> tuple:
        """All that the visibility rules (``zichtbaar_voor``) read of a user: users with
        the same key see the same rows, so SQL compiled for one holds for the other
        (``kennisbank.zoeken`` keeps it). A rule that reads more must add it here."""
        return (self.is_active, self.rol, self.organisatie_id)

    @property
    def is_secretaris(self) -> bool:
        return self.is_active and self.rol == Rol.SECRETARIS

    @property
    def is_ministerie(self) -> bool:
        return self.is_active and self.rol == Rol.MINISTERIE and self.organisatie_id is not None

    @property
    def is_organisatie_medewerker(self) -> bool:
        """An opsteller or accordeerder of a member organisation."""
        return (
            self.is_active
            and self.rol in (Rol.OPSTELLER, Rol.ACCORDEERDER)
            and self.organisatie_id is not None
        )

    @property
    def is_accordeerder(self) -> bool:
        return self.is_organisatie_medewerker and self.rol == Rol.ACCORDEERDER

    @property
    def is_beheerder(self) -> bool:
        """Manages the accounts of his own member organisation, and nothing else: not a
        medewerker, so no consultation, response or API object is visible to him."""
        return self.is_active and self.rol == Rol.BEHEERDER and self.organisatie_id is not None


class UitnodigingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class UitnodigingQuerySet(models.QuerySet):
    def open(self):
        from django.utils import timezone

        return self.filter(status=UitnodigingStatus.OPEN, verloopt_op__gt=timezone.now())


class Uitnodiging(models.Model):
    """An invitation of a person, by e-mail, to an organisation in a role. The link in the
    e-mail carries a signed token over ``pk`` and ``sleutel``: a resend draws a new
    ``sleutel`` (the old link dies), acceptance or revocation closes it for good
    (``organisaties.uitnodigingen``)."""

    email = models.EmailField("e-mailadres")
    voornaam = models.CharField("voornaam", max_length=150, blank=True)
    achternaam = models.CharField("achternaam", max_length=150, blank=True)
    functie = models.CharField("functie", max_length=200, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="uitnodigingen",
    )
    rol = models.CharField("rol", max_length=32, choices=Rol.choices)
    status = models.CharField(
        "status",
        max_length=16,
        choices=UitnodigingStatus.choices,
        default=UitnodigingStatus.OPEN,
    )
    sleutel = models.CharField("sleutel", max_length=64, editable=False)
    uitgenodigd_door = models.ForeignKey(
        "Gebruiker",
        verbose_name="uitgenodigd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    verstuurd_op = models.DateTimeField("laatst verstuurd op")
    verloopt_op = models.DateTimeField("verloopt op")
    gebruiker = models.OneToOneField(
        "Gebruiker",
        verbose_name="account",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uitnodiging",
    )

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["organisatie", "status"])]

    def __str__(self):
        return f"{self.email} ({self.organisatie.afkorting}, {self.get_rol_display()})"

    @property
    def is_verlopen(self) -> bool:
        from django.utils import timezone

        return self.status == UitnodigingStatus.OPEN and self.verloopt_op <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.status == UitnodigingStatus.OPEN and not self.is_verlopen

    def toon_status(self) -> str:
        return gettext("Verlopen") if self.is_verlopen else self.get_status_display()


class Identiteitsprovider(models.Model):
    """Single sign-on (OpenID Connect) for one organisation: its people log in at their
    own identity provider; the account here is found by e-mail (``organisaties.sso``).
    The endpoints come from the provider's discovery document (``sso_instellen``)."""

    organisatie = models.OneToOneField(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.CASCADE,
        related_name="identiteitsprovider",
    )
    naam = models.CharField("naam", max_length=200, help_text="Zoals gebruikers hem kennen.")
    issuer = models.URLField("issuer", max_length=500)
    authorization_endpoint = models.URLField("authorization endpoint", max_length=500)
    token_endpoint = models.URLField("token endpoint", max_length=500)
    userinfo_endpoint = models.URLField("userinfo endpoint", max_length=500)
    jwks_uri = models.URLField("JWKS URI", max_length=500)
    client_id = models.CharField("client ID", max_length=200)
    client_secret = models.CharField("client secret", max_length=500)
    scopes = models.CharField("scopes", max_length=200, default="openid email profile")
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "identiteitsprovider"
        verbose_name_plural = "identiteitsproviders"

    def __str__(self):
        return f"{self.naam} ({self.organisatie.afkorting})"

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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


class Organisatie(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    afkorting = models.CharField("afkorting", max_length=20, unique=True)
    soort = models.CharField("soort", max_length=32, choices=Soort.choices)
    netwerk = models.CharField(
        "netwerk", max_length=32, choices=Netwerk.choices, default=Netwerk.OVERIG
    )
    email = models.EmailField("e-mailadres", blank=True)

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


#: Which organisation kind each role belongs to.
ROL_BIJ_SOORT = {
    Rol.SECRETARIS: Soort.SECRETARIAAT,
    Rol.OPSTELLER: Soort.UITVOERINGSORGANISATIE,
    Rol.ACCORDEERDER: Soort.UITVOERINGSORGANISATIE,
    Rol.MINISTERIE: Soort.MINISTERIE,
}


class Gebruiker(AbstractUser):
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

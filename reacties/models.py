from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from consultaties.models import GESLOTEN_STATUSSEN, Consultatie, Vraag
from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Organisatie

from . import permissions


class Status(models.TextChoices):
    UITGENODIGD = "uitgenodigd", "Uitgenodigd"
    IN_VOORBEREIDING = "in_voorbereiding", "In voorbereiding"
    TER_ACCORDERING = "ter_accordering", "Ter accordering"
    INGEDIEND = "ingediend", "Ingediend"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"
    AFGEZIEN = "afgezien", "Afgezien"
    VERLOPEN = "verlopen", "Verlopen"


#: Not yet submitted: these become ``verlopen`` when the termijn passes.
LOPENDE_STATUSSEN = (Status.UITGENODIGD, Status.IN_VOORBEREIDING, Status.TER_ACCORDERING)
#: Submitted to the secretariaat (and so visible to others once the consultation closes).
INGEDIENDE_STATUSSEN = (Status.INGEDIEND, Status.GEACCEPTEERD)


class Eindoordeel(models.TextChoices):
    UITVOERBAAR = "uitvoerbaar", "Uitvoerbaar"
    ONDER_VOORWAARDEN = "uitvoerbaar_onder_voorwaarden", "Uitvoerbaar onder voorwaarden"
    NIET_UITVOERBAAR = "niet_uitvoerbaar", "Niet uitvoerbaar"
    GEEN_OORDEEL = "geen_oordeel", "Geen oordeel"


class Dimensie(models.TextChoices):
    BURGERS_EN_BEDRIJVEN = "burgers_en_bedrijven", "Burgers en bedrijven"
    ICT = "ict", "ICT en gegevensuitwisseling"
    HANDHAAFBAARHEID = "handhaafbaarheid", "Handhaafbaarheid"
    FRAUDEBESTENDIGHEID = "fraudebestendigheid", "Fraudebestendigheid"
    COMPLEXITEIT = "complexiteit", "Complexiteit"
    JURIDISCH = "juridisch", "Juridische aspecten"
    PRIVACY = "privacy", "Privacy (AVG)"
    PERSONEEL = "personeel", "Personeel"
    INVOERINGSTERMIJN = "invoeringstermijn", "Invoeringstermijn"
    KETENSAMENWERKING = "ketensamenwerking", "Ketensamenwerking"


DIMENSIE_UITLEG = {
    Dimensie.BURGERS_EN_BEDRIJVEN: "Interactie met burgers en bedrijven, doenvermogen.",
    Dimensie.ICT: "Maakbaarheid van systemen, gegevensuitwisseling.",
    Dimensie.HANDHAAFBAARHEID: "Kan de uitvoering toezien op naleving?",
    Dimensie.FRAUDEBESTENDIGHEID: "Risico op misbruik en oneigenlijk gebruik.",
    Dimensie.COMPLEXITEIT: "Complexiteit van regels en processen.",
    Dimensie.JURIDISCH: "Bezwaar en beroep, discretionaire ruimte, hardheidsclausule.",
    Dimensie.PRIVACY: "Verwerking van persoonsgegevens (AVG).",
    Dimensie.PERSONEEL: "Gevolgen voor personeel en opleiding.",
    Dimensie.INVOERINGSTERMIJN: "Is de beoogde invoeringstermijn haalbaar?",
    Dimensie.KETENSAMENWERKING: "Gevolgen voor andere organisaties in de keten.",
}


class Gevolgen(models.TextChoices):
    NVT = "nvt", "Niet van toepassing"
    BEPERKT = "beperkt", "Beperkt"
    MIDDELGROOT = "middelgroot", "Middelgroot"
    INGRIJPEND = "ingrijpend", "Ingrijpend"


class Risico(models.TextChoices):
    KLEIN = "klein", "Klein"
    GEMIDDELD = "gemiddeld", "Gemiddeld"
    GROOT = "groot", "Groot"


class HulpBurger(models.TextChoices):
    JA = "ja", "Ja"
    DEELS = "deels", "Deels"
    NEE = "nee", "Nee"
    ONBEKEND = "onbekend", "Nog niet te beoordelen"


class Levensgebeurtenis(models.TextChoices):
    GEBOORTE = "geboorte", "Geboorte van een kind"
    STUDEREN = "studeren", "Studeren"
    WERK_ZOEKEN = "werk_zoeken", "Werk zoeken"
    WERK_VERLIEZEN = "werk_verliezen", "Werk verliezen"
    ZIEKTE = "ziekte", "Ziek worden of arbeidsongeschikt raken"
    VERHUIZEN = "verhuizen", "Verhuizen"
    SCHULDEN = "schulden", "Schulden"
    SCHEIDEN = "scheiden", "Scheiden"
    PENSIOEN = "pensioen", "Met pensioen gaan"
    OVERLIJDEN = "overlijden", "Overlijden van een naaste"
    BEDRIJF_STARTEN = "bedrijf_starten", "Een bedrijf starten"
    MIGRATIE = "migratie", "Naar Nederland komen"
    MANTELZORG = "mantelzorg", "Zorg voor een naaste"


class KostenCategorie(models.TextChoices):
    DIENSTVERLENING = "dienstverlening", "Dienstverlening"
    HANDHAVING_TOEZICHT = "handhaving_toezicht", "Handhaving en toezicht"
    AUTOMATISERING = "automatisering", "Automatisering"
    OVERIG = "overig", "Overig"


class KostenSoort(models.TextChoices):
    INCIDENTEEL = "incidenteel", "Incidenteel"
    STRUCTUREEL = "structureel", "Structureel (per jaar)"


class KostenJaar(models.IntegerChoices):
    T = 0, "T"
    T1 = 1, "T+1"
    T2 = 2, "T+2"
    T3 = 3, "T+3"
    T4 = 4, "T+4"


#: Documented maximum lengths of the free-text fields (characters). A toets is read by a
#: ministry next to 30–40 others: a kernboodschap is a key message, not an essay. Enforced
#: by the services (form and API alike); see docs/rapporten.md.
MAXIMALE_LENGTE = {
    "kernboodschap": 1200,
    "voorwaarden": 1500,
    "beslag_op_portfolio": 1000,
    "burgerperspectief": 1500,
    "doenvermogen_conclusie": 800,
    "toelichting": 1500,  # per dimension
    "antwoord": 2000,  # per question of the ministry
    "kernpunt": 800,
    "voorgestelde_wijziging": 800,
}


def te_lang(tekst: str | None, veld: str) -> str | None:
    """The Dutch message when ``tekst`` exceeds the maximum length of ``veld``, else None."""
    maximum = MAXIMALE_LENGTE[veld]
    lengte = len(tekst or "")
    if lengte <= maximum:
        return None
    return f"Maximaal {maximum} tekens; deze tekst telt er {lengte}. Kort hem in tot de kern."


class Ernst(models.TextChoices):
    ZWAARWEGEND = "zwaarwegend", "Zwaarwegend"
    BELANGRIJK = "belangrijk", "Belangrijk"
    AANDACHTSPUNT = "aandachtspunt", "Aandachtspunt"


class ReactieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """What ``user`` may see; everything else answers 404.

        Organisations see their own responses (drafts too) once the consultation is open,
        and others' submitted responses once it closes. Ministries never see drafts: only
        accepted responses of their consultations once the paper was sent.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        if user.is_ministerie:
            return self.filter(
                consultatie__ministerie_id=user.organisatie_id,
                consultatie__status__in=(ConsultatieStatus.VERZONDEN, ConsultatieStatus.AFGEROND),
                status=Status.GEACCEPTEERD,
            )
        if user.is_organisatie_medewerker:
            eigen = Q(organisatie_id=user.organisatie_id) & Q(
                consultatie__in=Consultatie.objects.opengesteld()
            )
            # A subquery, not a join: no DISTINCT over tens of thousands of rows.
            uitgenodigd_voor = self.model._default_manager.filter(
                organisatie_id=user.organisatie_id
            ).values("consultatie_id")
            van_anderen = Q(
                status__in=INGEDIENDE_STATUSSEN,
                consultatie__status__in=GESLOTEN_STATUSSEN,
                consultatie_id__in=uitgenodigd_voor,
            )
            return self.filter(eigen | van_anderen)
        return self.none()

    def lopend(self):
        return self.filter(status__in=LOPENDE_STATUSSEN)


class Reactie(FSMModelMixin, models.Model):
    """One organisation's uitvoeringstoets on one consultation; created by the invitation."""

    consultatie = models.ForeignKey(
        Consultatie, verbose_name="consultatie", on_delete=models.PROTECT, related_name="reacties"
    )
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="organisatie", on_delete=models.PROTECT, related_name="reacties"
    )
    status = FSMField(
        "status", default=Status.UITGENODIGD, choices=Status.choices, protected=True, db_index=True
    )
    versie = models.PositiveIntegerField(
        "versie",
        default=1,
        help_text="Verhoogd bij elke opslag; een verouderde opslag wordt geweigerd.",
    )
    termijn_verlengd_tot = models.DateTimeField(
        "termijn verlengd tot",
        null=True,
        blank=True,
        help_text="Verlenging voor alleen deze organisatie.",
    )
    vorige_reactie = models.ForeignKey(
        "self",
        verbose_name="eerdere toets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hertoetsen",
    )

    eindoordeel = models.CharField(
        "eindoordeel", max_length=40, choices=Eindoordeel.choices, blank=True
    )
    kernboodschap = models.TextField("kernboodschap", blank=True)
    voorwaarden = models.TextField("voorwaarden", blank=True)
    risico_procesverstoringen = models.CharField(
        "risico op procesverstoringen", max_length=16, choices=Risico.choices, blank=True
    )
    fte_incidenteel = models.DecimalField(
        "fte incidenteel", max_digits=8, decimal_places=1, null=True, blank=True
    )
    fte_structureel = models.DecimalField(
        "fte structureel", max_digits=8, decimal_places=1, null=True, blank=True
    )
    invoering_mogelijk_per = models.DateField("invoering mogelijk per", null=True, blank=True)
    doorlooptijd_maanden = models.PositiveIntegerField(
        "doorlooptijd in maanden", null=True, blank=True
    )
    beslag_op_portfolio = models.TextField("beslag op het portfolio", blank=True)

    helpt_burger = models.CharField(
        "helpt dit de burger en ondernemer écht?",
        max_length=16,
        choices=HulpBurger.choices,
        blank=True,
    )
    burgerperspectief = models.TextField("toelichting burgerperspectief", blank=True)
    doenvermogentoets_uitgevoerd = models.BooleanField(
        "doenvermogentoets uitgevoerd", null=True, blank=True
    )
    doenvermogen_conclusie = models.TextField("conclusie doenvermogentoets", blank=True)
    levensgebeurtenissen = models.JSONField("levensgebeurtenissen", default=list, blank=True)
    aantal_burgers = models.PositiveBigIntegerField(
        "aantal geraakte burgers (schatting)", null=True, blank=True
    )
    aantal_bedrijven = models.PositiveBigIntegerField(
        "aantal geraakte bedrijven (schatting)", null=True, blank=True
    )
    prijspeil = models.PositiveSmallIntegerField(
        "prijspeil van de kosten (jaar)", null=True, blank=True
    )

    ondertekenaar_naam = models.CharField("naam ondertekenaar", max_length=200, blank=True)
    ondertekenaar_functie = models.CharField("functie ondertekenaar", max_length=200, blank=True)

    ter_accordering_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    afzien_reden = models.TextField("reden van afzien", blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = ReactieQuerySet.as_manager()

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["consultatie", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultatie", "organisatie"], name="een_reactie_per_organisatie"
            )
        ]
        indexes = [models.Index(fields=["organisatie", "status"])]

    def __str__(self):
        return f"{self.organisatie.afkorting} op {self.consultatie.kenmerk}"

    # --- derived ---------------------------------------------------------------

    @property
    def effectieve_termijn(self):
        if self.termijn_verlengd_tot and self.termijn_verlengd_tot > self.consultatie.termijn:
            return self.termijn_verlengd_tot
        return self.consultatie.termijn

    def binnen_termijn(self) -> bool:
        return timezone.now() <= self.effectieve_termijn

    def consultatie_open(self) -> bool:
        return self.consultatie.status == ConsultatieStatus.OPEN

    def open_en_binnen_termijn(self) -> bool:
        return self.consultatie_open() and self.binnen_termijn()

    def consultatie_open_of_gesloten(self) -> bool:
        return self.consultatie.status in (ConsultatieStatus.OPEN, ConsultatieStatus.GESLOTEN)

    def ontbrekend_voor_accordering(self) -> list[str]:
        """What must still be filled in before the response can go for approval."""
        ontbrekend = []
        if not self.eindoordeel:
            ontbrekend.append("Kies een eindoordeel.")
        if not self.kernboodschap.strip():
            ontbrekend.append("Schrijf een kernboodschap.")
        if self.eindoordeel == Eindoordeel.ONDER_VOORWAARDEN and not self.voorwaarden.strip():
            ontbrekend.append("Noem de voorwaarden waaronder het voorstel uitvoerbaar is.")
        beoordeeld = {b.dimensie for b in self.beoordelingen.all() if b.gevolgen}
        for dimensie in Dimensie:
            if dimensie not in beoordeeld:
                ontbrekend.append(f"Beoordeel de gevolgen voor '{dimensie.label}'.")
        return ontbrekend

    # --- transitions (state only; side effects live in services) --------------------

    @transition(
        field=status,
        source=Status.UITGENODIGD,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=permissions.is_eigen_organisatie,
    )
    def starten(self):
        pass

    @transition(
        field=status,
        source=Status.IN_VOORBEREIDING,
        target=Status.TER_ACCORDERING,
        conditions=[open_en_binnen_termijn],
        permission=permissions.is_eigen_organisatie,
    )
    def ter_accordering(self, door=None):
        self.ter_accordering_door = door

    @transition(
        field=status,
        source=Status.TER_ACCORDERING,
        target=Status.IN_VOORBEREIDING,
        conditions=[consultatie_open],
        permission=permissions.is_eigen_accordeerder,
    )
    def afkeuren(self):
        self.ter_accordering_door = None

    @transition(
        field=status,
        source=Status.TER_ACCORDERING,
        target=Status.INGEDIEND,
        conditions=[open_en_binnen_termijn],
        permission=permissions.mag_indienen,
    )
    def indienen(self, door=None):
        self.ingediend_door = door
        self.ingediend_op = timezone.now()

    @transition(
        field=status,
        source=Status.INGEDIEND,
        target=Status.IN_VOORBEREIDING,
        conditions=[consultatie_open_of_gesloten],
        permission=permissions.is_secretaris,
    )
    def terugsturen(self):
        self.ter_accordering_door = None
        # No longer submitted: the timeline keeps when it was.
        self.ingediend_door = None
        self.ingediend_op = None

    @transition(
        field=status,
        source=Status.INGEDIEND,
        target=Status.GEACCEPTEERD,
        conditions=[consultatie_open_of_gesloten],
        permission=permissions.is_secretaris,
    )
    def accepteren(self):
        pass

    @transition(
        field=status,
        source=Status.INGEDIEND,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=permissions.is_eigen_organisatie,
    )
    def intrekken(self):
        self.ter_accordering_door = None
        # No longer submitted: the timeline keeps when it was.
        self.ingediend_door = None
        self.ingediend_op = None

    @transition(
        field=status,
        source=list(LOPENDE_STATUSSEN),
        target=Status.AFGEZIEN,
        conditions=[consultatie_open],
        permission=permissions.is_eigen_accordeerder,
    )
    def afzien(self, reden=""):
        self.afzien_reden = reden

    @transition(
        field=status,
        source=list(LOPENDE_STATUSSEN),
        target=Status.VERLOPEN,
        permission=permissions.is_secretaris,
    )
    def verlopen(self):
        pass

    @transition(
        field=status,
        source=Status.VERLOPEN,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=permissions.is_secretaris,
    )
    def heropenen(self):
        self.ter_accordering_door = None


class Beoordeling(models.Model):
    """The gevolgen-level and explanation for one dimension."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="beoordelingen")
    dimensie = models.CharField("dimensie", max_length=32, choices=Dimensie.choices)
    gevolgen = models.CharField("gevolgen", max_length=16, choices=Gevolgen.choices, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    betrokken_organisaties = models.ManyToManyField(
        Organisatie,
        verbose_name="betrokken organisaties",
        blank=True,
        related_name="+",
        help_text="Bij ketensamenwerking: welke organisaties het raakt.",
    )

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        ordering = ["reactie", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reactie", "dimensie"], name="een_beoordeling_per_dimensie"
            )
        ]

    def __str__(self):
        return f"{self.get_dimensie_display()}: {self.get_gevolgen_display() or 'niet beoordeeld'}"


class Kostenpost(models.Model):
    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="kosten")
    categorie = models.CharField("categorie", max_length=32, choices=KostenCategorie.choices)
    soort = models.CharField("soort", max_length=16, choices=KostenSoort.choices)
    bedrag = models.DecimalField("bedrag in euro", max_digits=14, decimal_places=2)
    # Incidental costs fall in a year relative to the entry into force (T = 0 … T+4).
    # Lines recorded before years existed have none; the paper shows them as "jaar onbekend".
    jaar = models.PositiveSmallIntegerField(
        "jaar (T = jaar van inwerkingtreding)", choices=KostenJaar.choices, null=True, blank=True
    )
    toelichting = models.CharField("toelichting", max_length=500, blank=True)

    class Meta:
        verbose_name = "kostenpost"
        verbose_name_plural = "kostenposten"
        ordering = ["reactie", "categorie", "soort", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gte=0), name="kostenpost_bedrag_niet_negatief"
            )
        ]

    def __str__(self):
        return f"{self.get_categorie_display()} {self.get_soort_display()}: € {self.bedrag}"


class Antwoord(models.Model):
    """The answer to one of the ministry's specific questions."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    tekst = models.TextField("antwoord", blank=True)

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        ordering = ["reactie", "vraag__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["reactie", "vraag"], name="een_antwoord_per_vraag")
        ]

    def __str__(self):
        return self.tekst[:80]


class KernpuntQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if user.is_authenticated and user.is_secretaris:
            return self.all()  # no IN-subquery over every response in the database
        return self.filter(reactie__in=Reactie.objects.zichtbaar_voor(user))


class Kernpunt(models.Model):
    """A discrete finding that other organisations can endorse (onderschrijven)."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="kernpunten")
    dimensie = models.CharField("dimensie", max_length=32, choices=Dimensie.choices)
    tekst = models.TextField("kernpunt")
    artikel = models.CharField("artikel van het voorstel", max_length=200, blank=True)
    voorgestelde_wijziging = models.TextField("voorgestelde wijziging", blank=True)
    ernst = models.CharField(
        "ernst", max_length=16, choices=Ernst.choices, default=Ernst.BELANGRIJK
    )
    samengevoegd_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samengevoegde",
        verbose_name="samengevoegd in",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    objects = KernpuntQuerySet.as_manager()

    class Meta:
        verbose_name = "kernpunt"
        verbose_name_plural = "kernpunten"
        ordering = ["reactie", "pk"]

    def __str__(self):
        return self.tekst[:80]


class Onderschrijving(models.Model):
    kernpunt = models.ForeignKey(
        Kernpunt, on_delete=models.CASCADE, related_name="onderschrijvingen"
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("onderschreven op", default=timezone.now)

    class Meta:
        verbose_name = "onderschrijving"
        verbose_name_plural = "onderschrijvingen"
        constraints = [
            models.UniqueConstraint(
                fields=["kernpunt", "organisatie"], name="een_onderschrijving_per_organisatie"
            )
        ]

    def __str__(self):
        return f"{self.organisatie.afkorting} onderschrijft #{self.kernpunt_id}"


def bijlage_pad(instance, filename):
    return f"bijlagen/{instance.reactie_id}/{instance.sha256[:32]}.bin"


class Bijlage(models.Model):
    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField("bestand", upload_to=bijlage_pad)
    bestandsnaam = models.CharField("oorspronkelijke bestandsnaam", max_length=255)
    content_type = models.CharField("bestandstype", max_length=100)
    grootte = models.PositiveBigIntegerField("grootte in bytes")
    sha256 = models.CharField("sha256", max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField("geüpload op", default=timezone.now)

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["reactie", "pk"]

    def __str__(self):
        return self.bestandsnaam

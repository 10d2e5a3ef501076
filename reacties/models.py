from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from audit.models import Mijlpalen
from consultaties.models import GESLOTEN_STATUSSEN, Consultatie, Vraag, opengesteld_q
from consultaties.models import Status as ConsultatieStatus
from consultaties.uploads import GeuploadBestand
from kern import tellingen
from kern.keuzelabels import Keuzelabels
from kern.tellingen import TellingBron, TellingBronQuerySet
from kern.wijzigingen import GewijzigdOpBijgehouden
from kern.workflow import fsm_permissie
from organisaties.models import Organisatie
from tegenkracht.validatie import ZonderStuurtekens

from . import permissions


class Status(models.TextChoices):
    UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
    IN_VOORBEREIDING = "in_voorbereiding", _("In voorbereiding")
    TER_ACCORDERING = "ter_accordering", _("Ter accordering")
    INGEDIEND = "ingediend", _("Ingediend")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEZIEN = "afgezien", _("Afgezien")
    VERLOPEN = "verlopen", _("Verlopen")


#: Not yet submitted: these become ``verlopen`` when the termijn passes.
LOPENDE_STATUSSEN = (Status.UITGENODIGD, Status.IN_VOORBEREIDING, Status.TER_ACCORDERING)
#: Audit actions on a response that anyone who may see the response may see (without
#: notes). Everything else on its timeline is internal: see ``Reactie.tijdlijn_inzage``.
PUBLIEKE_MIJLPALEN = frozenset({"indienen", "accepteren", "afzien", "verlopen"})
#: States a response may be shown in outside its own organisation and the secretariaat.
PUBLIEKE_STATUSSEN = frozenset({"ingediend", "geaccepteerd", "afgezien", "verlopen"})

#: Audit actions that change the content of a response (four-eyes on content).
INHOUD_ACTIES = frozenset({"opgeslagen", "kernpunt_toegevoegd", "bijlage_toegevoegd"})

#: Submitted to the secretariaat (and so visible to others once the consultation closes).
INGEDIENDE_STATUSSEN = (Status.INGEDIEND, Status.GEACCEPTEERD)


class Eindoordeel(models.TextChoices):
    UITVOERBAAR = "uitvoerbaar", _("Uitvoerbaar")
    ONDER_VOORWAARDEN = "uitvoerbaar_onder_voorwaarden", _("Uitvoerbaar onder voorwaarden")
    NIET_UITVOERBAAR = "niet_uitvoerbaar", _("Niet uitvoerbaar")
    GEEN_OORDEEL = "geen_oordeel", _("Geen oordeel")


class Dimensie(models.TextChoices):
    BURGERS_EN_BEDRIJVEN = "burgers_en_bedrijven", _("Burgers en bedrijven")
    ICT = "ict", _("ICT en gegevensuitwisseling")
    HANDHAAFBAARHEID = "handhaafbaarheid", _("Handhaafbaarheid")
    FRAUDEBESTENDIGHEID = "fraudebestendigheid", _("Fraudebestendigheid")
    COMPLEXITEIT = "complexiteit", _("Complexiteit")
    JURIDISCH = "juridisch", _("Juridische aspecten")
    PRIVACY = "privacy", _("Privacy (AVG)")
    PERSONEEL = "personeel", _("Personeel")
    INVOERINGSTERMIJN = "invoeringstermijn", _("Invoeringstermijn")
    KETENSAMENWERKING = "ketensamenwerking", _("Ketensamenwerking")


DIMENSIE_UITLEG = {
    Dimensie.BURGERS_EN_BEDRIJVEN: _("Interactie met burgers en bedrijven, doenvermogen."),
    Dimensie.ICT: _("Maakbaarheid van systemen, gegevensuitwisseling."),
    Dimensie.HANDHAAFBAARHEID: _("Kan de uitvoering toezien op naleving?"),
    Dimensie.FRAUDEBESTENDIGHEID: _("Risico op misbruik en oneigenlijk gebruik."),
    Dimensie.COMPLEXITEIT: _("Complexiteit van regels en processen."),
    Dimensie.JURIDISCH: _("Bezwaar en beroep, discretionaire ruimte, hardheidsclausule."),
    Dimensie.PRIVACY: _("Verwerking van persoonsgegevens (AVG)."),
    Dimensie.PERSONEEL: _("Gevolgen voor personeel en opleiding."),
    Dimensie.INVOERINGSTERMIJN: _("Is de beoogde invoeringstermijn haalbaar?"),
    Dimensie.KETENSAMENWERKING: _("Gevolgen voor andere organisaties in de keten."),
}


class Gevolgen(models.TextChoices):
    NVT = "nvt", _("Niet van toepassing")
    BEPERKT = "beperkt", _("Beperkt")
    MIDDELGROOT = "middelgroot", _("Middelgroot")
    INGRIJPEND = "ingrijpend", _("Ingrijpend")


class Risico(models.TextChoices):
    KLEIN = "klein", _("Klein")
    GEMIDDELD = "gemiddeld", _("Gemiddeld")
    GROOT = "groot", _("Groot")


class HulpBurger(models.TextChoices):
    JA = "ja", _("Ja")
    DEELS = "deels", _("Deels")
    NEE = "nee", _("Nee")
    ONBEKEND = "onbekend", _("Nog niet te beoordelen")


class Levensgebeurtenis(models.TextChoices):
    GEBOORTE = "geboorte", _("Geboorte van een kind")
    STUDEREN = "studeren", _("Studeren")
    WERK_ZOEKEN = "werk_zoeken", _("Werk zoeken")
    WERK_VERLIEZEN = "werk_verliezen", _("Werk verliezen")
    ZIEKTE = "ziekte", _("Ziek worden of arbeidsongeschikt raken")
    VERHUIZEN = "verhuizen", _("Verhuizen")
    SCHULDEN = "schulden", _("Schulden")
    SCHEIDEN = "scheiden", _("Scheiden")
    PENSIOEN = "pensioen", _("Met pensioen gaan")
    OVERLIJDEN = "overlijden", _("Overlijden van een naaste")
    BEDRIJF_STARTEN = "bedrijf_starten", _("Een bedrijf starten")
    MIGRATIE = "migratie", _("Naar Nederland komen")
    MANTELZORG = "mantelzorg", _("Zorg voor een naaste")


class KostenCategorie(models.TextChoices):
    DIENSTVERLENING = "dienstverlening", _("Dienstverlening")
    HANDHAVING_TOEZICHT = "handhaving_toezicht", _("Handhaving en toezicht")
    AUTOMATISERING = "automatisering", _("Automatisering")
    OVERIG = "overig", _("Overig")


class KostenSoort(models.TextChoices):
    INCIDENTEEL = "incidenteel", _("Incidenteel")
    STRUCTUREEL = "structureel", _("Structureel (per jaar)")


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
    "herbeoordeling": 500,  # per earlier kernpunt, in a hertoets
}


def te_lang(tekst: str | None, veld: str) -> str | None:
    """The Dutch message when ``tekst`` exceeds the maximum length of ``veld``, else None."""
    maximum = MAXIMALE_LENGTE[veld]
    lengte = len(tekst or "")
    if lengte <= maximum:
        return None
    return f"Maximaal {maximum} tekens; deze tekst telt er {lengte}. Kort hem in tot de kern."


class Ernst(models.TextChoices):
    ZWAARWEGEND = "zwaarwegend", _("Zwaarwegend")
    BELANGRIJK = "belangrijk", _("Belangrijk")
    AANDACHTSPUNT = "aandachtspunt", _("Aandachtspunt")


def effectieve_termijn(pad: str = ""):
    """The termijn that counts for a response, as a database expression: its own extension
    when that is later than the consultation's termijn, else the consultation's.

    The one definition: queries annotate it (``met_effectieve_termijn``), and the property
    :attr:`Reactie.effectieve_termijn` reads that annotation. ``pad`` reaches the response
    from another model (``"reacties__"``)."""
    consultatie_termijn = f"{pad}consultatie__termijn"
    return Greatest(
        Coalesce(f"{pad}termijn_verlengd_tot", consultatie_termijn), consultatie_termijn
    )


class ReactieQuerySet(TellingBronQuerySet):
    def met_effectieve_termijn(self):
        return self.annotate(termijn_effectief=effectieve_termijn())

    def zichtbaar_voor(self, user):
        return self._zichtbaar_voor(user).met_effectieve_termijn()

    def _zichtbaar_voor(self, user):
        """What ``user`` may see; everything else answers 404.

        Organisations see their own responses (drafts too) once the consultation is open,
        and others' submitted responses once it closes. Ministries never see drafts: only
        accepted responses of their consultations once the paper was sent.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        return self.filter(zichtbaarheid(user))

    def eigen_van(self, user):
        """``zichtbaar_voor(user)`` narrowed to the user's own organisation's responses, as
        the own part of the visibility alone: without the other part's OR and EXISTS the
        database reads them from the (organisatie, consultatie) index."""
        if not user.is_authenticated or not user.is_active or not user.is_organisatie_medewerker:
            return self.none()
        eigen, _van_anderen = _organisatie_ziet(user)
        return self.filter(eigen).met_effectieve_termijn()

    def aantal_zichtbaar_voor(self, user, filter_=lambda qs: qs, onthouden=False) -> int:
        """``filter_(self.zichtbaar_voor(user)).count()``, counted per disjoint part of the
        visibility (:func:`zichtbaarheid_delen`) so that each part uses its index.

        ``onthouden``: the total comes from the cache while no response or consultation
        changed in a way that can change it (``kern.tellingen``): a count over years of
        responses then costs one cache query. For filters with few values only (the
        caller decides), so that the cache holds a bounded number of totals."""
        if not user.is_authenticated or not user.is_active or user.is_secretaris:
            delen = [filter_(self._zichtbaar_voor(user))]
        else:
            gefilterd = filter_(self.all())  # once: a filter set builds its form each time
            delen = [gefilterd.filter(deel) for deel in zichtbaarheid_delen(user)]
        if onthouden:
            return tellingen.aantal(delen)
        return sum(deel.count() for deel in delen)

    def lopend(self):
        return self.filter(status__in=LOPENDE_STATUSSEN)

    def statusoverzicht(self) -> dict:
        """How many responses of this queryset are in each state, in total and per network
        of the organisation: one aggregate query. ``{"statussen": [(waarde, label)],
        "rijen": [{"netwerk": …, "label": …, "cellen": [{"status", "aantal"}], "totaal": n}],
        "totaal": {…}}``; the networks without invitations are left out."""
        from organisaties.models import Netwerk

        tellingen = {
            (netwerk, status): n
            for netwerk, status, n in self.order_by()
            .values_list("organisatie__netwerk", "status")
            .annotate(n=models.Count("pk"))
            .values_list("organisatie__netwerk", "status", "n")
        }
        statussen = list(Status)

        def rij(netwerk, label, filter_):
            aantallen = [
                sum(n for (w, s), n in tellingen.items() if s == status and filter_(w))
                for status in statussen
            ]
            return {
                "netwerk": netwerk,
                "label": label,
                "cellen": [
                    {"status": s.value, "aantal": n}
                    for s, n in zip(statussen, aantallen, strict=True)
                ],
                "totaal": sum(aantallen),
            }

        rijen = [rij(n.value, n.label, lambda w, n=n: w == n.value) for n in Netwerk]
        return {
            "statussen": [(s.value, s.label) for s in statussen],
            "rijen": [r for r in rijen if r["totaal"]],
            "totaal": rij("", _("Totaal"), lambda w: True),
        }


def zichtbaarheid(user, pad: str = "") -> Q:
    """The condition of ``ReactieQuerySet.zichtbaar_voor`` on the response reached through
    ``pad`` (``""`` for responses, ``"reactie__"`` for kernpunten), for an authenticated,
    active user who is not the secretaris.

    Written as joins and a correlated EXISTS on the unique (consultatie, organisatie)
    index rather than ``reactie__in=<every visible response>``: a page about one
    consultation then only touches that consultation's rows, whatever the years of data.
    """
    if user.is_ministerie:
        return Q(
            **{
                f"{pad}consultatie__ministerie_id": user.organisatie_id,
                f"{pad}consultatie__status__in": (
                    ConsultatieStatus.VERZONDEN,
                    ConsultatieStatus.AFGEROND,
                ),
                f"{pad}status": Status.GEACCEPTEERD,
            }
        )
    if user.is_organisatie_medewerker:
        eigen, van_anderen = _organisatie_ziet(user, pad)
        return eigen | van_anderen
    return Q(pk__in=[])


def _organisatie_ziet(user, pad: str = "") -> tuple[Q, Q]:
    """An organisation sees its own responses once the consultation was opened, and the
    submitted responses of a closed consultation it was invited to (its own among them)."""
    eigen = Q(**{f"{pad}organisatie_id": user.organisatie_id}) & opengesteld_q(
        f"{pad}consultatie__"
    )
    uitgenodigd = Reactie._default_manager.filter(
        consultatie_id=OuterRef(f"{pad}consultatie_id"), organisatie_id=user.organisatie_id
    )
    van_anderen = Q(
        Exists(uitgenodigd),
        **{
            f"{pad}status__in": INGEDIENDE_STATUSSEN,
            f"{pad}consultatie__status__in": GESLOTEN_STATUSSEN,
        },
    )
    return eigen, van_anderen


def zichtbaarheid_delen(user) -> list[Q]:
    """``zichtbaarheid(user)`` as disjoint parts whose union it is, for counting responses:
    an organisation's own, and the others' submitted ones. Counted apart, each part runs
    from its own index; counted as one condition, the OR of the two made PostgreSQL read
    every block of the responses table to count what an organisation may see (the
    ``aantal`` of ``/api/v1/reacties``, issue 19)."""
    if user.is_organisatie_medewerker:
        eigen, van_anderen = _organisatie_ziet(user)
        return [eigen, van_anderen & ~Q(organisatie_id=user.organisatie_id)]
    return [zichtbaarheid(user)]


class Reactie(
    TellingBron,
    Keuzelabels,
    GewijzigdOpBijgehouden,
    ZonderStuurtekens,
    FSMModelMixin,
    models.Model,
):
    """One organisation's uitvoeringstoets on one consultation; created by the invitation."""

    #: Who may see a response, and so every total of responses, depends on these (and on
    #: its consultation's, see ``Consultatie.telling_velden``): ``kern.tellingen``. No
    #: cascade deletes a response (its foreign keys protect it).
    telling_velden = frozenset(
        {"status", "consultatie", "consultatie_id", "organisatie", "organisatie_id"}
    )

    consultatie = models.ForeignKey(
        Consultatie,
        verbose_name=_("consultatie"),
        on_delete=models.PROTECT,
        related_name="reacties",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="reacties",
    )
    status = FSMField(
        _("status"),
        default=Status.UITGENODIGD,
        choices=Status.choices,
        protected=True,
        db_index=True,
    )
    versie = models.PositiveIntegerField(
        _("versie"),
        default=1,
        help_text=_("Verhoogd bij elke opslag; een verouderde opslag wordt geweigerd."),
    )
    termijn_verlengd_tot = models.DateTimeField(
        _("termijn verlengd tot"),
        null=True,
        blank=True,
        help_text=_("Verlenging voor alleen deze organisatie."),
    )
    vorige_reactie = models.ForeignKey(
        "self",
        verbose_name=_("eerdere toets"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hertoetsen",
    )

    eindoordeel = models.CharField(
        _("eindoordeel"), max_length=40, choices=Eindoordeel.choices, blank=True
    )
    kernboodschap = models.TextField(_("kernboodschap"), blank=True)
    voorwaarden = models.TextField(_("voorwaarden"), blank=True)
    risico_procesverstoringen = models.CharField(
        _("risico op procesverstoringen"), max_length=16, choices=Risico.choices, blank=True
    )
    fte_incidenteel = models.DecimalField(
        _("fte incidenteel"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    fte_structureel = models.DecimalField(
        _("fte structureel"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    invoering_mogelijk_per = models.DateField(_("invoering mogelijk per"), null=True, blank=True)
    doorlooptijd_maanden = models.PositiveIntegerField(
        _("doorlooptijd in maanden"), null=True, blank=True
    )
    beslag_op_portfolio = models.TextField(_("beslag op het portfolio"), blank=True)

    helpt_burger = models.CharField(
        _("helpt dit de burger en ondernemer écht?"),
        max_length=16,
        choices=HulpBurger.choices,
        blank=True,
    )
    burgerperspectief = models.TextField(_("toelichting burgerperspectief"), blank=True)
    doenvermogentoets_uitgevoerd = models.BooleanField(
        _("doenvermogentoets uitgevoerd"), null=True, blank=True
    )
    doenvermogen_conclusie = models.TextField(_("conclusie doenvermogentoets"), blank=True)
    levensgebeurtenissen = models.JSONField(_("levensgebeurtenissen"), default=list, blank=True)
    aantal_burgers = models.PositiveBigIntegerField(
        _("aantal geraakte burgers (schatting)"), null=True, blank=True
    )
    aantal_bedrijven = models.PositiveBigIntegerField(
        _("aantal geraakte bedrijven (schatting)"), null=True, blank=True
    )
    prijspeil = models.PositiveSmallIntegerField(
        _("prijspeil van de kosten (jaar)"), null=True, blank=True
    )

    ondertekenaar_naam = models.CharField(_("naam ondertekenaar"), max_length=200, blank=True)
    ondertekenaar_functie = models.CharField(_("functie ondertekenaar"), max_length=200, blank=True)

    ter_accordering_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    afzien_reden = models.TextField(_("reden van afzien"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = ReactieQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["consultatie", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultatie", "organisatie"], name="een_reactie_per_organisatie"
            )
        ]
        indexes = [
            models.Index(fields=["organisatie", "status"]),
            # Covers what an organisation's visibility reads of others' responses (state,
            # consultation, organisation): the API list counts them from the index alone
            # instead of reading tens of thousands of wide rows.
            models.Index(
                fields=["status", "consultatie", "organisatie"], name="reactie_status_cons_org"
            ),
            # An organisation's own responses with their consultation, from the index: the
            # consultations it was invited to (its visibility of others' responses) and
            # the count of its own; the unique index starts with the consultation.
            models.Index(fields=["organisatie", "consultatie"], name="reactie_org_cons"),
        ]

    def __str__(self):
        return f"{self.organisatie.afkorting} op {self.consultatie.kenmerk}"

    # --- derived ---------------------------------------------------------------

    @property
    def effectieve_termijn(self):
        """See :func:`effectieve_termijn`. Lists annotate it; for a single object loaded
        without the annotation (a page, a service) it is asked from the database once."""
        if "termijn_effectief" not in self.__dict__:
            self.termijn_effectief = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .met_effectieve_termijn()
                .values_list("termijn_effectief", flat=True)
                .get()
            )
        return self.termijn_effectief

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("termijn_effectief", None)  # may have changed with the termijn
        super().refresh_from_db(*args, **kwargs)

    def binnen_termijn(self) -> bool:
        return timezone.now() <= self.effectieve_termijn

    def consultatie_open(self) -> bool:
        return self.consultatie.status == ConsultatieStatus.OPEN

    def open_en_binnen_termijn(self) -> bool:
        return self.consultatie_open() and self.binnen_termijn()

    def consultatie_open_of_gesloten(self) -> bool:
        return self.consultatie.status in (ConsultatieStatus.OPEN, ConsultatieStatus.GESLOTEN)

    def inhoud_gewijzigd_door(self) -> frozenset[int]:
        """Who changed the content of the version now up for approval.

        "The version being approved" is everything saved since the last approval
        (``indienen``), or since the start if it was never submitted: content that an
        earlier round already had approved by someone else is not counted again. Read from
        the audit trail, in one query, only when an approver is being asked about.
        """
        if not hasattr(self, "_inhoud_gewijzigd_door"):
            from audit.models import AuditEvent

            door: set[int] = set()
            for actie, actor_id in (
                AuditEvent.objects.voor(self)
                .filter(actie__in=INHOUD_ACTIES | {"indienen"})
                .order_by("pk")
                .values_list("actie", "actor_id")
            ):
                if actie == "indienen":
                    door.clear()
                elif actor_id is not None:
                    door.add(actor_id)
            self._inhoud_gewijzigd_door = frozenset(door)
        return self._inhoud_gewijzigd_door

    def tijdlijn_inzage(self, user) -> Mijlpalen | None:
        """Which part of the timeline ``user`` reads (see ``AuditEvent.zichtbaar_voor``):
        ``None`` is everything, otherwise only these public milestones, without notes."""
        if permissions.ziet_interne_tijdlijn(user, self):
            return None
        return Mijlpalen(PUBLIEKE_MIJLPALEN)

    @property
    def publieke_status(self) -> str:
        """The state as outsiders (other organisations, the ministry, the paper) may learn
        it: a response that is back in preparation (e.g. returned after closing) is simply
        not submitted."""
        return self.status if self.status in PUBLIEKE_STATUSSEN else "niet_ingediend"

    @property
    def publieke_status_label(self) -> str:
        if self.status in PUBLIEKE_STATUSSEN:
            return self.get_status_display()
        return "Niet ingediend"

    def ontbrekende_velden(self) -> list[tuple[str, str]]:
        """What must still be filled in before the response can go for approval, as
        (form field name, message) pairs so a page can link each item to its field."""
        from django.utils.translation import gettext

        ontbrekend = []
        if not self.eindoordeel:
            ontbrekend.append(("eindoordeel", gettext("Kies een eindoordeel.")))
        if not self.kernboodschap.strip():
            ontbrekend.append(("kernboodschap", gettext("Schrijf een kernboodschap.")))
        if self.eindoordeel == Eindoordeel.ONDER_VOORWAARDEN and not self.voorwaarden.strip():
            ontbrekend.append(
                (
                    "voorwaarden",
                    gettext("Noem de voorwaarden waaronder het voorstel uitvoerbaar is."),
                )
            )
        beoordeeld = {b.dimensie for b in self.beoordelingen.all() if b.gevolgen}
        for dimensie in Dimensie:
            if dimensie not in beoordeeld:
                ontbrekend.append(
                    (
                        f"gevolgen_{dimensie.value}",
                        gettext("Beoordeel de gevolgen voor '%(dimensie)s'.")
                        % {"dimensie": dimensie.label},
                    )
                )
        return ontbrekend

    def ontbrekend_voor_accordering(self) -> list[str]:
        """What must still be filled in before the response can go for approval."""
        return [tekst for _veld, tekst in self.ontbrekende_velden()]

    def lopend(self) -> bool:
        """Not yet submitted, declined or expired: the termijn still matters."""
        return self.status in LOPENDE_STATUSSEN

    def dagen_tot_termijn(self) -> int:
        """Calendar days (Dutch time) from today to the effective deadline; negative after."""
        vandaag = timezone.localdate()
        return (timezone.localdate(self.effectieve_termijn) - vandaag).days

    # --- transitions (state only; side effects live in services) --------------------

    @transition(
        field=status,
        source=Status.UITGENODIGD,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=fsm_permissie(permissions.is_eigen_organisatie),
    )
    def starten(self):
        pass

    @transition(
        field=status,
        source=Status.IN_VOORBEREIDING,
        target=Status.TER_ACCORDERING,
        conditions=[open_en_binnen_termijn],
        permission=fsm_permissie(permissions.is_eigen_organisatie),
    )
    def ter_accordering(self, door=None):
        self.ter_accordering_door = door

    @transition(
        field=status,
        source=Status.TER_ACCORDERING,
        target=Status.IN_VOORBEREIDING,
        conditions=[consultatie_open],
        permission=fsm_permissie(permissions.is_eigen_accordeerder),
    )
    def afkeuren(self):
        self.ter_accordering_door = None

    @transition(
        field=status,
        source=Status.TER_ACCORDERING,
        target=Status.INGEDIEND,
        conditions=[open_en_binnen_termijn],
        permission=fsm_permissie(permissions.mag_indienen),
    )
    def indienen(self, door=None):
        self.ingediend_door = door
        self.ingediend_op = timezone.now()

    @transition(
        field=status,
        source=Status.INGEDIEND,
        target=Status.IN_VOORBEREIDING,
        conditions=[consultatie_open_of_gesloten],
        permission=fsm_permissie(permissions.is_secretaris),
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
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def accepteren(self):
        pass

    @transition(
        field=status,
        source=Status.INGEDIEND,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=fsm_permissie(permissions.is_eigen_organisatie),
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
        permission=fsm_permissie(permissions.is_eigen_accordeerder),
    )
    def afzien(self, reden=""):
        self.afzien_reden = reden

    @transition(
        field=status,
        source=list(LOPENDE_STATUSSEN),
        target=Status.VERLOPEN,
        permission=fsm_permissie(permissions.is_systeem_of_secretaris),
    )
    def verlopen(self):
        pass

    @transition(
        field=status,
        source=Status.VERLOPEN,
        target=Status.IN_VOORBEREIDING,
        conditions=[open_en_binnen_termijn],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def heropenen(self):
        self.ter_accordering_door = None


class BeoordelingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The assessments of the responses ``user`` may see."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        return self.filter(zichtbaarheid(user, "reactie__"))


class Beoordeling(Keuzelabels, models.Model):
    """The gevolgen-level and explanation for one dimension."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="beoordelingen")
    dimensie = models.CharField(_("dimensie"), max_length=32, choices=Dimensie.choices)
    gevolgen = models.CharField(_("gevolgen"), max_length=16, choices=Gevolgen.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    betrokken_organisaties = models.ManyToManyField(
        Organisatie,
        verbose_name=_("betrokken organisaties"),
        blank=True,
        related_name="+",
        help_text=_("Bij ketensamenwerking: welke organisaties het raakt."),
    )

    objects = BeoordelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
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
    categorie = models.CharField(_("categorie"), max_length=32, choices=KostenCategorie.choices)
    soort = models.CharField(_("soort"), max_length=16, choices=KostenSoort.choices)
    bedrag = models.DecimalField(_("bedrag in euro"), max_digits=14, decimal_places=2)
    # Incidental costs fall in a year relative to the entry into force (T = 0 … T+4).
    # Lines recorded before years existed have none; the paper shows them as "jaar onbekend".
    jaar = models.PositiveSmallIntegerField(
        _("jaar (T = jaar van inwerkingtreding)"),
        choices=KostenJaar.choices,
        null=True,
        blank=True,
    )
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
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
    tekst = models.TextField(_("antwoord"), blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["reactie", "vraag__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["reactie", "vraag"], name="een_antwoord_per_vraag")
        ]

    def __str__(self):
        return self.tekst[:80]


class KernpuntQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        return self.filter(zichtbaarheid(user, "reactie__"))

    def samen_te_voegen_met(self, kernpunt):
        """The kernpunten ``kernpunt`` may be merged into: the others of its consultation
        that are not merged themselves (``kernpunt_samenvoegen`` refuses any other)."""
        return self.filter(
            reactie__consultatie_id=kernpunt.reactie.consultatie_id, samengevoegd_in__isnull=True
        ).exclude(pk=kernpunt.pk)


class Kernpunt(Keuzelabels, ZonderStuurtekens, models.Model):
    """A discrete finding that other organisations can endorse (onderschrijven)."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="kernpunten")
    dimensie = models.CharField(_("dimensie"), max_length=32, choices=Dimensie.choices)
    tekst = models.TextField(_("kernpunt"))
    artikel = models.CharField(_("artikel van het voorstel"), max_length=200, blank=True)
    voorgestelde_wijziging = models.TextField(_("voorgestelde wijziging"), blank=True)
    ernst = models.CharField(
        _("ernst"), max_length=16, choices=Ernst.choices, default=Ernst.BELANGRIJK
    )
    samengevoegd_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samengevoegde",
        verbose_name=_("samengevoegd in"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = KernpuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("kernpunt")
        verbose_name_plural = _("kernpunten")
        ordering = ["reactie", "pk"]

    def __str__(self):
        return self.tekst[:80]


class Herbeoordeling(models.TextChoices):
    """Whether the new draft (nota van wijziging) resolves a kernpunt of the earlier toets."""

    OPGELOST = "opgelost", _("Opgelost")
    DEELS = "deels_opgelost", _("Deels opgelost")
    NIET = "niet_opgelost", _("Niet opgelost")


class KernpuntHertoets(ZonderStuurtekens, models.Model):
    """In a hertoets: the organisation's verdict on one kernpunt of its own earlier toets
    (a kernpunt that was in the paper sent about the earlier consultation)."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="herbeoordelingen")
    kernpunt = models.ForeignKey(
        Kernpunt,
        verbose_name=_("kernpunt van de eerdere toets"),
        on_delete=models.PROTECT,
        related_name="herbeoordelingen",
    )
    oordeel = models.CharField(_("opgelost?"), max_length=16, choices=Herbeoordeling.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("herbeoordeling van een kernpunt")
        verbose_name_plural = _("herbeoordelingen van kernpunten")
        ordering = ["reactie", "kernpunt"]
        constraints = [
            models.UniqueConstraint(
                fields=["reactie", "kernpunt"], name="een_herbeoordeling_per_kernpunt"
            )
        ]

    def __str__(self):
        return f"{self.get_oordeel_display()}: kernpunt #{self.kernpunt_id}"


class Onderschrijving(models.Model):
    kernpunt = models.ForeignKey(
        Kernpunt, on_delete=models.CASCADE, related_name="onderschrijvingen"
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("onderschreven op"), default=timezone.now)

    class Meta:
        verbose_name = _("onderschrijving")
        verbose_name_plural = _("onderschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["kernpunt", "organisatie"], name="een_onderschrijving_per_organisatie"
            )
        ]

    def __str__(self):
        return f"{self.organisatie.afkorting} onderschrijft #{self.kernpunt_id}"


def bijlage_pad(instance, filename):
    return f"bijlagen/{instance.reactie_id}/{instance.sha256[:32]}.bin"


class Bijlage(GeuploadBestand):
    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField(_("bestand"), upload_to=bijlage_pad)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["reactie", "pk"]

    def __str__(self):
        return self.bestandsnaam

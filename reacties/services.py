"""Use cases on responses (uitvoeringstoetsen). The web UI, the API, commands and tests
all come through here; none of them repeats a rule."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from consultaties.models import datum_fout
from consultaties.uploads import controleer_quotum
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import (
    SYSTEEM,
    TransitieNietToegestaan,
    VerouderdeVersie,
    Werkstroom,
    vereis_toelichting,
    voer_transitie_uit,
)
from tegenkracht.validatie import stuurteken_bericht

from . import permissions
from .models import (
    Antwoord,
    Beoordeling,
    Bijlage,
    Dimensie,
    Gevolgen,
    Herbeoordeling,
    Kernpunt,
    KernpuntHertoets,
    Kostenpost,
    KostenSoort,
    Levensgebeurtenis,
    Onderschrijving,
    Reactie,
    Status,
    te_lang,
)

#: The actions on a response, each declared once on its service below.
WERKSTROOM = Werkstroom("reactie")

OVERGENOMEN = audit_actie("overgenomen_van_vorige_toets", _("Overgenomen van de vorige toets"))
OPGESLAGEN = audit_actie("opgeslagen", _("Concept opgeslagen"))
KERNPUNT_TOEGEVOEGD = audit_actie("kernpunt_toegevoegd", _("Kernpunt toegevoegd"))
ONDERSCHREVEN = audit_actie("onderschreven", _("Kernpunt onderschreven"))
BIJLAGE_TOEGEVOEGD = audit_actie("bijlage_toegevoegd", _("Bijlage toegevoegd"))
SAMENGEVOEGD = audit_actie("samengevoegd", _("Samengevoegd met een ander kernpunt"))
SAMENGEVOEGD_MET = audit_actie("samengevoegd_met", _("Een ander kernpunt is hierin opgegaan"))
VERLOPEN = audit_actie("verlopen", _("Verlopen"))

#: Content fields an organisation edits on its draft.
INHOUD_VELDEN = (
    "eindoordeel",
    "kernboodschap",
    "voorwaarden",
    "risico_procesverstoringen",
    "fte_incidenteel",
    "fte_structureel",
    "invoering_mogelijk_per",
    "doorlooptijd_maanden",
    "beslag_op_portfolio",
    "helpt_burger",
    "burgerperspectief",
    "doenvermogentoets_uitgevoerd",
    "doenvermogen_conclusie",
    "levensgebeurtenissen",
    "aantal_burgers",
    "aantal_bedrijven",
    "prijspeil",
    "ondertekenaar_naam",
    "ondertekenaar_functie",
)


def _na_commit(gebeurtenis: str, reactie: Reactie, toelichting: str = ""):
    """Publish ``reactie.<gebeurtenis>`` after commit (notificaties subscribes)."""
    publiceer_na_commit(f"reactie.{gebeurtenis}", reactie_id=reactie.pk, toelichting=toelichting)


# --- transitions -----------------------------------------------------------------


@WERKSTROOM.actie(
    "starten",
    label=_("Beginnen met opstellen"),
    gelukt=_("U kunt nu de uitvoeringstoets opstellen."),
    logboek=_("Gestart met opstellen"),
    samenvatting="Starten (uitgenodigd → in voorbereiding)",
)
@transaction.atomic
def reactie_starten(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """uitgenodigd → in_voorbereiding. A re-toets starts from the earlier toets."""
    reactie = voer_transitie_uit(reactie, "starten", actor=actor)
    if reactie.vorige_reactie_id:
        _neem_over_van_vorige(reactie)
    return reactie


def _neem_over_van_vorige(reactie: Reactie):
    vorige = Reactie.objects.prefetch_related("beoordelingen", "kosten").get(
        pk=reactie.vorige_reactie_id
    )
    for veld in INHOUD_VELDEN:
        setattr(reactie, veld, getattr(vorige, veld))
    reactie.versie += 1
    reactie.save(update_fields=[*INHOUD_VELDEN, "versie"])
    Beoordeling.objects.bulk_create(
        Beoordeling(
            reactie=reactie, dimensie=b.dimensie, gevolgen=b.gevolgen, toelichting=b.toelichting
        )
        for b in vorige.beoordelingen.all()
    )
    Kostenpost.objects.bulk_create(
        Kostenpost(
            reactie=reactie,
            categorie=k.categorie,
            soort=k.soort,
            bedrag=k.bedrag,
            toelichting=k.toelichting,
        )
        for k in vorige.kosten.all()
    )
    registreer(
        reactie,
        actor=SYSTEEM,
        actie=OVERGENOMEN,
        gegevens={"vorige_reactie": vorige.pk},
    )


@WERKSTROOM.actie(
    "ter_accordering",
    label=_("Ter accordering aanbieden"),
    gelukt=_("De reactie is ter accordering aangeboden."),
    logboek=_("Ter accordering aangeboden"),
    samenvatting="Ter accordering aanbieden (in voorbereiding → ter accordering)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_ter_accordering(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """in_voorbereiding → ter_accordering; needs eindoordeel, kernboodschap and all dimensions."""

    def controleer(obj):
        ontbrekend = obj.ontbrekend_voor_accordering()
        if ontbrekend:
            raise ValidationError(ontbrekend)

    reactie = voer_transitie_uit(
        reactie,
        "ter_accordering",
        actor=actor,
        toelichting=toelichting,
        controleer=controleer,
        transitie_kwargs={"door": actor},
        update_fields=["ter_accordering_door"],
    )
    _na_commit("ter_accordering", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "afkeuren",
    label=_("Intern afkeuren"),
    gelukt=_("De reactie is intern afgekeurd en terug in voorbereiding."),
    logboek=_("Intern afgekeurd"),
    samenvatting="Afkeuren, met toelichting (→ in voorbereiding)",
    toelichting="verplicht",
    gevaar=True,
)
@transaction.atomic
def reactie_afkeuren(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """ter_accordering → in_voorbereiding (the accordeerder rejects internally)."""
    reactie = voer_transitie_uit(
        reactie,
        "afkeuren",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef aan waarom u de reactie afkeurt.")
        ),
        update_fields=["ter_accordering_door"],
    )
    _na_commit("afgekeurd", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "indienen",
    label=_("Accorderen en indienen"),
    gelukt=_("De reactie is geaccordeerd en ingediend bij het secretariaat."),
    logboek=_("Geaccordeerd en ingediend"),
    samenvatting="Accorderen en indienen (vier ogen; ter accordering → ingediend)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_indienen(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """ter_accordering → ingediend: approve and submit, by another accordeerder (four-eyes:
    not who offered it, nor anyone who changed the content since the last approval), before
    the (possibly extended) termijn."""
    if (
        reactie.status == Status.TER_ACCORDERING
        and permissions.is_eigen_accordeerder(actor, reactie)
        and permissions.schreef_mee_aan_versie(actor, reactie)
    ):
        # The same rule is checked again under the lock; this only gives the clear message.
        raise PermissionDenied(
            "U heeft zelf aan deze versie van de reactie geschreven. Een andere accordeerder "
            "moet haar accorderen en indienen (vier-ogenprincipe)."
        )
    reactie = voer_transitie_uit(
        reactie,
        "indienen",
        actor=actor,
        toelichting=toelichting,
        transitie_kwargs={"door": actor},
        update_fields=["ingediend_door", "ingediend_op"],
    )
    _na_commit("ingediend", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "terugsturen",
    label=_("Terugsturen"),
    gelukt=_("De reactie is teruggestuurd naar de organisatie."),
    logboek=_("Teruggestuurd door het secretariaat"),
    samenvatting="Terugsturen door het secretariaat, met toelichting "
    "(ingediend → in voorbereiding)",
    toelichting="verplicht",
    gevaar=True,
)
@transaction.atomic
def reactie_terugsturen(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """ingediend → in_voorbereiding by the secretaris, with a comment."""
    reactie = voer_transitie_uit(
        reactie,
        "terugsturen",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef aan waarom u de reactie terugstuurt.")
        ),
        update_fields=["ter_accordering_door", "ingediend_door", "ingediend_op"],
    )
    _na_commit("teruggestuurd", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "accepteren",
    label=_("Accepteren"),
    gelukt=_("De reactie is geaccepteerd."),
    logboek=_("Geaccepteerd door het secretariaat"),
    samenvatting="Accepteren (ingediend → geaccepteerd)",
    toelichting="optioneel",
    onomkeerbaar=True,
    gevolg=_(
        "De uitvoeringstoets gaat zo het position paper in; u kunt haar daarna niet meer "
        "terugsturen."
    ),
)
@transaction.atomic
def reactie_accepteren(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    return voer_transitie_uit(reactie, "accepteren", actor=actor, toelichting=toelichting)


@WERKSTROOM.actie(
    "intrekken",
    label=_("Intrekken"),
    gelukt=_("De reactie is ingetrokken en terug in voorbereiding."),
    logboek=_("Ingetrokken"),
    samenvatting="Ingediende reactie intrekken (→ in voorbereiding)",
    toelichting="optioneel",
    gevaar=True,
)
@transaction.atomic
def reactie_intrekken(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """ingediend → in_voorbereiding by the organisation itself, while the consultation is open."""
    return voer_transitie_uit(
        reactie,
        "intrekken",
        actor=actor,
        toelichting=toelichting,
        update_fields=["ter_accordering_door", "ingediend_door", "ingediend_op"],
    )


@WERKSTROOM.actie(
    "afzien",
    label=_("Afzien van een reactie"),
    gelukt=_("Uw organisatie ziet af van een reactie."),
    logboek=_("Afgezien van een reactie"),
    samenvatting="Afzien van een reactie, met reden",
    toelichting="verplicht",
    toelichting_label=_("Reden"),
    gevaar=True,
)
@transaction.atomic
def reactie_afzien(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """Decline to respond, with a reason (accordeerder only)."""
    reactie = voer_transitie_uit(
        reactie,
        "afzien",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef een reden om af te zien van een reactie.")
        ),
        transitie_kwargs={"reden": (toelichting or "").strip()},
        update_fields=["afzien_reden"],
    )
    _na_commit("afgezien", reactie, toelichting)
    return reactie


@transaction.atomic
def reactie_laten_verlopen(*, reactie: Reactie, actor=SYSTEEM) -> Reactie:
    """A not-submitted response whose termijn passed: by the deadline job (``SYSTEEM``) or
    with the closing of the consultation by the secretaris."""
    return voer_transitie_uit(
        reactie, VERLOPEN, actor=actor, toelichting="De termijn is verstreken zonder indiening."
    )


def laat_lopende_reacties_verlopen(*, consultatie, actor):
    """A consultation closed: the responses not submitted become ``verlopen``.

    Locks the open responses first: one being submitted right now is waited for and then,
    no longer lopend, left alone (instead of failing the whole close with a 409)."""
    lopend = Reactie.objects.select_for_update().filter(consultatie=consultatie).lopend()
    for reactie in list(lopend):
        reactie_laten_verlopen(reactie=reactie, actor=actor)


@WERKSTROOM.actie(
    "heropenen",
    label=_("Heropenen"),
    gelukt=_("De reactie is heropend."),
    logboek=_("Heropend"),
    samenvatting="Verlopen reactie heropenen (→ in voorbereiding)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_heropenen(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """verlopen → in_voorbereiding by the secretaris; the organisation needs a termijn in the
    future (extend it for that organisation first)."""
    return voer_transitie_uit(
        reactie,
        "heropenen",
        actor=actor,
        toelichting=toelichting,
        update_fields=["ter_accordering_door"],
    )


def reactie_transitie(naam: str, *, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """Run the action ``naam`` (web and API name the actions the same)."""
    return WERKSTROOM.voer_uit(naam, reactie, reactie=reactie, actor=actor, toelichting=toelichting)


def toegestane_acties(user, reactie: Reactie) -> list[str]:
    """The transitions ``user`` may take now (state, conditions and permission)."""
    return WERKSTROOM.toegestaan(user, reactie)


# --- editing the draft ---------------------------------------------------------------


def _decimaal(waarde, veld, fouten):
    if waarde in (None, ""):
        return None
    try:
        getal = Decimal(str(waarde).replace(",", "."))
    except (InvalidOperation, ValueError):
        fouten[veld] = gettext("Vul een getal in.")
        return None
    if not getal.is_finite():  # NaN and Infinity parse, but are no amount
        fouten[veld] = gettext("Vul een getal in.")
        return None
    if getal < 0:
        fouten[veld] = gettext("Vul een getal van 0 of meer in.")
    return getal


def _valideer_inhoud(velden: dict) -> dict:
    fouten = {}
    onbekend = set(velden) - set(INHOUD_VELDEN)
    for veld in onbekend:
        fouten[veld] = gettext("Dit veld bestaat niet of is niet te wijzigen.")
    if "levensgebeurtenissen" in velden:
        waarden = velden["levensgebeurtenissen"] or []
        geldig = set(Levensgebeurtenis.values)
        if not isinstance(waarden, list | tuple) or any(
            not isinstance(w, str) or w not in geldig for w in waarden
        ):
            fouten["levensgebeurtenissen"] = gettext("Kies levensgebeurtenissen uit de lijst.")
        else:
            velden["levensgebeurtenissen"] = sorted(
                set(waarden), key=Levensgebeurtenis.values.index
            )
    for veld in ("fte_incidenteel", "fte_structureel"):
        if veld in velden:
            velden[veld] = _decimaal(velden[veld], veld, fouten)
    if velden.get("invoering_mogelijk_per") not in (None, ""):
        fout = datum_fout(velden["invoering_mogelijk_per"])
        if fout:
            fouten["invoering_mogelijk_per"] = fout
    for veld in (
        "kernboodschap",
        "voorwaarden",
        "beslag_op_portfolio",
        "burgerperspectief",
        "doenvermogen_conclusie",
    ):
        bericht = te_lang(velden[veld], veld) if isinstance(velden.get(veld), str) else None
        if bericht:
            fouten[veld] = bericht
    if "prijspeil" in velden and velden["prijspeil"] not in (None, ""):
        try:
            jaar = int(velden["prijspeil"])
        except (TypeError, ValueError):
            jaar = 0
        if not 2000 <= jaar <= 2100:
            fouten["prijspeil"] = gettext("Geef het prijspeil als jaartal, bijvoorbeeld 2026.")
    return fouten


@transaction.atomic
def reactie_bijwerken(
    *,
    reactie: Reactie,
    actor,
    versie: int,
    velden: dict | None = None,
    beoordelingen: dict | None = None,
    kosten: list | None = None,
    antwoorden: dict | None = None,
    herbeoordelingen: dict | None = None,
) -> Reactie:
    """Save the draft. ``versie`` is the version the editor started from: a stale one raises
    :class:`VerouderdeVersie` (HTTP 409) and nothing is written, so no save is silently lost.

    ``beoordelingen`` maps a dimensie to ``{"gevolgen": …, "toelichting": …}``; ``kosten``
    replaces all cost lines; ``antwoorden`` maps a vraag id to its answer;
    ``herbeoordelingen`` (a hertoets only) maps the id of a kernpunt of the organisation's
    earlier toets to ``{"oordeel": …, "toelichting": …}`` (an empty oordeel clears it).
    """
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied(gettext("U mag deze reactie niet bewerken."))
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "bijwerken",
            gettext(
                "Deze reactie kan nu niet worden bewerkt (status '%(status)s' of de termijn "
                "is verstreken)."
            )
            % {"status": reactie.get_status_display().lower()},
        )
    try:
        versie = int(versie)
    except (TypeError, ValueError):
        raise ValidationError(
            {"versie": gettext("Geef de versie op waarvan u bent uitgegaan.")}
        ) from None
    if versie != reactie.versie:
        raise VerouderdeVersie(
            gettext(
                "Iemand anders heeft deze reactie intussen opgeslagen. Uw wijzigingen zijn niet "
                "opgeslagen; laad de nieuwste versie en breng ze opnieuw aan."
            ),
            obj=reactie,
        )
    velden = dict(velden or {})
    fouten = _valideer_inhoud(velden)
    for veld, waarde in velden.items():
        if veld not in fouten:
            setattr(
                reactie,
                veld,
                ""
                if waarde is None
                and veld
                not in (
                    "fte_incidenteel",
                    "fte_structureel",
                    "invoering_mogelijk_per",
                    "doorlooptijd_maanden",
                    "doenvermogentoets_uitgevoerd",
                    "aantal_burgers",
                    "aantal_bedrijven",
                    "prijspeil",
                )
                else waarde,
            )
    try:
        reactie.full_clean(
            exclude=[
                "consultatie",
                "organisatie",
                "status",
                "vorige_reactie",
                "ter_accordering_door",
                "ingediend_door",
            ],
            validate_unique=False,
        )
    except ValidationError as fout:
        for veld, berichten in fout.message_dict.items():
            fouten.setdefault(veld, " ".join(berichten))
    # Wrongly shaped input (e.g. from the API) is a validation error, never a crash.
    if beoordelingen and not isinstance(beoordelingen, dict):
        fouten["beoordelingen"] = gettext("Geef per dimensie de gevolgen en een toelichting op.")
        beoordelingen = None
    if kosten is not None and not isinstance(kosten, list | tuple):
        fouten["kosten"] = gettext("Geef de kosten op als een lijst van kostenposten.")
        kosten = None
    if antwoorden and not isinstance(antwoorden, dict):
        fouten["antwoorden"] = gettext("Geef per vraag een antwoord op.")
        antwoorden = None
    nieuwe_beoordelingen = _valideer_beoordelingen(beoordelingen, fouten) if beoordelingen else {}
    nieuwe_kosten = _valideer_kosten(kosten, fouten) if kosten is not None else None
    nieuwe_antwoorden = _valideer_antwoorden(reactie, antwoorden, fouten) if antwoorden else {}
    if herbeoordelingen and not isinstance(herbeoordelingen, dict):
        fouten["herbeoordelingen"] = gettext("Geef per kernpunt van de eerdere toets een oordeel.")
        herbeoordelingen = None
    nieuwe_herbeoordelingen = (
        _valideer_herbeoordelingen(reactie, herbeoordelingen, fouten) if herbeoordelingen else {}
    )
    if fouten:
        raise ValidationError(fouten)

    reactie.versie = reactie.versie + 1
    reactie.save(update_fields=[*velden, "versie", "gewijzigd_op"])
    for dimensie, waarden in nieuwe_beoordelingen.items():
        Beoordeling.objects.update_or_create(reactie=reactie, dimensie=dimensie, defaults=waarden)
    if nieuwe_kosten is not None:
        reactie.kosten.all().delete()
        Kostenpost.objects.bulk_create(Kostenpost(reactie=reactie, **k) for k in nieuwe_kosten)
    for vraag_id, tekst in nieuwe_antwoorden.items():
        Antwoord.objects.update_or_create(
            reactie=reactie, vraag_id=vraag_id, defaults={"tekst": tekst}
        )
    for kernpunt_id, waarden in nieuwe_herbeoordelingen.items():
        if waarden["oordeel"]:
            KernpuntHertoets.objects.update_or_create(
                reactie=reactie, kernpunt_id=kernpunt_id, defaults=waarden
            )
        else:
            reactie.herbeoordelingen.filter(kernpunt_id=kernpunt_id).delete()
    gegevens = {
        "versie": reactie.versie,
        "velden": sorted(velden),
        "dimensies": sorted(nieuwe_beoordelingen),
    }
    if nieuwe_herbeoordelingen:
        gegevens["herbeoordelingen"] = sorted(nieuwe_herbeoordelingen)
    registreer(reactie, actor=actor, actie=OPGESLAGEN, gegevens=gegevens)
    return reactie


def _valideer_beoordelingen(beoordelingen: dict, fouten: dict) -> dict:
    resultaat = {}
    for dimensie, waarden in beoordelingen.items():
        if dimensie not in Dimensie.values:
            fouten[f"beoordelingen.{dimensie}"] = gettext("Onbekende dimensie.")
            continue
        if waarden is not None and not isinstance(waarden, dict):
            fouten[f"beoordelingen.{dimensie}"] = gettext("Geef de gevolgen en een toelichting op.")
            continue
        gevolgen = (waarden or {}).get("gevolgen") or ""
        if gevolgen and gevolgen not in Gevolgen.values:
            fouten[f"beoordelingen.{dimensie}.gevolgen"] = gettext("Kies een niveau uit de lijst.")
            continue
        toelichting = (waarden or {}).get("toelichting") or ""
        if bericht := stuurteken_bericht(str(toelichting)) or te_lang(
            str(toelichting), "toelichting"
        ):
            fouten[f"beoordelingen.{dimensie}.toelichting"] = bericht
            continue
        resultaat[dimensie] = {"gevolgen": gevolgen, "toelichting": toelichting}
    return resultaat


def _valideer_kosten(kosten: list, fouten: dict) -> list:
    from .models import KostenCategorie, KostenJaar

    resultaat = []
    for index, post in enumerate(kosten):
        sleutel = f"kosten.{index}"
        if not isinstance(post, dict):
            fouten[sleutel] = gettext("Geef categorie, soort en bedrag van de kostenpost op.")
            continue
        if post.get("categorie") not in KostenCategorie.values:
            fouten[f"{sleutel}.categorie"] = gettext("Kies een kostencategorie.")
        if post.get("soort") not in KostenSoort.values:
            fouten[f"{sleutel}.soort"] = gettext("Kies incidenteel of structureel.")
        bedrag = _decimaal(post.get("bedrag"), f"{sleutel}.bedrag", fouten)
        if bedrag is None and f"{sleutel}.bedrag" not in fouten:
            fouten[f"{sleutel}.bedrag"] = gettext("Vul een bedrag in euro in.")
        elif bedrag is not None and bedrag >= Decimal("1e12"):
            fouten[f"{sleutel}.bedrag"] = gettext("Dit bedrag is te groot.")
        if bericht := stuurteken_bericht(str(post.get("toelichting") or "")):
            fouten[f"{sleutel}.toelichting"] = bericht
        jaar = post.get("jaar")
        if jaar in ("", None) or post.get("soort") == KostenSoort.STRUCTUREEL:
            jaar = None
        else:
            try:
                jaar = int(jaar)
            except (TypeError, ValueError):
                jaar = -1
            if jaar not in KostenJaar.values:
                fouten[f"{sleutel}.jaar"] = gettext(
                    "Kies het jaar: T (jaar van inwerkingtreding) tot T+4."
                )
        resultaat.append(
            {
                "categorie": post.get("categorie"),
                "soort": post.get("soort"),
                "bedrag": bedrag,
                "jaar": jaar,
                "toelichting": (post.get("toelichting") or "")[:500],
            }
        )
    return resultaat


def _valideer_antwoorden(reactie: Reactie, antwoorden: dict, fouten: dict) -> dict:
    vraag_ids = set(reactie.consultatie.vragen.values_list("pk", flat=True))
    resultaat = {}
    for vraag_id, tekst in antwoorden.items():
        try:
            vraag_id = int(vraag_id)
        except (TypeError, ValueError):
            vraag_id = None
        if vraag_id not in vraag_ids:
            fouten[f"antwoorden.{vraag_id}"] = gettext("Deze vraag hoort niet bij de consultatie.")
            continue
        if bericht := stuurteken_bericht(str(tekst or "")):
            fouten[f"antwoorden.{vraag_id}"] = bericht
            continue
        if bericht := te_lang(tekst, "antwoord"):
            fouten[f"antwoorden.{vraag_id}"] = bericht
            continue
        resultaat[vraag_id] = tekst or ""
    return resultaat


def eerdere_kernpunten(reactie: Reactie) -> list[dict]:
    """In a hertoets: the kernpunten of the organisation's own earlier toets as the paper
    sent to the ministry about the earlier consultation froze them (number, text), each
    with what the ministry recorded for it (``Verwerking``) and the organisation's current
    marking (``KernpuntHertoets``). Empty for a first toets, or when no paper about the
    earlier consultation was sent (then there is no K-number and no verwerking to judge).
    Three small queries, whatever the number of kernpunten.
    """
    if not reactie.vorige_reactie_id:
        return []
    from rapporten.models import Rapport, Verwerking
    from rapporten.models import Status as RapportStatus

    rapport = (
        Rapport.objects.filter(
            consultatie__reacties=reactie.vorige_reactie_id, status=RapportStatus.VERZONDEN
        )
        .only("pk", "versie", "snapshot")
        .first()
    )
    if rapport is None:
        return []
    kernpunten = [
        k
        for k in rapport.snapshot.get("kernpunten", [])
        if k.get("organisatie", {}).get("id") == reactie.organisatie_id
    ]
    verwerkingen = {
        v.kernpunt_id: v
        for v in Verwerking.objects.filter(
            rapport=rapport, kernpunt_id__in=[k["id"] for k in kernpunten]
        )
    }
    markeringen = {
        h.kernpunt_id: h
        for h in KernpuntHertoets.objects.filter(
            reactie_id=reactie.pk, kernpunt_id__in=[k["id"] for k in kernpunten]
        )
    }
    resultaat = []
    for k in kernpunten:
        verwerking = verwerkingen.get(k["id"])
        markering = markeringen.get(k["id"])
        resultaat.append(
            {
                "id": k["id"],
                "nummer": k.get("nummer", ""),
                "tekst": k["tekst"],
                "dimensie_label": k.get("dimensie_label", ""),
                "ernst_label": k.get("ernst_label", ""),
                "rapport_versie": rapport.versie,
                "verwerking": verwerking.uitkomst if verwerking else "",
                "verwerking_label": verwerking.get_uitkomst_display() if verwerking else "",
                "verwerking_toelichting": verwerking.toelichting if verwerking else "",
                "oordeel": markering.oordeel if markering else "",
                "oordeel_label": markering.get_oordeel_display() if markering else "",
                "toelichting": markering.toelichting if markering else "",
            }
        )
    return resultaat


def _valideer_herbeoordelingen(reactie: Reactie, herbeoordelingen: dict, fouten: dict) -> dict:
    toegestaan = {k["id"] for k in eerdere_kernpunten(reactie)}
    resultaat = {}
    for kernpunt_id, waarden in herbeoordelingen.items():
        try:
            kernpunt_id = int(kernpunt_id)
        except (TypeError, ValueError):
            kernpunt_id = None
        sleutel = f"herbeoordelingen.{kernpunt_id}"
        if kernpunt_id not in toegestaan:
            fouten[sleutel] = gettext(
                "Dit kernpunt hoort niet bij uw eerdere toets in het verzonden position paper."
            )
            continue
        if waarden is not None and not isinstance(waarden, dict):
            fouten[sleutel] = gettext("Geef een oordeel en eventueel een toelichting op.")
            continue
        oordeel = (waarden or {}).get("oordeel") or ""
        if oordeel and oordeel not in Herbeoordeling.values:
            fouten[f"{sleutel}.oordeel"] = gettext(
                "Kies opgelost, deels opgelost of niet opgelost."
            )
            continue
        toelichting = (waarden or {}).get("toelichting") or ""
        if not isinstance(toelichting, str):
            fouten[f"{sleutel}.toelichting"] = gettext("Geef de toelichting als tekst.")
            continue
        if bericht := stuurteken_bericht(toelichting) or te_lang(toelichting, "herbeoordeling"):
            fouten[f"{sleutel}.toelichting"] = bericht
            continue
        if toelichting.strip() and not oordeel:
            fouten[f"{sleutel}.oordeel"] = gettext(
                "Kies opgelost, deels opgelost of niet opgelost bij uw toelichting."
            )
            continue
        resultaat[kernpunt_id] = {"oordeel": oordeel, "toelichting": toelichting}
    return resultaat


# --- kernpunten ----------------------------------------------------------------------


@transaction.atomic
def kernpunt_toevoegen(
    *,
    reactie: Reactie,
    actor,
    dimensie: str,
    tekst: str,
    artikel: str = "",
    voorgestelde_wijziging: str = "",
    ernst: str = "belangrijk",
) -> Kernpunt:
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied("U mag geen kernpunten toevoegen aan deze reactie.")
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "kernpunt_toevoegen",
            gettext("Kernpunten kunnen alleen worden toegevoegd aan een reactie in voorbereiding."),
        )
    fouten = {}
    if bericht := te_lang(tekst, "kernpunt"):
        fouten["tekst"] = bericht
    if bericht := te_lang(voorgestelde_wijziging, "voorgestelde_wijziging"):
        fouten["voorgestelde_wijziging"] = bericht
    if fouten:
        raise ValidationError(fouten)
    kernpunt = Kernpunt(
        reactie=reactie,
        dimensie=dimensie,
        tekst=(tekst or "").strip(),
        artikel=artikel,
        voorgestelde_wijziging=voorgestelde_wijziging,
        ernst=ernst,
    )
    kernpunt.full_clean()
    kernpunt.save()
    registreer(reactie, actor=actor, actie=KERNPUNT_TOEGEVOEGD, gegevens={"kernpunt": kernpunt.pk})
    return kernpunt


@transaction.atomic
def kernpunt_onderschrijven(*, kernpunt: Kernpunt, actor) -> Onderschrijving:
    """Another organisation endorses a kernpunt once the consultation has closed."""
    kernpunt = Kernpunt.objects.select_related("reactie__consultatie").get(pk=kernpunt.pk)
    if (
        not actor.is_organisatie_medewerker
        or actor.organisatie_id == kernpunt.reactie.organisatie_id
        or not permissions.is_uitgenodigd(actor, kernpunt.reactie.consultatie)
    ):
        raise PermissionDenied(
            gettext("Alleen andere uitvoeringsorganisaties kunnen dit kernpunt onderschrijven.")
        )
    if permissions.al_onderschreven(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Uw organisatie onderschrijft dit kernpunt al."),
        )
    if not permissions.kan_onderschrijven(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Kernpunten kunnen worden onderschreven zodra de consultatie is gesloten."),
        )
    try:
        with transaction.atomic():
            onderschrijving = Onderschrijving.objects.create(
                kernpunt=kernpunt, organisatie=actor.organisatie, door=actor
            )
    except IntegrityError as fout:
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Uw organisatie onderschrijft dit kernpunt al."),
        ) from fout
    registreer(kernpunt, actor=actor, actie=ONDERSCHREVEN, toelichting=actor.organisatie.afkorting)
    return onderschrijving


# --- attachments ----------------------------------------------------------------------


@transaction.atomic
def reactie_bijlage_toevoegen(*, reactie: Reactie, actor, bestand) -> Bijlage:
    """Attach a PDF, DOCX or ODT (checked by content) to a draft of the own organisation."""
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied(gettext("U mag geen bijlagen toevoegen aan deze reactie."))
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "bijlage_toevoegen",
            gettext("Bijlagen kunnen alleen worden toegevoegd aan een reactie in voorbereiding."),
        )
    try:
        controleer_quotum(
            reactie.bijlagen.all(),
            bestand.size,
            max_aantal=settings.MAX_BIJLAGEN_PER_REACTIE,
            max_bytes=settings.MAX_BIJLAGEN_BYTES_PER_REACTIE,
        )
    except ValidationError as fout:
        raise ValidationError({"bestand": fout.messages}) from fout
    bijlage = Bijlage(reactie=reactie)
    bijlage.neem_upload(bestand, door=actor, opslagnaam="bijlage")
    bijlage.save()
    registreer(
        reactie,
        actor=actor,
        actie=BIJLAGE_TOEGEVOEGD,
        toelichting=bijlage.bestandsnaam,
        gegevens={"bijlage": bijlage.pk, "sha256": bijlage.sha256},
    )
    return bijlage


@transaction.atomic
def kernpunt_samenvoegen(
    *, kernpunt: Kernpunt, in_kernpunt: Kernpunt, actor, toelichting: str = ""
):
    """The secretaris merges a duplicate kernpunt into another of the same consultation.

    The organisation that raised the duplicate and everyone who endorsed it become endorsers
    of the kernpunt it is merged into, so no support is lost; the duplicate stays (for the
    record) but no longer counts on its own.
    """
    duplicaat = (
        Kernpunt.objects.select_for_update()
        .select_related("reactie__consultatie")
        .get(pk=kernpunt.pk)
    )
    doel = Kernpunt.objects.select_for_update().select_related("reactie").get(pk=in_kernpunt.pk)
    if not permissions.mag_samenvoegen(actor):
        raise PermissionDenied(gettext("Alleen het secretariaat kan kernpunten samenvoegen."))
    if not permissions.kan_samenvoegen(actor, duplicaat):
        raise TransitieNietToegestaan(
            duplicaat.reactie,
            "samenvoegen",
            gettext("Kernpunten samenvoegen kan alleen zolang de consultatie open of gesloten is."),
        )
    if duplicaat.pk == doel.pk or duplicaat.reactie.consultatie_id != doel.reactie.consultatie_id:
        raise ValidationError(
            {"in_kernpunt": gettext("Kies een ander kernpunt van dezelfde consultatie.")}
        )
    if duplicaat.samengevoegd_in_id or doel.samengevoegd_in_id:
        raise TransitieNietToegestaan(
            duplicaat.reactie, "samenvoegen", gettext("Een van deze kernpunten is al samengevoegd.")
        )
    al = set(doel.onderschrijvingen.values_list("organisatie_id", flat=True))
    al.add(doel.reactie.organisatie_id)
    nieuw = []
    for onderschrijving in duplicaat.onderschrijvingen.select_related("organisatie", "door"):
        if onderschrijving.organisatie_id not in al:
            al.add(onderschrijving.organisatie_id)
            nieuw.append(
                Onderschrijving(
                    kernpunt=doel,
                    organisatie=onderschrijving.organisatie,
                    door=onderschrijving.door,
                    op=onderschrijving.op,
                )
            )
    if duplicaat.reactie.organisatie_id not in al:
        nieuw.append(
            Onderschrijving(kernpunt=doel, organisatie=duplicaat.reactie.organisatie, door=actor)
        )
    Onderschrijving.objects.bulk_create(nieuw)
    duplicaat.samengevoegd_in = doel
    duplicaat.save(update_fields=["samengevoegd_in"])
    registreer(
        duplicaat,
        actor=actor,
        actie=SAMENGEVOEGD,
        toelichting=toelichting,
        gegevens={"in_kernpunt": doel.pk},
    )
    registreer(
        doel,
        actor=actor,
        actie=SAMENGEVOEGD_MET,
        toelichting=toelichting,
        gegevens={
            "kernpunt": duplicaat.pk,
            "onderschrijvers": sorted(o.organisatie_id for o in nieuw),
        },
    )
    return doel

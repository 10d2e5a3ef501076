# ruff: noqa: E501 - the matrix reads best as one row per endpoint.
"""The authorisation matrix: every endpoint × every role × own/other organisation, from ONE
table. A new endpoint without a row fails ``test_elk_endpoint_staat_in_de_tabel``.

Columns (the actor making the request):
  anon    not logged in
  sec     the secretaris
  ops_a   opsteller of organisation A (owns the response; invited)
  acc_a   accordeerder of A
  ops_b   opsteller of organisation B (invited too, another organisation)
  acc_b   accordeerder of B
  ops_c   opsteller of organisation C (not invited)
  min     the requesting ministry
  min_x   another ministry
  beh_a   beheerder of A: manages A's accounts, sees nothing of the workflow (#18)

Each row names a situation (built through the services) and a request; the expected
status per column follows DESIGN.md: 404 for what the actor may not see, 403 for what the
role may not do, 401 without login.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from organisaties.models import Gebruiker, Organisatie
from rapporten import pdf as rapport_pdf
from rapporten import services as rapport_services
from rapporten.models import Rapport
from reacties import services as reactie_services
from reacties.models import Kernpunt, Reactie
from tests import factories
from tests.apihulp import api_client
from tests.omgeving import snelle_instellingen
from tests.rapporten.helpers import kleine_pdf

KOLOMMEN = ("anon", "sec", "ops_a", "acc_a", "ops_b", "acc_b", "ops_c", "min", "min_x", "beh_a")


@dataclass
class Wereld:
    """The cast and one open consultation of the ministry, with A and B invited."""

    gebruikers: dict
    consultatie: object
    reactie_a: object
    org_c: object
    ministerie: object
    extra: dict = field(default_factory=dict)  # ids a situation leaves for the request body

    def __getitem__(self, naam):
        return self.gebruikers[naam]


# --- the world, built once -------------------------------------------------------------
# Every case used to build the cast, the consultation and its situation anew: a fifth of
# the suite's time. Now the module builds the cast once and each row its situation once,
# each in a transaction that is rolled back afterwards; every case runs in a savepoint
# inside that (pytest-django's ``db``), so each request still starts from the same state.


@pytest.fixture(scope="module")
def _omgeving_van_de_module(tmp_path_factory):
    """The settings of tests/conftest.py, for the whole module: the shared world's files
    stay in one folder and its passwords use the test hasher. The paper is one page."""
    instellingen = snelle_instellingen(tmp_path_factory.mktemp("bestanden"))
    with override_settings(**instellingen), pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(rapport_pdf, "render_pdf", kleine_pdf)
        yield


@pytest.fixture(autouse=True)
def _snelle_omgeving(_omgeving_van_de_module):
    """Replaces the per-test settings of tests/conftest.py with the module's."""


@contextmanager
def teruggedraaid(django_db_blocker):
    """A transaction that is always rolled back, outside any test's own."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _cast(django_db_setup, django_db_blocker, _omgeving_van_de_module):
    """The cast and one open consultation of the ministry, with A and B invited; the
    primary keys, so each row reads fresh objects."""
    with teruggedraaid(django_db_blocker):
        ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
        org_a = factories.OrganisatieFactory(afkorting="UWV", naam="UWV")
        org_b = factories.OrganisatieFactory(afkorting="SVB", naam="SVB")
        org_c = factories.OrganisatieFactory(afkorting="DUO", naam="DUO")
        ander_ministerie = factories.MinisterieFactory(afkorting="OCW", naam="Ministerie van OCW")
        gebruikers = {
            "sec": factories.secretaris(),
            "ops_a": factories.opsteller(org_a),
            "acc_a": factories.accordeerder(org_a),
            "ops_b": factories.opsteller(org_b),
            "acc_b": factories.accordeerder(org_b),
            "ops_c": factories.opsteller(org_c),
            "min": factories.ministerie_medewerker(ministerie),
            "min_x": factories.ministerie_medewerker(ander_ministerie),
            "beh_a": factories.beheerder(org_a),
        }
        consultatie = factories.consultatie(
            secretaris_gebruiker=gebruikers["sec"],
            ministerie=ministerie,
            organisaties=[org_a, org_b],
            open=True,
        )
        yield {
            "gebruikers": {kolom: g.pk for kolom, g in gebruikers.items()},
            "consultatie": consultatie.pk,
            "reactie_a": consultatie.reacties.get(organisatie=org_a).pk,
            "org_c": org_c.pk,
            "ministerie": ministerie.pk,
        }


def laad_wereld(pks) -> Wereld:
    personen = Gebruiker.objects.in_bulk(pks["gebruikers"].values())
    return Wereld(
        gebruikers={"anon": None} | {k: personen[pk] for k, pk in pks["gebruikers"].items()},
        consultatie=Consultatie.objects.get(pk=pks["consultatie"]),
        reactie_a=Reactie.objects.get(pk=pks["reactie_a"]),
        org_c=Organisatie.objects.get(pk=pks["org_c"]),
        ministerie=Organisatie.objects.get(pk=pks["ministerie"]),
    )


@pytest.fixture(scope="module")
def rij(request, _cast, django_db_blocker):
    """One row's situation, built once for its nine columns."""
    methode, pad = request.param
    regel = TABEL[(methode, pad)]
    with teruggedraaid(django_db_blocker):
        wereld = laad_wereld(_cast)
        yield methode, pad.format(**regel.situatie(wereld)), regel, wereld


# --- situations: each returns the values for the path ---------------------------------


def open_consultatie(w):
    return {"id": w.consultatie.pk}


def concept_consultatie(w):
    c = factories.consultatie(
        secretaris_gebruiker=w["sec"],
        ministerie=w.ministerie,
        organisaties=[w["ops_a"].organisatie],
    )
    return {"id": c.pk}


def gesloten_consultatie(w):
    c = consultatie_services.consultatie_sluiten(consultatie=w.consultatie, actor=w["sec"])
    return {"id": c.pk}


def gesloten_met_definitief_rapport(w):
    waarden = gesloten_consultatie(w)
    Rapport.objects.create(consultatie=w.consultatie, versie=1, status="definitief")
    return waarden


def verzonden_consultatie(w):
    from rapporten.services import rapport_verzenden_voor_consultatie

    waarden = gesloten_met_definitief_rapport(w)
    rapport_verzenden_voor_consultatie(consultatie=w.consultatie, actor=w["sec"])
    return waarden


def reactie_uitgenodigd(w):
    return {"id": w.reactie_a.pk}


def reactie_in_voorbereiding(w):
    reactie = reactie_services.reactie_starten(reactie=w.reactie_a, actor=w["ops_a"])
    factories.vul_reactie_in(reactie, w["ops_a"])
    return {"id": reactie.pk}


def reactie_met_bijlage(w):
    situatie = reactie_in_voorbereiding(w)
    bijlage = reactie_services.reactie_bijlage_toevoegen(
        reactie=w.reactie_a, actor=w["ops_a"], bestand=factories.pdf_upload()
    )
    return {**situatie, "bijlage_pk": bijlage.pk}


def reactie_ter_accordering(w):
    reactie_in_voorbereiding(w)
    reactie_services.reactie_ter_accordering(reactie=w.reactie_a, actor=w["ops_a"])
    return {"id": w.reactie_a.pk}


def reactie_ingediend(w):
    reactie_ter_accordering(w)
    reactie_services.reactie_indienen(reactie=w.reactie_a, actor=w["acc_a"])
    return {"id": w.reactie_a.pk}


def reactie_verlopen_en_heropend_consultatie(w):
    consultatie_services.consultatie_sluiten(consultatie=w.consultatie, actor=w["sec"])
    consultatie_services.consultatie_heropenen(
        consultatie=w.consultatie, actor=w["sec"], termijn=timezone.now() + timedelta(days=7)
    )
    return {"id": w.reactie_a.pk}


def kernpunt_na_sluiten(w):
    reactie_in_voorbereiding(w)
    kernpunt = reactie_services.kernpunt_toevoegen(
        reactie=w.reactie_a, actor=w["ops_a"], dimensie="ict", tekst="Koppeling met de BRP."
    )
    reactie_services.reactie_ter_accordering(reactie=w.reactie_a, actor=w["ops_a"])
    reactie_services.reactie_indienen(reactie=w.reactie_a, actor=w["acc_a"])
    reactie_services.reactie_accepteren(reactie=w.reactie_a, actor=w["sec"])
    consultatie_services.consultatie_sluiten(consultatie=w.consultatie, actor=w["sec"])
    return {"id": Kernpunt.objects.get(pk=kernpunt.pk).pk}


def twee_kernpunten_na_sluiten(w):
    reactie_in_voorbereiding(w)
    eerste, tweede = (
        reactie_services.kernpunt_toevoegen(
            reactie=w.reactie_a, actor=w["ops_a"], dimensie="ict", tekst=tekst
        )
        for tekst in ("Koppeling met de BRP.", "Koppeling met de BRP is nodig.")
    )
    reactie_services.reactie_ter_accordering(reactie=w.reactie_a, actor=w["ops_a"])
    reactie_services.reactie_indienen(reactie=w.reactie_a, actor=w["acc_a"])
    reactie_services.reactie_accepteren(reactie=w.reactie_a, actor=w["sec"])
    consultatie_services.consultatie_sluiten(consultatie=w.consultatie, actor=w["sec"])
    w.extra["in_kernpunt"] = tweede.pk
    return {"id": eerste.pk}


def gesloten_met_geaccepteerde_reactie(w):
    w.extra["kernpunt"] = kernpunt_na_sluiten(w)["id"]
    return {"id": w.consultatie.pk}


def rapport_concept(w):
    gesloten_met_geaccepteerde_reactie(w)
    rapport = rapport_services.rapport_aanmaken(
        consultatie=w.consultatie, actor=w["sec"], op_achtergrond=False
    )
    w.extra["rapport"] = rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)
    return {"id": rapport.pk}


def rapport_definitief(w):
    waarden = rapport_concept(w)
    rapport_services.rapport_definitief_maken(rapport=w.extra["rapport"], actor=w["sec"])
    return waarden


def rapport_verzonden(w):
    waarden = rapport_definitief(w)
    rapport_services.rapport_verzenden(rapport=w.extra["rapport"], actor=w["sec"])
    return waarden


def rapport_openbaar(w):
    waarden = rapport_verzonden(w)
    rapport_services.rapport_publiceren(rapport=w.extra["rapport"], actor=w["sec"])
    return waarden


def geen(w):
    return {}


def thema_zonder_kernpunten(w):
    from themas.models import Thema

    return {"id": Thema.objects.create(name="Invoeringstermijn", slug="invoeringstermijn").pk}


# --- request bodies ---------------------------------------------------------------------


def nieuwe_consultatie(w):
    return {
        "titel": "Wet nieuw",
        "instrument": "amvb",
        "ministerie": w.ministerie.pk,
        "termijn": (timezone.now() + timedelta(days=10)).isoformat(),
    }


def pdf(w):
    return {"bestand": SimpleUploadedFile("concept.pdf", factories.PDF_BYTES)}


def termijn_later(w):
    return {"termijn": (timezone.now() + timedelta(days=60)).isoformat()}


def uitnodiging_c(w):
    return {"organisaties": [w.org_c.pk]}


def inhoud(w):
    w.reactie_a.refresh_from_db()
    return {"versie": w.reactie_a.versie, "kernboodschap": "Bijgewerkt."}


def kernpunt(w):
    return {"dimensie": "privacy", "tekst": "Grondslag voor gegevensdeling ontbreekt."}


def toelichting(w):
    return {"toelichting": "Met reden."}


def samenvatting(w):
    return {"bestuurlijkeSamenvatting": "Het netwerk steunt het doel.", "aanbevelingen": ""}


def verwerking(w):
    return {"kernpunt": w.extra["kernpunt"], "uitkomst": "overgenomen", "toelichting": "Artikel 3."}


def samenvoegen(w):
    return {"inKernpunt": w.extra["in_kernpunt"]}


def inloggegevens(w):
    return {"username": "secretaris", "password": "geheim-wachtwoord-123"}


@dataclass(frozen=True)
class Regel:
    situatie: object
    verwacht: str
    body: object = None
    multipart: bool = False

    def codes(self) -> dict:
        waarden = [int(code) for code in self.verwacht.split()]
        assert len(waarden) == len(KOLOMMEN), self.verwacht
        return dict(zip(KOLOMMEN, waarden, strict=True))


def abonnement_a(w):
    from koppelingen.services import abonnement_aanmaken

    return {"id": abonnement_aanmaken(actor=w["ops_a"], url="https://haak.uwv.example.nl/").pk}


def haak(w):
    return {"url": "https://haak.example.nl/tegenkracht"}


A = "/abonnementen/{id}"


def open_consultatie_met_document(w):
    return {"id": w.consultatie.pk, "document_pk": w.consultatie.documenten.get().pk}


C = "/consultaties/{id}"
R = "/reacties/{id}"
P = "/rapporten/{id}"

#                                                                   anon sec ops_a acc_a ops_b acc_b ops_c min min_x beh_a
TABEL = {
    ("POST", "/auth/token"): Regel(geen, "200 200 200 200 200 200 200 200 200 200", inloggegevens),
    ("POST", "/auth/uitloggen"): Regel(geen, "401 204 204 204 204 204 204 204 204 204"),
    ("POST", "/auth/uitloggen-overal"): Regel(geen, "401 204 204 204 204 204 204 204 204 204"),
    ("GET", "/openapi.json"): Regel(geen, "200 200 200 200 200 200 200 200 200 200"),
    ("GET", "/docs"): Regel(geen, "200 200 200 200 200 200 200 200 200 200"),
    ("GET", "/organisaties"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    ("GET", "/consultaties"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    ("POST", "/consultaties"): Regel(geen, "401 201 403 403 403 403 403 403 403 403", nieuwe_consultatie),
    ("GET", C): Regel(open_consultatie, "401 200 200 200 200 200 404 200 404 404"),
    ("PATCH", C): Regel(open_consultatie, "401 200 403 403 403 403 404 403 404 404", lambda w: {"versie": 1, "titel": "Nieuw"}),
    ("GET", C + "/tijdlijn"): Regel(open_consultatie, "401 200 200 200 200 200 404 200 404 404"),
    ("GET", C + "/documenten"): Regel(open_consultatie, "401 200 200 200 200 200 404 200 404 404"),
    ("GET", C + "/documenten/{document_pk}"): Regel(open_consultatie_met_document, "401 200 200 200 200 200 404 200 404 404"),
    ("POST", C + "/uitnodigingen"): Regel(open_consultatie, "401 201 403 403 403 403 404 403 404 404", uitnodiging_c),
    ("POST", C + "/documenten"): Regel(open_consultatie, "401 201 403 403 403 403 404 403 404 404", pdf, multipart=True),
    ("POST", C + "/termijn-verlengen"): Regel(open_consultatie, "401 200 403 403 403 403 404 403 404 404", termijn_later),
    ("POST", C + "/openstellen"): Regel(concept_consultatie, "401 200 404 404 404 404 404 404 404 404"),
    ("POST", C + "/sluiten"): Regel(open_consultatie, "401 200 403 403 403 403 404 403 404 404"),
    ("POST", C + "/heropenen"): Regel(gesloten_consultatie, "401 200 403 403 403 403 404 403 404 404", termijn_later),
    ("POST", C + "/verzenden"): Regel(gesloten_met_definitief_rapport, "401 200 403 403 403 403 404 403 404 404"),
    ("POST", C + "/afronden"): Regel(verzonden_consultatie, "401 200 403 403 403 403 404 403 404 404"),
    ("POST", C + "/intrekken"): Regel(open_consultatie, "401 200 403 403 403 403 404 403 404 404", toelichting),
    ("GET", "/reacties"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    ("GET", R): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("PATCH", R): Regel(reactie_in_voorbereiding, "401 403 200 200 404 404 404 404 404 404", inhoud),
    ("POST", R + "/starten"): Regel(reactie_uitgenodigd, "401 403 200 200 404 404 404 404 404 404"),
    ("POST", R + "/ter-accordering"): Regel(reactie_in_voorbereiding, "401 403 200 200 404 404 404 404 404 404"),
    ("POST", R + "/afkeuren"): Regel(reactie_ter_accordering, "401 403 403 200 404 404 404 404 404 404", toelichting),
    ("POST", R + "/indienen"): Regel(reactie_ter_accordering, "401 403 403 200 404 404 404 404 404 404"),
    ("POST", R + "/terugsturen"): Regel(reactie_ingediend, "401 200 403 403 404 404 404 404 404 404", toelichting),
    ("POST", R + "/accepteren"): Regel(reactie_ingediend, "401 200 403 403 404 404 404 404 404 404"),
    ("POST", R + "/afzien"): Regel(reactie_uitgenodigd, "401 403 403 200 404 404 404 404 404 404", toelichting),
    ("POST", R + "/intrekken"): Regel(reactie_ingediend, "401 403 200 200 404 404 404 404 404 404"),
    ("POST", R + "/heropenen"): Regel(reactie_verlopen_en_heropend_consultatie, "401 200 403 403 404 404 404 404 404 404"),
    ("GET", R + "/tijdlijn"): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("GET", R + "/eerdere-kernpunten"): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("GET", R + "/eerdere-standpunten"): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("GET", R + "/kernpunten"): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("POST", R + "/kernpunten"): Regel(reactie_in_voorbereiding, "401 403 201 201 404 404 404 404 404 404", kernpunt),
    ("GET", R + "/bijlagen"): Regel(reactie_in_voorbereiding, "401 200 200 200 404 404 404 404 404 404"),
    ("POST", R + "/bijlagen"): Regel(reactie_in_voorbereiding, "401 403 201 201 404 404 404 404 404 404", pdf, multipart=True),
    ("GET", R + "/bijlagen/{bijlage_pk}"): Regel(reactie_met_bijlage, "401 200 200 200 404 404 404 404 404 404"),
    ("POST", "/kernpunten/{id}/onderschrijven"): Regel(kernpunt_na_sluiten, "401 403 403 403 201 201 404 404 404 404"),
    ("POST", "/kernpunten/{id}/samenvoegen"): Regel(twee_kernpunten_na_sluiten, "401 200 403 403 403 403 404 404 404 404", samenvoegen),
    ("POST", C + "/rapporten"): Regel(gesloten_met_geaccepteerde_reactie, "401 202 403 403 403 403 404 403 404 404", samenvatting),
    ("GET", "/rapporten"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    # A selection: always 200 with a result per item (the item's own 403/404: test_accepteren_selectie).
    ("POST", "/reacties/accepteren"): Regel(reactie_ingediend, "401 200 200 200 200 200 200 200 200 200", lambda w: {"reacties": [w.reactie_a.pk]}),
    # The sent paper: also for the organisation whose response is in it (A), not for B
    # (invited, response not accepted) or C (not invited).
    ("GET", P): Regel(rapport_verzonden, "401 200 200 200 404 404 404 200 404 404"),
    ("GET", P + "/pdf"): Regel(rapport_verzonden, "401 200 200 200 404 404 404 200 404 404"),
    ("GET", P + "/tijdlijn"): Regel(rapport_verzonden, "401 200 200 200 404 404 404 200 404 404"),
    ("POST", P + "/definitief"): Regel(rapport_concept, "401 200 404 404 404 404 404 404 404 404"),
    ("POST", P + "/opnieuw-genereren"): Regel(rapport_concept, "401 202 404 404 404 404 404 404 404 404"),
    ("POST", P + "/verzenden"): Regel(rapport_definitief, "401 200 404 404 404 404 404 404 404 404"),
    ("POST", P + "/ontvangst"): Regel(rapport_verzonden, "401 403 403 403 404 404 404 200 404 404", toelichting),
    ("POST", P + "/verwerkingen"): Regel(rapport_verzonden, "401 403 403 403 404 404 404 201 404 404", verwerking),
    ("POST", P + "/publiceren"): Regel(rapport_verzonden, "401 200 403 403 404 404 404 403 404 404"),
    ("POST", P + "/publicatie-intrekken"): Regel(rapport_openbaar, "401 200 403 403 404 404 404 403 404 404", toelichting),
    ("POST", P + "/verwerkingen/bulk"): Regel(rapport_verzonden, "401 403 403 403 404 404 404 200 404 404", lambda w: {"verwerkingen": [verwerking(w)]}),
    ("GET", "/inzichten"): Regel(geen, "401 200 200 200 200 200 200 403 403 403"),
    # Everyone logged in may search; what they find is scoped (tests/kennisbank).
    ("GET", "/zoeken"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    # Themes: the list is scoped per reader; the bottleneck report is the network's own (not
    # the ministries', not an account manager's); a theme without kernpunten the reader may
    # see does not exist for him; the secretariaat, who manages them, sees every theme.
    ("GET", "/themas"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    ("GET", "/themas/knelpunten"): Regel(geen, "401 200 200 200 200 200 200 403 403 403"),
    ("GET", "/themas/{id}"): Regel(thema_zonder_kernpunten, "401 200 404 404 404 404 404 404 404 404"),
    # Webhook subscriptions: every organisation manages its own; another's is a 404. A
    # beheerder sees nothing of the workflow and so has no subscriptions.
    ("GET", "/abonnementen"): Regel(geen, "401 200 200 200 200 200 200 200 200 200"),
    ("POST", "/abonnementen"): Regel(geen, "401 201 201 201 201 201 201 201 201 403", haak),
    ("GET", A): Regel(abonnement_a, "401 404 200 200 404 404 404 404 404 404"),
    ("PATCH", A): Regel(abonnement_a, "401 404 200 200 404 404 404 404 404 404", lambda w: {"actief": False}),
    ("DELETE", A): Regel(abonnement_a, "401 404 204 204 404 404 404 404 404 404"),
    ("POST", A + "/geheim-vernieuwen"): Regel(abonnement_a, "401 404 200 200 404 404 404 404 404 404"),
    ("GET", A + "/afleveringen"): Regel(abonnement_a, "401 404 200 200 404 404 404 404 404 404"),
}  # fmt: skip

GEVALLEN = [
    pytest.param(sleutel, kolom, id=f"{sleutel[0]} {sleutel[1]} {kolom}")
    for sleutel in TABEL
    for kolom in KOLOMMEN
]


@pytest.mark.django_db
@pytest.mark.parametrize(("rij", "kolom"), GEVALLEN, indirect=["rij"])
def test_autorisatiematrix(rij, kolom):
    methode, pad, regel, wereld = rij
    url = "/api/v1" + pad
    body = regel.body(wereld) if regel.body else {}
    client = api_client(wereld[kolom])
    kwargs = {} if methode == "GET" else {"format": "multipart" if regel.multipart else "json"}
    response = getattr(client, methode.lower())(url, body or None, **kwargs)
    verwacht = regel.codes()[kolom]
    assert response.status_code == verwacht, getattr(response, "content", b"")[:500]
    if verwacht >= 400:
        assert response["Content-Type"] == "application/problem+json"


def api_endpoints() -> set[tuple[str, str]]:
    """Every (method, path) the URL configuration serves under /api/v1."""
    [api] = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    ]
    endpoints = set()
    for patroon in api.url_patterns:
        assert isinstance(patroon, URLPattern)
        pad = str(patroon.pattern).lstrip("^").rstrip("$")
        pad = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", pad).replace("{pk}", "{id}")
        callback = patroon.callback
        if getattr(callback, "actions", None):
            # DRF adds "head" to this mapping on the first GET.
            methoden = {m.upper() for m in callback.actions if m not in ("options", "head")}
        else:
            view = callback.view_class
            methoden = {
                m.upper()
                for m in view.http_method_names
                if hasattr(view, m) and m not in ("options", "head")
            }
        endpoints |= {(m, pad) for m in methoden}
    return endpoints


def test_elk_endpoint_staat_in_de_tabel():
    assert api_endpoints() == set(TABEL)

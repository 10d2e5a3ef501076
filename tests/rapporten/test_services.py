import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from consultaties.models import Status as ConsultatieStatus
from kern.workflow import TransitieNietToegestaan
from notificaties.models import Notificatie
from organisaties.models import Organisatie
from rapporten import services, tasks
from rapporten.models import GeneratieStatus, Rapport, RapportOnveranderlijk, Status
from rapporten.snapshot import build_snapshot
from tests import factories

from .helpers import gesloten_consultatie, maak_rapport

pytestmark = pytest.mark.django_db


# --- aanmaken ----------------------------------------------------------------------------


def test_secretaris_maakt_genummerde_versies(gesloten, secretaris, snelle_pdf):
    eerste = maak_rapport(gesloten, secretaris, bestuurlijke_samenvatting="Samen sterk.")
    tweede = maak_rapport(gesloten, secretaris)
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert eerste.status == Status.CONCEPT
    assert eerste.generatie_status == GeneratieStatus.KLAAR
    assert eerste.snapshot["bestuurlijke_samenvatting"] == "Samen sterk."
    assert len(eerste.snapshot["bijdragen"]) == 2
    assert eerste.sha256 and eerste.pdf
    assert "aangemaakt" in AuditEvent.objects.voor(eerste).values_list("actie", flat=True)


def test_opsteller_en_ministerie_mogen_geen_rapport_maken(
    gesloten, opsteller_a, ministerie_gebruiker
):
    for actor in (opsteller_a, ministerie_gebruiker):
        with pytest.raises(PermissionDenied):
            services.rapport_aanmaken(consultatie=gesloten, actor=actor)
    assert not Rapport.objects.exists()


def test_rapport_van_open_consultatie_is_een_conflict(open_consultatie, secretaris):
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_aanmaken(consultatie=open_consultatie, actor=secretaris)


def test_rapport_zonder_geaccepteerde_reactie_wordt_geweigerd(open_consultatie, secretaris):
    consultatie = consultatie_services.consultatie_sluiten(
        consultatie=open_consultatie, actor=secretaris
    )
    with pytest.raises(ValidationError):
        services.rapport_aanmaken(consultatie=consultatie, actor=secretaris)


def test_generatie_als_achtergrondtaak_toont_voortgang(
    gesloten, secretaris, snelle_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rapport = services.rapport_aanmaken(consultatie=gesloten, actor=secretaris)
        assert rapport.generatie_status == GeneratieStatus.WACHTRIJ
    rapport.refresh_from_db()
    assert rapport.generatie_status == GeneratieStatus.KLAAR
    assert rapport.voortgang == "Klaar: 1 pagina's"


def test_mislukte_generatie_blijft_zichtbaar(gesloten, secretaris, monkeypatch):
    from rapporten import pdf

    def kapot(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(pdf, "render_pdf", kapot)
    rapport = services.rapport_aanmaken(
        consultatie=gesloten, actor=secretaris, op_achtergrond=False
    )
    with pytest.raises(RuntimeError):
        tasks.genereer_rapport.call(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.generatie_status == GeneratieStatus.MISLUKT
    assert "lettertype ontbreekt" in rapport.foutmelding
    assert services.toegestane_acties(secretaris, rapport) == ["opnieuw_genereren"]


# --- snapshot --------------------------------------------------------------------------


def test_snapshot_verandert_niet_door_latere_wijzigingen(concept, gesloten, secretaris, org_a):
    voor = concept.snapshot
    consultatie_services.consultatie_bijwerken(
        consultatie=gesloten, actor=secretaris, bestuurlijke_samenvatting="Nieuwe tekst"
    )
    Organisatie.objects.filter(pk=org_a.pk).update(naam="Hernoemd Instituut")
    concept.refresh_from_db()
    assert concept.snapshot == voor
    assert "Hernoemd Instituut" not in str(concept.snapshot)
    assert "Hernoemd Instituut" in str(build_snapshot(gesloten))


def test_snapshot_aantal_queries_groeit_niet_met_organisaties(
    secretaris, ministerie, django_assert_max_num_queries
):
    klein = gesloten_consultatie(
        secretaris, ministerie, [factories.OrganisatieFactory() for _ in range(2)]
    )
    groot = gesloten_consultatie(
        secretaris, ministerie, [factories.OrganisatieFactory() for _ in range(6)]
    )
    with CaptureQueriesContext(connection) as klein_q:
        build_snapshot(klein)
    # +1 for the letter's signatories (a small, fixed table).
    with django_assert_max_num_queries(13), CaptureQueriesContext(connection) as groot_q:
        snapshot = build_snapshot(groot)
    assert len(groot_q) == len(klein_q)
    assert len(snapshot["bijdragen"]) == 6


# --- definitief ------------------------------------------------------------------------


def test_definitief_is_onveranderlijk(definitief):
    assert definitief.status == Status.DEFINITIEF
    definitief.snapshot = {"vervalst": True}
    with pytest.raises(RapportOnveranderlijk):
        definitief.save()
    with pytest.raises(RapportOnveranderlijk):
        definitief.save(update_fields=["snapshot"])
    with pytest.raises(RapportOnveranderlijk):
        Rapport.objects.filter(pk=definitief.pk).update(sha256="0" * 64)
    with pytest.raises(RapportOnveranderlijk):
        definitief.delete()
    opgeslagen = Rapport.objects.get(pk=definitief.pk)
    assert "vervalst" not in opgeslagen.snapshot


def test_definitief_krijgt_geen_nieuwe_pdf(definitief):
    sha = definitief.sha256
    services.rapport_pdf_genereren(rapport_id=definitief.pk)
    definitief.refresh_from_db()
    assert definitief.sha256 == sha
    assert services.pdf_bytes(definitief)


def test_definitief_maken_zonder_pdf_is_een_conflict(gesloten, secretaris):
    rapport = services.rapport_aanmaken(
        consultatie=gesloten, actor=secretaris, op_achtergrond=False
    )
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_definitief_maken(rapport=rapport, actor=secretaris)


def test_alleen_secretaris_maakt_definitief(concept, ministerie_gebruiker, opsteller_a):
    for actor in (ministerie_gebruiker, opsteller_a):
        with pytest.raises(PermissionDenied):
            services.rapport_definitief_maken(rapport=concept, actor=actor)


def test_definitief_kan_niet_opnieuw_definitief(definitief, secretaris):
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_definitief_maken(rapport=definitief, actor=secretaris)


# --- verzenden -------------------------------------------------------------------------


def test_verzenden_verzendt_consultatie_en_meldt_ministerie(
    definitief, secretaris, ministerie_gebruiker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rapport = services.rapport_verzenden(rapport=definitief, actor=secretaris)
    assert rapport.status == Status.VERZONDEN
    assert rapport.consultatie.status == ConsultatieStatus.VERZONDEN
    melding = Notificatie.objects.get(ontvanger=ministerie_gebruiker)
    assert melding.soort == "rapport_verzonden"
    assert melding.link == f"/rapporten/{rapport.pk}/"


def test_concept_verzenden_is_een_conflict(concept, secretaris):
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_verzenden(rapport=concept, actor=secretaris)
    concept.consultatie.refresh_from_db()
    assert concept.consultatie.status == ConsultatieStatus.GESLOTEN


def test_maar_een_versie_gaat_naar_het_ministerie(verzonden, gesloten, secretaris):
    with pytest.raises(TransitieNietToegestaan):
        maak_rapport(gesloten, secretaris)


def test_ministerie_mag_niet_verzenden(definitief, ministerie_gebruiker):
    with pytest.raises(PermissionDenied):
        services.rapport_verzenden(rapport=definitief, actor=ministerie_gebruiker)


# --- ontvangst en verwerking --------------------------------------------------------------


def test_ministerie_bevestigt_ontvangst_eenmaal(verzonden, ministerie_gebruiker):
    rapport = services.rapport_ontvangst_bevestigen(
        rapport=verzonden, actor=ministerie_gebruiker, toelichting="Dank"
    )
    assert rapport.ontvangen_door == ministerie_gebruiker
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_ontvangst_bevestigen(rapport=rapport, actor=ministerie_gebruiker)


def test_ander_ministerie_en_secretaris_bevestigen_geen_ontvangst(
    verzonden, secretaris, andere_ministerie_gebruiker
):
    for actor in (secretaris, andere_ministerie_gebruiker):
        with pytest.raises(PermissionDenied):
            services.rapport_ontvangst_bevestigen(rapport=verzonden, actor=actor)


def test_ontvangst_van_definitief_niet_verzonden_is_een_conflict(definitief, ministerie_gebruiker):
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_ontvangst_bevestigen(rapport=definitief, actor=ministerie_gebruiker)


def test_verwerking_per_kernpunt(verzonden, ministerie_gebruiker):
    kernpunt_id = verzonden.kernpunt_ids[0]
    verwerking = services.verwerking_vastleggen(
        rapport=verzonden,
        actor=ministerie_gebruiker,
        kernpunt=kernpunt_id,
        uitkomst="deels_overgenomen",
        toelichting="Artikel 3 aangepast.",
    )
    assert verwerking.get_uitkomst_display() == "Deels overgenomen"
    # Changing it while the consultation is not afgerond updates the same record.
    services.verwerking_vastleggen(
        rapport=verzonden,
        actor=ministerie_gebruiker,
        kernpunt=kernpunt_id,
        uitkomst="overgenomen",
        toelichting="Geheel overgenomen.",
    )
    assert verzonden.verwerkingen.get().uitkomst == "overgenomen"
    assert not services.alle_kernpunten_verwerkt(verzonden)


def test_verwerking_vraagt_bekend_kernpunt_uitkomst_en_toelichting(verzonden, ministerie_gebruiker):
    with pytest.raises(ValidationError) as fout:
        services.verwerking_vastleggen(
            rapport=verzonden,
            actor=ministerie_gebruiker,
            kernpunt=999999,
            uitkomst="misschien",
            toelichting=" ",
        )
    assert set(fout.value.message_dict) == {"kernpunt", "uitkomst", "toelichting"}


def test_verwerking_alleen_door_eigen_ministerie(
    verzonden, secretaris, opsteller_a, andere_ministerie_gebruiker
):
    for actor in (secretaris, opsteller_a, andere_ministerie_gebruiker):
        with pytest.raises(PermissionDenied):
            services.verwerking_vastleggen(
                rapport=verzonden,
                actor=actor,
                kernpunt=verzonden.kernpunt_ids[0],
                uitkomst="overgenomen",
                toelichting="x",
            )


def _verwerk_alles(rapport, ministerie_gebruiker):
    for kernpunt_id in rapport.kernpunt_ids:
        services.verwerking_vastleggen(
            rapport=rapport,
            actor=ministerie_gebruiker,
            kernpunt=kernpunt_id,
            uitkomst="niet_overgenomen",
            toelichting="Past niet in het regeerakkoord.",
        )


def test_afronden_pas_als_elk_kernpunt_is_verwerkt(verzonden, secretaris, ministerie_gebruiker):
    assert len(verzonden.kernpunt_ids) > 1
    consultatie = verzonden.consultatie
    services.verwerking_vastleggen(
        rapport=verzonden,
        actor=ministerie_gebruiker,
        kernpunt=verzonden.kernpunt_ids[0],
        uitkomst="overgenomen",
        toelichting="Overgenomen in artikel 3.",
    )
    with pytest.raises(ValidationError, match="nog niet bij elk kernpunt"):
        consultatie_services.consultatie_afronden(consultatie=consultatie, actor=secretaris)
    _verwerk_alles(verzonden, ministerie_gebruiker)
    consultatie.refresh_from_db()
    consultatie = consultatie_services.consultatie_afronden(
        consultatie=consultatie, actor=secretaris
    )
    assert consultatie.status == "afgerond"


def test_verwerking_na_afronden_is_een_conflict(verzonden, secretaris, ministerie_gebruiker):
    _verwerk_alles(verzonden, ministerie_gebruiker)
    consultatie_services.consultatie_afronden(consultatie=verzonden.consultatie, actor=secretaris)
    with pytest.raises(TransitieNietToegestaan):
        services.verwerking_vastleggen(
            rapport=verzonden,
            actor=ministerie_gebruiker,
            kernpunt=verzonden.kernpunt_ids[0],
            uitkomst="overgenomen",
            toelichting="x",
        )


# --- zichtbaarheid -----------------------------------------------------------------------


def test_zichtbaarheid_per_rol(
    concept,
    gesloten,
    secretaris,
    ministerie_gebruiker,
    andere_ministerie_gebruiker,
    opsteller_a,
    accordeerder_b,
    org_c,
):
    buitenstaander = factories.opsteller(org_c)
    assert list(Rapport.objects.zichtbaar_voor(secretaris)) == [concept]
    for user in (ministerie_gebruiker, opsteller_a, accordeerder_b):
        assert not Rapport.objects.zichtbaar_voor(user).exists()
    services.rapport_definitief_maken(rapport=concept, actor=secretaris)
    for user in (ministerie_gebruiker, opsteller_a, accordeerder_b):
        assert not Rapport.objects.zichtbaar_voor(user).exists()
    services.rapport_verzenden(rapport=concept, actor=secretaris)
    assert list(Rapport.objects.zichtbaar_voor(ministerie_gebruiker)) == [concept]
    # The contributing organisations read the paper sent on their behalf.
    assert list(Rapport.objects.zichtbaar_voor(opsteller_a)) == [concept]
    assert list(Rapport.objects.zichtbaar_voor(accordeerder_b)) == [concept]
    for user in (andere_ministerie_gebruiker, buitenstaander):
        assert not Rapport.objects.zichtbaar_voor(user).exists()


def test_ministerie_ziet_oudere_concepten_nooit(
    gesloten, secretaris, ministerie_gebruiker, snelle_pdf
):
    oud = maak_rapport(gesloten, secretaris)
    nieuw = maak_rapport(gesloten, secretaris)
    services.rapport_definitief_maken(rapport=nieuw, actor=secretaris)
    services.rapport_verzenden(rapport=nieuw, actor=secretaris)
    zichtbaar = list(Rapport.objects.zichtbaar_voor(ministerie_gebruiker))
    assert zichtbaar == [nieuw] and oud not in zichtbaar


def test_consultatie_verzenden_verzendt_nieuwste_definitieve_versie(
    gesloten, secretaris, snelle_pdf
):
    oud = maak_rapport(gesloten, secretaris)
    services.rapport_definitief_maken(rapport=oud, actor=secretaris)
    nieuw = maak_rapport(gesloten, secretaris)
    services.rapport_definitief_maken(rapport=nieuw, actor=secretaris)
    maak_rapport(gesloten, secretaris)  # a later concept is never sent
    verzonden = services.rapport_verzenden_voor_consultatie(consultatie=gesloten, actor=secretaris)
    assert verzonden.pk == nieuw.pk and verzonden.status == Status.VERZONDEN


def test_consultatie_verzenden_zonder_definitieve_versie_is_een_conflict(concept, secretaris):
    with pytest.raises(TransitieNietToegestaan):
        services.rapport_verzenden_voor_consultatie(
            consultatie=concept.consultatie, actor=secretaris
        )

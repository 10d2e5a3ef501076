from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from audit.models import AuditEvent
from consultaties.models import Status as ConsultatieStatus
from reacties import services as reactie_services
from reacties.models import Status
from termijnen import services as termijn_services
from tests import factories
from tests.termijnhulp import ams

TERMIJN = ams(2026, 6, 12, 17, 0)


def ververs(obj):
    obj.refresh_from_db()
    return obj


@pytest.mark.django_db
def test_consultatie_sluit_precies_op_de_termijn(maak_consultatie, klok, draai):
    consultatie = maak_consultatie(TERMIJN)
    klok(TERMIJN - timedelta(seconds=1))
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.OPEN

    klok(TERMIJN)
    assert draai()["gesloten"] == 1
    assert ververs(consultatie).status == ConsultatieStatus.GESLOTEN
    assert set(consultatie.reacties.values_list("status", flat=True)) == {Status.VERLOPEN}
    sluiten = AuditEvent.objects.voor(consultatie).get(actie="sluiten")
    assert sluiten.actor is None
    assert "automatisch" in sluiten.toelichting


@pytest.mark.django_db
def test_ingediende_reactie_blijft_ingediend_bij_automatisch_sluiten(
    maak_consultatie, klok, draai, org_a, opsteller_a, accordeerder_a2
):
    consultatie = maak_consultatie(TERMIJN)
    reactie = consultatie.reacties.get(organisatie=org_a)
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller_a)
    reactie = factories.vul_reactie_in(reactie, opsteller_a)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a2)
    klok(TERMIJN + timedelta(minutes=3))
    draai()
    assert ververs(reactie).status == Status.INGEDIEND
    assert consultatie.reacties.exclude(pk=reactie.pk).get().status == Status.VERLOPEN


@pytest.mark.django_db
def test_herhaalde_runs_na_de_termijn_doen_niets_meer(maak_consultatie, klok, draai):
    maak_consultatie(TERMIJN)
    klok(TERMIJN)
    draai()
    aantal_events = AuditEvent.objects.count()
    for minuut in range(1, 4):
        klok(TERMIJN + timedelta(minutes=minuut))
        assert draai() == {
            "verlopen": 0,
            "gesloten": 0,
            "herinneringen": 0,
            "emails_opnieuw": 0,
            "rapporten_vastgelopen": 0,
        }
    assert AuditEvent.objects.count() == aantal_events


@pytest.mark.django_db
def test_verlenging_voor_een_organisatie_houdt_alleen_die_reactie_open(
    maak_consultatie, klok, draai, secretaris, org_a, org_b, opsteller_a, accordeerder_a2
):
    consultatie = maak_consultatie(TERMIJN)
    reactie_a = consultatie.reacties.get(organisatie=org_a)
    reactie_b = consultatie.reacties.get(organisatie=org_b)
    klok(TERMIJN - timedelta(days=2))
    verzoek = termijn_services.verlenging_aanvragen(
        reactie=reactie_a, actor=opsteller_a, reden="Bestuurder pas volgende week terug."
    )
    termijn_services.verlenging_toekennen(
        verzoek=verzoek, actor=secretaris, termijn=TERMIJN + timedelta(days=7)
    )

    klok(TERMIJN)
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.OPEN
    assert ververs(reactie_b).status == Status.VERLOPEN
    assert ververs(reactie_a).status == Status.UITGENODIGD

    # UWV can still work and submit within its own termijn.
    klok(TERMIJN + timedelta(days=3))
    reactie_a = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    reactie_a = factories.vul_reactie_in(reactie_a, opsteller_a)
    reactie_a = reactie_services.reactie_ter_accordering(reactie=reactie_a, actor=opsteller_a)
    draai()
    assert ververs(reactie_a).status == Status.TER_ACCORDERING

    klok(TERMIJN + timedelta(days=7) - timedelta(seconds=1))
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.OPEN
    klok(TERMIJN + timedelta(days=7))
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.GESLOTEN
    assert ververs(reactie_a).status == Status.VERLOPEN


@pytest.mark.django_db
def test_verlopen_reactie_en_gesloten_consultatie_worden_gemeld(
    maak_consultatie, klok, draai, secretaris, opsteller_a
):
    maak_consultatie(TERMIJN)
    mail.outbox.clear()
    klok(TERMIJN)
    draai()
    onderwerpen = [b.subject for b in mail.outbox]
    assert any("termijn verstreken zonder indiening" in o for o in onderwerpen)
    gesloten = next(b for b in mail.outbox if secretaris.email in b.to)
    assert "automatisch gesloten" in gesloten.body
    assert "Verlopen: SVB, UWV." in gesloten.body


@pytest.mark.django_db
def test_commando_verwerk_termijnen_sluit_en_is_idempotent(maak_consultatie, klok, capsys):
    consultatie = maak_consultatie(TERMIJN)
    klok(TERMIJN + timedelta(seconds=30))
    call_command("verwerk_termijnen")
    call_command("verwerk_termijnen")
    uitvoer = capsys.readouterr().out
    assert "1 gesloten" in uitvoer
    assert "0 gesloten" in uitvoer
    assert ververs(consultatie).status == ConsultatieStatus.GESLOTEN


@pytest.mark.django_db
def test_commando_als_taak_zet_de_taak_klaar(maak_consultatie, klok, capsys):
    consultatie = maak_consultatie(TERMIJN)
    klok(TERMIJN)
    call_command("verwerk_termijnen", "--als-taak")  # immediate backend in tests: runs now
    assert "Taak klaargezet" in capsys.readouterr().out
    assert ververs(consultatie).status == ConsultatieStatus.GESLOTEN


@pytest.mark.django_db
def test_laat_toegekende_verlenging_heropent_de_verlopen_reactie(
    maak_consultatie, klok, draai, secretaris, org_a, org_b, opsteller_a, opsteller_b
):
    consultatie = maak_consultatie(TERMIJN)
    reactie_a = consultatie.reacties.get(organisatie=org_a)
    reactie_b = consultatie.reacties.get(organisatie=org_b)
    klok(TERMIJN - timedelta(days=1))
    # SVB got more time already, so the consultation stays open after the main termijn.
    verzoek_b = termijn_services.verlenging_aanvragen(
        reactie=reactie_b, actor=opsteller_b, reden="Meer tijd nodig."
    )
    termijn_services.verlenging_toekennen(
        verzoek=verzoek_b, actor=secretaris, termijn=TERMIJN + timedelta(days=5)
    )
    verzoek_a = termijn_services.verlenging_aanvragen(
        reactie=reactie_a, actor=opsteller_a, reden="Ook wij."
    )
    klok(TERMIJN + timedelta(hours=1))
    draai()
    assert ververs(reactie_a).status == Status.VERLOPEN

    termijn_services.verlenging_toekennen(
        verzoek=verzoek_a, actor=secretaris, termijn=TERMIJN + timedelta(days=3)
    )
    assert ververs(reactie_a).status == Status.IN_VOORBEREIDING
    draai()
    assert ververs(reactie_a).status == Status.IN_VOORBEREIDING
    assert ververs(consultatie).status == ConsultatieStatus.OPEN


@pytest.mark.django_db
def test_verlenging_toekennen_na_sluiten_geeft_409(
    maak_consultatie, klok, draai, secretaris, org_a, opsteller_a
):
    from kern.workflow import TransitieNietToegestaan

    consultatie = maak_consultatie(TERMIJN)
    reactie_a = consultatie.reacties.get(organisatie=org_a)
    klok(TERMIJN - timedelta(days=1))
    verzoek = termijn_services.verlenging_aanvragen(
        reactie=reactie_a, actor=opsteller_a, reden="Meer tijd nodig."
    )
    klok(TERMIJN)
    draai()
    with pytest.raises(TransitieNietToegestaan):
        termijn_services.verlenging_toekennen(
            verzoek=verzoek, actor=secretaris, termijn=TERMIJN + timedelta(days=3)
        )
    verzoek.refresh_from_db()
    assert verzoek.status == "aangevraagd"


@pytest.mark.django_db
def test_sluiten_op_de_minuut_net_na_de_overgang_naar_zomertijd(maak_consultatie, klok, draai):
    from datetime import UTC, datetime

    termijn = ams(2026, 3, 29, 12, 0)  # CEST since 02:00 that night: 10:00 UTC
    consultatie = maak_consultatie(termijn)
    klok(datetime(2026, 3, 29, 9, 59, 59, tzinfo=UTC))
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.OPEN
    klok(datetime(2026, 3, 29, 10, 0, 0, tzinfo=UTC))
    draai()
    assert ververs(consultatie).status == ConsultatieStatus.GESLOTEN

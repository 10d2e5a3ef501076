from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from audit.models import AuditEvent
from notificaties.models import Herinnering, HerinneringSoort
from reacties import services as reactie_services
from termijnen.kalender import herinneringsmoment, is_werkdag, werkdagen_voor
from tests import factories
from tests.termijnhulp import ams

ZEVEN = HerinneringSoort.ZEVEN_WERKDAGEN
TWEE = HerinneringSoort.TWEE_WERKDAGEN


def ontvangers():
    return sorted(adres for bericht in mail.outbox for adres in bericht.to)


# --- the calendar arithmetic ------------------------------------------------------------


@pytest.mark.parametrize(
    ("termijndag", "werkdagen", "verwacht"),
    [
        # Friday termijn: counting back Thu, Wed, Tue, Mon, Fri, Thu, Wed.
        (date(2026, 6, 12), 7, date(2026, 6, 3)),
        (date(2026, 6, 12), 2, date(2026, 6, 10)),
        # Monday termijn: the weekend does not count.
        (date(2026, 6, 15), 2, date(2026, 6, 11)),
        # Koningsdag (Monday 27 April 2026) is skipped.
        (date(2026, 4, 29), 2, date(2026, 4, 24)),
        # Christmas (Fri 25, Sat 26 December 2026) and the weekend are skipped.
        (date(2026, 12, 28), 2, date(2026, 12, 23)),
        # Easter Monday (6 April 2026) and Good Friday (3 April) are skipped.
        (date(2026, 4, 8), 2, date(2026, 4, 2)),
    ],
)
def test_werkdagen_voor_slaat_weekenden_en_feestdagen_over(termijndag, werkdagen, verwacht):
    assert werkdagen_voor(termijndag, werkdagen) == verwacht


def test_feestdagen_en_weekend_zijn_geen_werkdag():
    assert not is_werkdag(date(2026, 4, 27))  # Koningsdag
    assert not is_werkdag(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_werkdag(date(2026, 4, 6))  # Tweede Paasdag
    assert not is_werkdag(date(2026, 6, 13))  # zaterdag
    assert is_werkdag(date(2026, 4, 28))


def test_herinneringsmoment_is_negen_uur_nederlandse_tijd_ook_over_de_zomertijd_heen():
    # Termijn after the switch to summer time (29 March 2026), reminder before it.
    termijn = ams(2026, 3, 31, 12, 0)
    moment = herinneringsmoment(termijn, 2)
    assert moment == ams(2026, 3, 27, 9, 0)
    assert moment.astimezone(UTC) == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)
    # A reminder day in summer time is 09:00 CEST = 07:00 UTC.
    assert herinneringsmoment(ams(2026, 4, 1, 12, 0), 2).astimezone(UTC) == datetime(
        2026, 3, 30, 7, 0, tzinfo=UTC
    )


# --- the job ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_zeven_werkdagen_herinnering_gaat_op_de_juiste_dag_naar_de_opstellers(
    maak_consultatie, klok, draai, opsteller_a, opsteller_b
):
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    mail.outbox.clear()

    klok(ams(2026, 6, 3, 8, 59, 59))
    assert draai()["herinneringen"] == 0
    assert mail.outbox == []

    klok(ams(2026, 6, 3, 9, 0))
    assert draai()["herinneringen"] == 2
    # The 7-day reminder goes to the drafters only, not (yet) to the accordeerders.
    assert ontvangers() == sorted([opsteller_a.email, opsteller_b.email])
    assert Herinnering.objects.filter(soort=ZEVEN).count() == 2


@pytest.mark.django_db
def test_twee_werkdagen_herinnering_escaleert_naar_de_accordeerders(
    maak_consultatie, klok, draai, opsteller_a, accordeerder_a, opsteller_b, accordeerder_b
):
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    klok(ams(2026, 6, 3, 9, 0))
    draai()
    mail.outbox.clear()

    klok(ams(2026, 6, 10, 9, 0))
    assert draai()["herinneringen"] == 2
    assert ontvangers() == sorted(
        [opsteller_a.email, accordeerder_a.email, opsteller_b.email, accordeerder_b.email]
    )
    assert all(h.geescaleerd for h in Herinnering.objects.filter(soort=TWEE))
    bericht = next(b for b in mail.outbox if accordeerder_a.email in b.to)
    assert "nog 2 werkdagen" in bericht.body
    assert "ook de accordeerders" in bericht.body


@pytest.mark.django_db
def test_herinnering_wordt_nooit_tweemaal_verstuurd_bij_herhaalde_runs(
    maak_consultatie, klok, draai
):
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    mail.outbox.clear()
    klok(ams(2026, 6, 3, 9, 0))
    draai()
    verstuurd = len(mail.outbox)
    for minuut in range(1, 6):
        klok(ams(2026, 6, 3, 9, minuut))
        assert draai()["herinneringen"] == 0
    assert len(mail.outbox) == verstuurd
    assert Herinnering.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("termijn", "herinneringsdag"),
    [
        (ams(2026, 6, 15, 12, 0), ams(2026, 6, 11, 9, 0)),  # over het weekend
        (ams(2026, 4, 29, 12, 0), ams(2026, 4, 24, 9, 0)),  # over Koningsdag
        (ams(2026, 12, 28, 12, 0), ams(2026, 12, 23, 9, 0)),  # over Kerstmis
        (ams(2026, 4, 8, 12, 0), ams(2026, 4, 2, 9, 0)),  # over Pasen
        (ams(2026, 3, 31, 12, 0), ams(2026, 3, 27, 9, 0)),  # over de zomertijd
    ],
)
def test_twee_werkdagen_herinnering_op_de_juiste_werkdag(
    maak_consultatie, klok, draai, termijn, herinneringsdag
):
    maak_consultatie(termijn)
    klok(herinneringsdag - timedelta(seconds=1))
    draai()
    assert not Herinnering.objects.filter(soort=TWEE).exists()
    klok(herinneringsdag)
    draai()
    assert Herinnering.objects.filter(soort=TWEE).count() == 2


@pytest.mark.django_db
def test_ingediende_organisatie_krijgt_geen_herinnering(
    maak_consultatie, klok, draai, opsteller_a, accordeerder_a2, opsteller_b
):
    consultatie = maak_consultatie(ams(2026, 6, 12, 17, 0))
    reactie = consultatie.reacties.get(organisatie=opsteller_a.organisatie)
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller_a)
    reactie = factories.vul_reactie_in(reactie, opsteller_a)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a2)
    mail.outbox.clear()

    klok(ams(2026, 6, 3, 9, 0))
    draai()
    assert ontvangers() == [opsteller_b.email]


@pytest.mark.django_db
def test_herinnering_volgt_de_verlengde_termijn_van_de_organisatie(
    maak_consultatie, klok, draai, secretaris, org_a, opsteller_b
):
    from consultaties.services import consultatie_termijn_verlengen

    consultatie = maak_consultatie(ams(2026, 6, 12, 17, 0))
    consultatie_termijn_verlengen(
        consultatie=consultatie,
        actor=secretaris,
        termijn=ams(2026, 6, 26, 17, 0),
        organisatie=org_a,
    )
    mail.outbox.clear()
    klok(ams(2026, 6, 10, 9, 0))
    draai()
    # SVB gets its 2-day reminder; UWV, extended by two weeks, gets nothing yet.
    assert Herinnering.objects.filter(reactie__organisatie=org_a).count() == 0
    assert ontvangers() == sorted([opsteller_b.email, "svb-accordeerder@example.nl"])
    klok(ams(2026, 6, 17, 9, 0))  # 7 working days before 26 June
    draai()
    assert Herinnering.objects.get(reactie__organisatie=org_a).soort == ZEVEN


@pytest.mark.django_db
def test_gemiste_run_haalt_alleen_de_laatste_herinnering_in(maak_consultatie, klok, draai):
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    # The job did not run for a week: only the 2-day reminder goes out, once.
    klok(ams(2026, 6, 11, 10, 0))
    draai()
    assert set(Herinnering.objects.values_list("soort", flat=True)) == {TWEE}


@pytest.mark.django_db
def test_laat_uitgenodigde_organisatie_krijgt_geen_zeven_dagen_herinnering(
    maak_consultatie, klok, draai, secretaris
):
    from consultaties.services import consultatie_uitnodigen

    consultatie = maak_consultatie(ams(2026, 6, 12, 17, 0))
    klok(ams(2026, 6, 5, 12, 0))
    laat = factories.OrganisatieFactory(afkorting="DUO", naam="DUO")
    factories.opsteller(laat)
    consultatie_uitnodigen(consultatie=consultatie, actor=secretaris, organisaties=[laat])
    draai()
    assert not Herinnering.objects.filter(reactie__organisatie=laat).exists()


@pytest.mark.django_db
def test_herinnering_staat_in_de_tijdlijn_van_de_reactie(maak_consultatie, klok, draai, org_a):
    consultatie = maak_consultatie(ams(2026, 6, 12, 17, 0))
    klok(ams(2026, 6, 3, 9, 0))
    draai()
    reactie = consultatie.reacties.get(organisatie=org_a)
    event = AuditEvent.objects.voor(reactie).get(actie="herinnering_verstuurd")
    assert event.actor is None
    assert event.gegevens["soort"] == ZEVEN


@pytest.mark.django_db
def test_herinnering_op_de_dag_zelf_zegt_dat_er_geen_werkdag_meer_is(maak_consultatie, klok, draai):
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    mail.outbox.clear()
    klok(ams(2026, 6, 12, 10, 0))  # the job was down until the morning of the termijn
    draai()
    bericht = mail.outbox[0]
    assert bericht.subject.startswith("Laatste herinnering")
    assert "geen hele werkdag meer" in bericht.body
    assert f"<title>{bericht.subject}</title>" in bericht.alternatives[0][0]


@pytest.mark.django_db
def test_laat_opengestelde_consultatie_krijgt_geen_zeven_dagen_herinnering(
    maak_consultatie, klok, draai
):
    # Opened 5 working days before the termijn: the invitation is the first message.
    maak_consultatie(ams(2026, 6, 12, 17, 0), geopend_op=ams(2026, 6, 5, 11, 0))
    klok(ams(2026, 6, 5, 11, 1))
    draai()
    assert not Herinnering.objects.exists()
    klok(ams(2026, 6, 10, 9, 0))
    draai()
    assert set(Herinnering.objects.values_list("soort", flat=True)) == {TWEE}

"""Notification settings: an e-mail at once, a daily digest, or in the app only, for the
non-critical kinds. Deadline reminders (and their escalation), an expired termijn and
account security always go by e-mail at once."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from notificaties import services
from notificaties.models import Bezorging, Email, Notificatie
from reacties import services as reactie_services
from tests.termijnhulp import ams

pytestmark = pytest.mark.django_db


def kies(gebruiker, bezorging):
    return services.meldingsvoorkeur_opslaan(actor=gebruiker, bezorging=bezorging)


def mails_aan(gebruiker) -> list:
    return [b for b in mail.outbox if gebruiker.email in b.to]


# --- the page -----------------------------------------------------------------------------


def test_instellingen_staan_standaard_op_meteen_en_worden_opgeslagen(
    client, opsteller_a, django_assert_num_queries
):
    client.force_login(opsteller_a)
    url = reverse("notificaties:instellingen")
    client.get(url)
    with django_assert_num_queries(5):
        pagina = client.get(url)
    direct = pagina.content.decode().split('value="direct"', 1)[1].split(">", 1)[0]
    assert "checked" in direct
    antwoord = client.post(url, {"bezorging": "dagelijks"})
    assert antwoord.status_code == 302
    assert services.meldingsvoorkeur(opsteller_a).bezorging == Bezorging.DAGELIJKS
    assert AuditEvent.objects.voor(opsteller_a).filter(actie="meldingsvoorkeur_gewijzigd").exists()


def test_instellingen_zonder_keuze_geeft_400_met_nederlandse_fout(client, opsteller_a):
    client.force_login(opsteller_a)
    antwoord = client.post(reverse("notificaties:instellingen"), {"bezorging": "fax"})
    assert antwoord.status_code == 400
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert services.meldingsvoorkeur(opsteller_a).pk is None


def test_instellingen_vragen_inloggen(client):
    antwoord = client.get(reverse("notificaties:instellingen"))
    assert antwoord.status_code == 302 and reverse("login") in antwoord["Location"]


def test_iedereen_stelt_alleen_zijn_eigen_voorkeur_in(client, opsteller_a, opsteller_b):
    client.force_login(opsteller_a)
    client.post(reverse("notificaties:instellingen"), {"bezorging": "alleen_app"})
    assert services.meldingsvoorkeur(opsteller_a).bezorging == Bezorging.ALLEEN_APP
    assert services.meldingsvoorkeur(opsteller_b).bezorging == Bezorging.DIRECT


# --- delivery -----------------------------------------------------------------------------


def test_alleen_in_de_app_maakt_een_notificatie_maar_geen_email(
    reactie_a_ter_accordering, accordeerder_a, accordeerder_a2, na_commit
):
    kies(accordeerder_a, Bezorging.ALLEEN_APP)
    mail.outbox.clear()
    na_commit(
        reactie_services.reactie_afkeuren,
        reactie=reactie_a_ter_accordering,
        actor=accordeerder_a2,
        toelichting="Nog niet goed.",
    )
    assert Notificatie.objects.filter(ontvanger=accordeerder_a, soort="reactie_afgekeurd").exists()
    assert mails_aan(accordeerder_a) == []
    assert len(mails_aan(accordeerder_a2)) == 1  # the default: at once


@pytest.mark.parametrize("bezorging", [Bezorging.ALLEEN_APP, Bezorging.DAGELIJKS])
def test_termijnherinnering_en_escalatie_gaan_altijd_meteen(
    maak_consultatie, klok, draai, opsteller_a, accordeerder_a, bezorging
):
    kies(opsteller_a, bezorging)
    kies(accordeerder_a, bezorging)
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    mail.outbox.clear()
    klok(ams(2026, 6, 3, 9, 0))  # 7 working days: the drafters
    draai()
    assert len(mails_aan(opsteller_a)) == 1
    klok(ams(2026, 6, 10, 9, 0))  # 2 working days: escalation to the accordeerders
    draai()
    assert len(mails_aan(accordeerder_a)) == 1
    assert "herinnering" in set(
        Notificatie.objects.filter(ontvanger=accordeerder_a).values_list("soort", flat=True)
    )


@pytest.mark.parametrize("bezorging", [Bezorging.ALLEEN_APP, Bezorging.DAGELIJKS])
def test_verstreken_termijn_gaat_altijd_meteen(
    maak_consultatie, klok, draai, opsteller_a, bezorging
):
    kies(opsteller_a, bezorging)
    maak_consultatie(ams(2026, 6, 12, 17, 0))
    mail.outbox.clear()
    klok(ams(2026, 6, 12, 17, 1))
    draai()
    assert any("termijn verstreken" in b.subject for b in mails_aan(opsteller_a))


# --- the daily digest ----------------------------------------------------------------------


def test_dagoverzicht_bundelt_de_berichten_eenmaal_per_dag(
    reactie_a_ter_accordering, accordeerder_a, accordeerder_a2, opsteller_a, klok, draai, na_commit
):
    klok(ams(2026, 6, 1, 12, 0))
    kies(opsteller_a, Bezorging.DAGELIJKS)
    klok(ams(2026, 6, 1, 14, 0))
    mail.outbox.clear()
    na_commit(
        reactie_services.reactie_afkeuren,
        reactie=reactie_a_ter_accordering,
        actor=accordeerder_a2,
        toelichting="Nog niet goed.",
    )
    assert mails_aan(opsteller_a) == []  # not at once: in the digest

    klok(ams(2026, 6, 2, 6, 59))  # before the morning: nothing yet
    assert draai()["dagoverzichten"] == 0
    klok(ams(2026, 6, 2, 7, 0))
    assert draai()["dagoverzichten"] == 1
    [overzicht] = mails_aan(opsteller_a)
    assert "dagoverzicht" in overzicht.subject
    assert "afgekeurd" in overzicht.body.lower()

    klok(ams(2026, 6, 2, 7, 1))  # the job runs every minute: still one a day
    assert draai()["dagoverzichten"] == 0
    assert len(mails_aan(opsteller_a)) == 1


def test_dagoverzicht_zonder_nieuwe_berichten_verstuurt_niets(opsteller_a, klok, draai):
    klok(ams(2026, 6, 1, 12, 0))
    kies(opsteller_a, Bezorging.DAGELIJKS)
    klok(ams(2026, 6, 2, 8, 0))
    mail.outbox.clear()
    assert draai()["dagoverzichten"] == 0
    assert Email.objects.filter(aan=opsteller_a.email).count() == 0


def test_dagoverzicht_slaat_kritieke_soorten_over(opsteller_a, klok, draai):
    klok(ams(2026, 6, 1, 12, 0))
    kies(opsteller_a, Bezorging.DAGELIJKS)
    klok(ams(2026, 6, 1, 13, 0))
    services.verstuur([opsteller_a], "account_beveiliging", {"gebruiker": opsteller_a, "wat": "x"})
    klok(ams(2026, 6, 2, 8, 0))
    mail.outbox.clear()
    assert draai()["dagoverzichten"] == 0  # it went at once, so no digest repeats it


def test_wie_overstapt_op_het_dagoverzicht_krijgt_oude_berichten_niet_opnieuw(
    opsteller_a, klok, draai
):
    klok(ams(2026, 6, 1, 9, 0))
    kies(opsteller_a, Bezorging.ALLEEN_APP)
    services.verstuur(
        [opsteller_a], "account_aangemaakt", {"gebruiker": opsteller_a}
    )  # critical: mailed anyway
    Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="Oud", tekst="t")
    klok(ams(2026, 6, 1, 10, 0))
    kies(opsteller_a, Bezorging.DAGELIJKS)
    klok(ams(2026, 6, 2, 8, 0))
    assert draai()["dagoverzichten"] == 0


def test_dagoverzicht_als_opdracht(opsteller_a, klok, na_commit):
    from django.core.management import call_command

    klok(ams(2026, 6, 1, 9, 0))
    kies(opsteller_a, Bezorging.DAGELIJKS)
    klok(ams(2026, 6, 1, 10, 0))
    Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="Nieuw", tekst="t")
    klok(ams(2026, 6, 2, 10, 0))
    mail.outbox.clear()
    na_commit(call_command, "verstuur_dagoverzichten")
    assert len(mails_aan(opsteller_a)) == 1
    na_commit(call_command, "verstuur_dagoverzichten")
    assert len(mails_aan(opsteller_a)) == 1

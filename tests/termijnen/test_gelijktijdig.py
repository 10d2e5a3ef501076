"""Two deadline jobs at the same moment (cron overlapping a slow run): real threads with
their own database connections against PostgreSQL, whose row locks and unique index
are what the job relies on."""

import threading

import pytest
from django.core import mail
from django.db import connection

from audit.models import AuditEvent
from consultaties.models import Status as ConsultatieStatus
from notificaties import bewaking
from notificaties.models import Herinnering, Notificatie
from tests.gelijktijdig import tegelijk, zonder_fouten
from tests.termijnhulp import ams

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="echte gelijktijdigheid vraagt PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

TERMIJN = ams(2026, 6, 12, 17, 0)


def gelijktijdig(functie, aantal=2):
    zonder_fouten(tegelijk(*[functie] * aantal))


def test_gelijktijdige_runs_versturen_elke_herinnering_eenmaal(maak_consultatie, klok):
    maak_consultatie(TERMIJN)
    klok(ams(2026, 6, 10, 9, 0))
    mail.outbox.clear()
    for _ in range(3):
        gelijktijdig(bewaking.verwerk_termijnen, aantal=3)
    assert Herinnering.objects.count() == 2
    # Two recipients per organisation (opsteller and accordeerder) for the 2-day reminder.
    assert Notificatie.objects.filter(soort="herinnering").count() == 4
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(actie="herinnering_verstuurd").count() == 2


def test_gelijktijdige_runs_sluiten_de_consultatie_eenmaal(maak_consultatie, klok):
    consultatie = maak_consultatie(TERMIJN)
    klok(TERMIJN)
    gelijktijdig(bewaking.verwerk_termijnen, aantal=3)
    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.GESLOTEN
    assert AuditEvent.objects.voor(consultatie).filter(actie="sluiten").count() == 1
    assert AuditEvent.objects.filter(actie="verlopen").count() == 2


def test_gelijktijdige_workers_versturen_een_e_mail_eenmaal(reactie_a, opsteller_a):
    from notificaties import services
    from notificaties.models import Email

    email = Email.objects.create(aan=opsteller_a.email, onderwerp="o", tekst="t", html="h")
    mail.outbox.clear()
    gelijktijdig(lambda: services.email_versturen(email.pk), aantal=4)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == "verzonden"
    assert email.pogingen == 1


def test_gelijktijdige_verlengingsverzoeken_een_wint(reactie_a, opsteller_a, accordeerder_a):
    from kern.workflow import TransitieNietToegestaan
    from termijnen import services
    from termijnen.models import Verlengingsverzoek

    uitkomsten = []

    def vraag(actor):
        def werk():
            try:
                services.verlenging_aanvragen(reactie=reactie_a, actor=actor, reden="Tijd.")
                uitkomsten.append("ok")
            except TransitieNietToegestaan:
                uitkomsten.append("409")

        return werk

    acteurs = iter([opsteller_a, accordeerder_a])
    lock = threading.Lock()

    def een_van_beide():
        with lock:
            actor = next(acteurs)
        vraag(actor)()

    gelijktijdig(een_van_beide, aantal=2)
    assert sorted(uitkomsten) == ["409", "ok"]
    assert Verlengingsverzoek.objects.filter(reactie=reactie_a).count() == 1

"""Concurrency on PostgreSQL, with real threads (each its own database connection) that
start together at a barrier: two tabs pressing "indienen", two editors saving the same
version. Exactly one wins; the other gets a 409 and nothing is lost or doubled."""

import threading
import time

import pytest
from django.conf import settings

from audit import services as audit_services
from audit.models import AuditEvent
from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from kern.workflow import SYSTEEM, TransitieNietToegestaan, VerouderdeVersie
from reacties import services
from reacties.models import Reactie
from tests.gelijktijdig import tegelijk as gelijktijdig

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Echte gelijktijdigheid vraagt PostgreSQL (SQLite vergrendelt de hele database).",
    ),
    pytest.mark.django_db(transaction=True),
]


def wacht_tot_een_ander_op_een_slot_wacht(timeout: float = 10):
    """Block until another database session waits for a lock (PostgreSQL's ``pg_locks``):
    the explicit condition the tests order their threads by, instead of sleeping."""
    from django.db import connection

    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
        time.sleep(0.01)  # polling the condition, not guessing an order
    raise AssertionError("Geen andere sessie wacht op een slot.")


def houd_slot_vast(monkeypatch, actie: str | None = None) -> threading.Event:
    """The first thread to record ``actie`` (any action if ``None``) holds its row lock
    until the other thread is waiting for that lock; the returned event says the lock is
    held. Without the row lock the other would not wait: both would read the old state,
    both would win, and this times out."""
    echt = audit_services.registreer
    bedoeld = actie
    houdt_slot = threading.Event()

    def registreer(obj, **kwargs):
        # Called with the row lock held (inside the service's transaction).
        if (bedoeld is None or kwargs["actie"] == bedoeld) and not houdt_slot.is_set():
            houdt_slot.set()
            wacht_tot_een_ander_op_een_slot_wacht()
        return echt(obj, **kwargs)

    monkeypatch.setattr(audit_services, "registreer", registreer)
    # reacties.services is a package: patch the name where each part looks it up.
    for deel in (services.bewerken, services.transities):
        monkeypatch.setattr(deel, "registreer", registreer)
    return houdt_slot


def test_twee_accordeerders_tegelijk_indienen_een_wint(
    reactie_a_ter_accordering, accordeerder_a, accordeerder_a2, monkeypatch
):
    # The winner holds its row lock until the loser waits for it, so the loser's read
    # necessarily falls inside the winner's transaction.
    houd_slot_vast(monkeypatch, actie="indienen")
    reactie = reactie_a_ter_accordering
    uitkomsten = gelijktijdig(
        lambda: services.reactie_indienen(reactie=reactie, actor=accordeerder_a),
        lambda: services.reactie_indienen(reactie=reactie, actor=accordeerder_a2),
    )
    winnaars = [u for u in uitkomsten if isinstance(u, Reactie)]
    verliezers = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(winnaars) == 1, uitkomsten
    assert len(verliezers) == 1 and isinstance(verliezers[0], TransitieNietToegestaan), uitkomsten

    opgeslagen = Reactie.objects.get(pk=reactie.pk)
    assert opgeslagen.status == "ingediend"
    assert opgeslagen.ingediend_door_id == winnaars[0].ingediend_door_id
    assert AuditEvent.objects.voor(reactie).filter(actie="indienen").count() == 1


def test_twee_bewerkingen_van_dezelfde_versie_een_wordt_opgeslagen(
    reactie_a, opsteller_a, accordeerder_a, monkeypatch
):
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    houd_slot_vast(monkeypatch, actie="opgeslagen")
    versie = Reactie.objects.get(pk=reactie.pk).versie
    teksten = {
        opsteller_a.pk: "Versie van de opsteller.",
        accordeerder_a.pk: "Versie van de bestuurder.",
    }

    def opslaan(actor):
        return lambda: services.reactie_bijwerken(
            reactie=reactie, actor=actor, versie=versie, velden={"kernboodschap": teksten[actor.pk]}
        )

    uitkomsten = gelijktijdig(opslaan(opsteller_a), opslaan(accordeerder_a))
    winnaars = [u for u in uitkomsten if isinstance(u, Reactie)]
    verliezers = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(winnaars) == 1, uitkomsten
    assert len(verliezers) == 1 and isinstance(verliezers[0], VerouderdeVersie), uitkomsten

    opgeslagen = Reactie.objects.get(pk=reactie.pk)
    assert opgeslagen.versie == versie + 1
    assert opgeslagen.kernboodschap == winnaars[0].kernboodschap
    assert opgeslagen.kernboodschap in teksten.values()
    assert AuditEvent.objects.voor(reactie).filter(actie="opgeslagen").count() == 1


def test_sluiten_tijdens_indienen_laat_geen_van_beide_mislukken(
    open_consultatie, reactie_a_ter_accordering, accordeerder_a, secretaris, monkeypatch
):
    """The deadline job closes the consultation while an accordeerder is submitting. The
    submission holds the response's lock; closing must wait for it and then leave the
    submitted response alone, not fail because it is no longer lopend."""
    indienen_houdt_slot = houd_slot_vast(monkeypatch, actie="indienen")
    reactie = reactie_a_ter_accordering

    def sluiten_door_termijnbewaking():
        assert indienen_houdt_slot.wait(10)  # the submission takes its lock first
        return consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=SYSTEEM)

    indienen, sluiten = gelijktijdig(
        lambda: services.reactie_indienen(reactie=reactie, actor=accordeerder_a),
        sluiten_door_termijnbewaking,
    )
    assert not isinstance(sluiten, Exception), sluiten
    opgeslagen = Reactie.objects.get(pk=reactie.pk)
    if isinstance(indienen, Exception):
        assert isinstance(indienen, TransitieNietToegestaan)
        assert opgeslagen.status == "verlopen"
    else:
        assert opgeslagen.status == "ingediend"
    assert Consultatie.objects.get(pk=open_consultatie.pk).status == "gesloten"

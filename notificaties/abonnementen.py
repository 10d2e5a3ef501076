"""What notificaties does on which domain event (``kern.gebeurtenissen``).

The domain services publish after commit; each subscriber here only enqueues the task that
composes the messages, so a page never waits for a mail server. A new notification is a
new line here, never a change in a domain service.
"""

from kern.gebeurtenissen import abonneer

from . import tasks

#: Events on a response that someone hears of (recipients: ``tasks._ONTVANGERS``).
REACTIE_GEBEURTENISSEN = ("ter_accordering", "afgekeurd", "ingediend", "teruggestuurd", "afgezien")


def _reactie_melder(gebeurtenis: str):
    def melden(*, reactie_id: int, toelichting: str = ""):
        tasks.reactie_gebeurtenis.enqueue(
            reactie_id=reactie_id, gebeurtenis=gebeurtenis, toelichting=toelichting
        )

    melden.__name__ = f"reactie_{gebeurtenis}_melden"
    return melden


_REACTIE_MELDERS = {g: _reactie_melder(g) for g in REACTIE_GEBEURTENISSEN}


def uitnodigingen_versturen(*, reactie_ids: list[int]):
    tasks.uitnodigingen_versturen.enqueue(reactie_ids=list(reactie_ids))


def nieuw_document(*, document_id: int):
    tasks.nieuw_document.enqueue(document_id=document_id)


def reactie_verlopen(*, reactie_id: int):
    tasks.reactie_verlopen_melden.enqueue(reactie_id=reactie_id)


def consultatie_automatisch_gesloten(*, consultatie_id: int):
    tasks.consultatie_gesloten_melden.enqueue(consultatie_id=consultatie_id)


def _verlenging_melder(gebeurtenis: str):
    def melden(*, verzoek_id: int):
        tasks.verlenging_gebeurtenis.enqueue(verzoek_id=verzoek_id, gebeurtenis=gebeurtenis)

    melden.__name__ = f"verlenging_{gebeurtenis}_melden"
    return melden


_VERLENGING_MELDERS = {g: _verlenging_melder(g) for g in ("aangevraagd", "toegekend", "afgewezen")}


def rapport_verzonden(*, rapport_id: int):
    tasks.rapport_verzonden.enqueue(rapport_id=rapport_id)


def account_gebeurtenis(*, gebeurtenis: str, gebruiker_id: int, context: dict):
    tasks.account_gebeurtenis_melden.enqueue(gebruiker_id=gebruiker_id, gebeurtenis=gebeurtenis)


def registreer():
    """Called from ``NotificatiesConfig.ready``; subscribing twice is harmless."""
    for gebeurtenis, melder in _REACTIE_MELDERS.items():
        abonneer(f"reactie.{gebeurtenis}", melder)
    abonneer("reactie.verlopen_door_termijn", reactie_verlopen)
    abonneer("consultatie.uitnodigingen_verstuurd", uitnodigingen_versturen)
    abonneer("consultatie.document_toegevoegd", nieuw_document)
    abonneer("consultatie.automatisch_gesloten", consultatie_automatisch_gesloten)
    for gebeurtenis, melder in _VERLENGING_MELDERS.items():
        abonneer(f"verlenging.{gebeurtenis}", melder)
    abonneer("rapport.verzonden", rapport_verzonden)
    abonneer("account.gebeurtenis", account_gebeurtenis)

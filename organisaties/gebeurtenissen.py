"""Named events of accounts, published explicitly by the services after commit.

``organisaties`` sits at the bottom of the dependency chain: it may not import
notificaties, which e-mails the user about these events. Notificaties subscribes in its
``AppConfig.ready`` instead; the publish call stays visible in each service.
"""

from django.db import transaction
from django.dispatch import Signal

#: ``gebeurtenis``: one of GEBEURTENISSEN; ``gebruiker_id``; ``context``: extra data.
account_gebeurtenis = Signal()

GEBEURTENISSEN = (
    "tweede_factor_ingesteld",
    "tweede_factor_vervangen",
    "tweede_factor_verwijderd",
    "tweede_factor_hersteld",
    "wachtwoord_gewijzigd",
    "account_aangemaakt",
)


def na_commit(gebeurtenis: str, gebruiker, **context) -> None:
    assert gebeurtenis in GEBEURTENISSEN, gebeurtenis
    gebruiker_id = gebruiker.pk
    transaction.on_commit(
        lambda: account_gebeurtenis.send(
            sender="organisaties",
            gebeurtenis=gebeurtenis,
            gebruiker_id=gebruiker_id,
            context=context,
        )
    )

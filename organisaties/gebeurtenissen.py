"""Named events of accounts, published explicitly by the services after commit.

``organisaties`` sits at the bottom of the dependency chain: it may not import
notificaties, which e-mails the user about these events. Notificaties subscribes to
``account.gebeurtenis`` (``kern.gebeurtenissen``) in its ``AppConfig.ready`` instead; the
publish call stays visible in each service.
"""

from kern.gebeurtenissen import publiceer_na_commit

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
    publiceer_na_commit(
        "account.gebeurtenis", gebeurtenis=gebeurtenis, gebruiker_id=gebruiker.pk, context=context
    )


def uitnodiging_na_commit(uitnodiging) -> None:
    """The invitation e-mail (with a link made from the row as it is then)."""
    publiceer_na_commit("account.uitnodiging", uitnodiging_id=uitnodiging.pk)

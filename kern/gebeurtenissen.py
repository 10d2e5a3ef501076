"""Named domain events: a service publishes, other apps subscribe.

A domain service says at its end what happened (``publiceer_na_commit("reactie.ingediend",
reactie_id=…)``); notificaties (and later webhooks) subscribe in their ``AppConfig.ready``.
So a new notification never touches a domain service, and no domain app imports
notificaties. The publish call is explicit in the service: no hidden signal on save.

- :func:`publiceer_na_commit` runs the subscribers after the transaction commits (e-mail,
  background jobs): a rolled-back action announces nothing.
- :func:`publiceer` runs them at once, inside the caller's transaction, for a domain rule of
  a higher app that must hold in the same transaction (responses expire when their
  consultation closes).
"""

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

_abonnees: dict[str, list[Callable]] = defaultdict(list)


def abonneer(naam: str, functie: Callable | None = None):
    """Subscribe ``functie(**gegevens)`` to event ``naam`` (also usable as a decorator)."""

    def registreer(f):
        if f not in _abonnees[naam]:
            _abonnees[naam].append(f)
        return f

    return registreer(functie) if functie is not None else registreer


def abonnees(naam: str) -> list[Callable]:
    return list(_abonnees.get(naam, ()))


def publiceer(naam: str, **gegevens) -> None:
    """Run the subscribers of ``naam`` now, in the current transaction."""
    for functie in abonnees(naam):
        functie(**gegevens)


def publiceer_na_commit(naam: str, **gegevens) -> None:
    """Run the subscribers of ``naam`` once the current transaction commits."""
    transaction.on_commit(lambda: publiceer(naam, **gegevens))

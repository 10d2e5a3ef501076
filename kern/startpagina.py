"""Sections of the start page that a higher app supplies.

The dashboard belongs to ``consultaties``, but the secretaris's work queue reads what
``notificaties`` owns (extension requests, failed e-mails). As with domain events
(``kern.gebeurtenissen``), the higher app registers its section in ``AppConfig.ready`` and
the dashboard asks for the sections of the user, without importing that app (the pattern
of Wagtail's homepage panels).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Sectie:
    naam: str
    template: str
    #: ``(user) -> bool``: whether this user gets the section.
    voor: Callable
    #: ``(request) -> dict``: the section's context, computed only for those users.
    context: Callable


_secties: dict[str, Sectie] = {}


def registreer(sectie: Sectie) -> Sectie:
    """Register ``sectie`` (again under the same name replaces it: ready() may run twice)."""
    _secties[sectie.naam] = sectie
    return sectie


def secties_voor(request) -> list[dict]:
    """``[{"template": …, "context": …}]`` of every section for the requesting user."""
    return [
        {"naam": s.naam, "template": s.template, "context": s.context(request)}
        for s in _secties.values()
        if s.voor(request.user)
    ]

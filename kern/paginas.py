"""What a higher app adds to a lower app's page.

The consultation page (``consultaties``) lists the invited organisations' responses
(``reacties``) and the paper's versions (``rapporten``); the start page shows an
organisation its invitations and the ministry the papers sent to it. ``consultaties`` sits
below both apps in the app graph and does not import them. So each app registers a
*bijdrage* to the page in its ``AppConfig.ready``: a function that returns its part of the
template context. The page's view merges what the bijdragen return into its own context
(the pattern of Wagtail's hooks). A page is named by its URL name; each bijdrage's
docstring names the context keys it fills, which the page's template reads.

``kern.startpagina`` is the other way in: a section with its own template, shown on the
dashboard as a whole (the secretaris's work queue).
"""

from collections import defaultdict
from collections.abc import Callable

_bijdragen: dict[str, dict[str, Callable]] = defaultdict(dict)


def draag_bij(pagina: str, naam: str, functie: Callable) -> Callable:
    """Register ``functie(request, **objecten) -> dict`` for the page ``pagina`` (a URL
    name, e.g. ``"consultaties:detail"``). The same ``naam`` again replaces it: ready() may
    run twice."""
    _bijdragen[pagina][naam] = functie
    return functie


def context(pagina: str, request, **objecten) -> dict:
    """The context that every bijdrage to ``pagina`` adds, in the order registered."""
    resultaat = {}
    for functie in _bijdragen.get(pagina, {}).values():
        resultaat.update(functie(request, **objecten))
    return resultaat

"""Dependencies between the apps point one way:

    kern.actor, kern.admin, kern.gebeurtenissen ← audit ← kern ← organisaties
    ← consultaties ← reacties ← termijnen ← rapporten ← inzichten ← kennisbank ← themas
    ← notificaties ← koppelingen

A module may import only from its own app or from an app further left. So no domain app
imports notificaties or koppelingen (webhooks): both subscribe to domain events
(``kern.gebeurtenissen``).
Every import counts, also one inside a function, and there are no exceptions: a page or
API resource of a lower app that shows what a higher app owns gets it through a hook the
higher app fills (``kern.paginas`` for pages, a mixin composed in ``tegenkracht/api_urls.py``
for the API, a domain event for a rule). ``tegenkracht`` (settings, urls, the API
machinery) is the project's wiring and not part of the graph.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Module prefix → rank; the longest matching prefix decides.
RANG = {
    "kern.actor": 0,
    "kern.admin": 0,
    "kern.gebeurtenissen": 0,
    "audit": 1,
    "kern": 2,
    "organisaties": 3,
    "consultaties": 4,
    "reacties": 5,
    # Deadline rules of a consultation: calendar, expiry, closing by itself, extensions.
    "termijnen": 6,
    "rapporten": 7,
    "inzichten": 8,
    # Search and the public archive read every domain app; no domain app reads them.
    "kennisbank": 9,
    # Themes of kernpunten across consultations: reads kernpunten, papers and verwerking.
    "themas": 10,
    "notificaties": 11,
    "koppelingen": 12,
    # Development tooling (demo, load generator): may use every app, nothing uses it.
    "ontwikkeling": 13,
}


def rang(module: str) -> int | None:
    treffers = [p for p in RANG if module == p or module.startswith(p + ".")]
    return RANG[max(treffers, key=len)] if treffers else None


def app(module: str) -> str:
    return module.split(".")[0]


def modules():
    for pakket in sorted({p.split(".")[0] for p in RANG}):
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            deel = pad.relative_to(ROOT).with_suffix("").parts
            if "migrations" in deel:
                continue
            naam = ".".join(deel).removesuffix(".__init__")
            yield naam, pad


def imports(naam: str, pad: Path):
    pakket = naam if pad.name == "__init__.py" else naam.rsplit(".", 1)[0]
    for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
        if isinstance(knoop, ast.Import):
            for alias in knoop.names:
                yield alias.name, knoop.lineno
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")
                basis = basis[: len(basis) - (knoop.level - 1)]
                yield ".".join([*basis, *([knoop.module] if knoop.module else [])]), knoop.lineno
            elif knoop.module:
                yield knoop.module, knoop.lineno


def overtredingen():
    regels = []
    for naam, pad in modules():
        eigen = rang(naam)
        for doel, regel in imports(naam, pad):
            doel_rang = rang(doel)
            if doel_rang is None or app(doel) == app(naam):
                continue
            if doel_rang > eigen:
                regels.append(f"{pad.relative_to(ROOT)}:{regel} importeert {doel}")
    return regels


def test_afhankelijkheden_wijzen_een_kant_op():
    regels = overtredingen()
    assert not regels, "Import tegen de richting in:\n" + "\n".join(regels)


def test_geen_domeinapp_importeert_notificaties():
    for naam, pad in modules():
        if app(naam) in ("notificaties", "ontwikkeling"):
            continue
        for doel, regel in imports(naam, pad):
            assert app(doel) != "notificaties", f"{pad.relative_to(ROOT)}:{regel}"


def test_geen_app_importeert_koppelingen():
    for naam, pad in modules():
        if app(naam) in ("koppelingen", "ontwikkeling"):
            continue
        for doel, regel in imports(naam, pad):
            assert app(doel) != "koppelingen", f"{pad.relative_to(ROOT)}:{regel}"


@pytest.mark.parametrize(
    ("module", "verwacht"),
    [
        ("kern.workflow", 2),
        ("kern.actor", 0),
        ("reacties.api", 5),
        ("koppelingen.services", 12),
        ("themas.cijfers", 10),
        ("tegenkracht.urls", None),
    ],
)
def test_rang(module, verwacht):
    assert rang(module) == verwacht

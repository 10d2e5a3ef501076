"""English is complete (issue 15): no user-facing text in a template outside
{% translate %} / {% blocktranslate %}, and no empty or fuzzy entry in the English
catalogue. Fails with the file and the text, so a new page cannot ship half-Dutch."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

SJABLONEN = Path(settings.BASE_DIR) / "templates"
CATALOGUS = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

#: Not pages a user reads in the interface language: the paper is Dutch by design
#: (lang="nl", archived), e-mails go out in Dutch, and the API docs page is generated.
NIET_VERTAALD = (
    "rapporten/pdf/",
    "drf_spectacular/",
    "notificaties/basis.",
)
E_MAIL = re.compile(r"^notificaties/(?!_)[a-z_]+(_onderwerp)?\.txt$")
#: Words that are the same in both languages, or names.
TOEGESTAAN = {"Tegenkracht", "Taal", "Language", "API", "PDF", "CSV", "XLSX"}
#: Translated on their own branches (issue 20: the paper's pages; issue 12: login and the
#: second factor). Remove an entry once that branch is merged.
ELDERS_VERTAALD = ()

WOORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _sjablonen():
    for pad in sorted(SJABLONEN.rglob("*")):
        naam = pad.relative_to(SJABLONEN).as_posix()
        if pad.suffix not in (".html", ".txt") or naam.startswith(NIET_VERTAALD + ELDERS_VERTAALD):
            continue
        if E_MAIL.match(naam) or _is_email_html(pad, naam):
            continue
        yield naam, pad.read_text()


def _is_email_html(pad, naam) -> bool:
    # An e-mail's HTML part sits next to its text part.
    return naam.startswith("notificaties/") and pad.with_suffix(".txt").exists()


class _Tekstzoeker(HTMLParser):
    """Collects the text a reader sees (and reads aloud) outside the template's own tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.gevonden, self.in_code = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.in_code += 1
        for naam, waarde in attrs:
            if naam in ("aria-label", "title", "placeholder", "alt") and _is_tekst(waarde or ""):
                self.gevonden.append(waarde)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_code -= 1

    def handle_data(self, data):
        if not self.in_code and _is_tekst(data):
            self.gevonden.append(" ".join(data.split())[:80])


def onvertaalde_teksten(bron: str) -> list[str]:
    """Template → HTML in which every template tag, variable and translated text is a
    placeholder (§); what readable text remains was not wrapped for translation."""
    delen, in_blok = [], 0
    for token in Lexer(bron).tokenize():
        if token.token_type == TokenType.BLOCK:
            woorden = token.contents.split()
            soort = woorden[0] if woorden else ""
            if soort in ("blocktranslate", "blocktrans"):
                in_blok += 1
                delen.append("§")
            elif soort in ("endblocktranslate", "endblocktrans"):
                in_blok -= 1
            elif soort in ("translate", "trans") and not in_blok:
                delen.append("" if " as " in token.contents else "§")
        elif token.token_type == TokenType.VAR and not in_blok:
            delen.append("§")
        elif token.token_type == TokenType.TEXT and not in_blok:
            delen.append(token.contents)
    zoeker = _Tekstzoeker()
    zoeker.feed("".join(delen))
    zoeker.close()
    return zoeker.gevonden


def _is_tekst(tekst: str) -> bool:
    woorden = [w for w in WOORD.findall(tekst) if w not in TOEGESTAAN]
    return bool(woorden)


def test_elke_tekst_in_de_sjablonen_is_vertaalbaar():
    fouten = []
    for naam, bron in _sjablonen():
        for tekst in onvertaalde_teksten(bron):
            fouten.append(f"{naam}: {tekst!r}")
    assert not fouten, "Tekst buiten {% translate %}:\n" + "\n".join(fouten)


def test_de_controle_ziet_onvertaalde_tekst():
    assert onvertaalde_teksten("<p>Hallo wereld</p>") == ["Hallo wereld"]
    assert onvertaalde_teksten('<a aria-label="Sluiten">x</a>') == ["Sluiten"]
    assert onvertaalde_teksten("<p>{% translate 'Hallo' %}</p>") == []
    assert onvertaalde_teksten("{% blocktranslate %}Hallo {{ x }}{% endblocktranslate %}") == []


def test_engelse_catalogus_is_volledig():
    catalogus = polib.pofile(str(CATALOGUS))
    leeg = [e.msgid for e in catalogus.untranslated_entries()]
    vaag = [e.msgid for e in catalogus.fuzzy_entries()]
    assert not leeg, f"Zonder Engelse vertaling: {leeg[:20]}"
    assert not vaag, f"Vaag (fuzzy) vertaald: {vaag[:20]}"


@pytest.mark.parametrize("taal", ["en"])
def test_catalogus_is_gecompileerd(taal):
    mo = CATALOGUS.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= CATALOGUS.stat().st_mtime - 1


@pytest.mark.django_db
def test_engelse_pagina_markeert_nederlandse_gebruikerstekst(client, reactie_a, opsteller_a):
    """WCAG 3.1.2: Dutch user text on an English page carries lang="nl"; labels, choices
    and dates are English."""
    from reacties import services

    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    client.force_login(opsteller_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    inhoud = client.get(f"/reacties/{reactie.pk}/").content.decode()
    assert '<html lang="en">' in inhoud
    assert f'<span lang="nl">{reactie.consultatie.titel}</span>' in inhoud
    assert "In preparation" in inhoud and "Citizens and businesses" in inhoud
    assert 'Language / <span lang="nl">Taal</span>' in inhoud
    assert "a.m." not in inhoud and "p.m." not in inhoud

    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    inhoud = client.get(f"/reacties/{reactie.pk}/").content.decode()
    assert 'lang="nl">' + reactie.consultatie.titel not in inhoud
    assert 'Taal / <span lang="en">Language</span>' in inhoud

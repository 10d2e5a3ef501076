"""``{% load i18n vertalen %}``: Django's library with ``{% translate "vaste tekst" %}``
translated once per language (``tegenkracht/templatetags/vertalen.py``): the same output
as Django's, in each language, and everything that is not a fixed text rendered as before;
every template loads it."""

from pathlib import Path

from django.template import engines
from django.templatetags.i18n import TranslateNode
from django.utils import translation

from tegenkracht.templatetags.vertalen import VasteTekstNode


def _sjabloon(bron):
    return engines["django"].from_string("{% load i18n vertalen %}" + bron)


def _nodes(sjabloon):
    return [n for n in sjabloon.template.nodelist if isinstance(n, TranslateNode)]


def test_elk_sjabloon_dat_vertaalt_laadt_vertalen_na_i18n():
    """A template that loaded only ``i18n`` would translate every fixed text on every
    render again (and nothing would notice)."""
    from django.conf import settings

    sjablonen = [p for p in (Path(settings.BASE_DIR) / "templates").rglob("*") if p.is_file()]
    zonder = [
        str(p)
        for p in sjablonen
        if "{% load i18n" in (tekst := p.read_text()) and "{% load i18n vertalen" not in tekst
    ]
    assert len(sjablonen) > 50
    assert zonder == []


def test_de_andere_tags_van_i18n_blijven_die_van_django():
    uit = _sjabloon(
        "{% get_current_language as taal %}{{ taal }} "
        "{% blocktranslate count n=2 %}{{ n }} punt{% plural %}{{ n }} punten"
        "{% endblocktranslate %}"
        " {{ 'en'|language_name_local }}"
    ).render({})
    assert uit == "nl 2 punten English"


def test_vaste_tekst_per_taal():
    sjabloon = _sjabloon('{% translate "Opslaan" %}|{% trans "Thema\'s" %}')
    assert [type(n) for n in _nodes(sjabloon)] == [VasteTekstNode, VasteTekstNode]
    for _ in range(2):  # the second time from what the node kept
        assert sjabloon.render({}) == "Opslaan|Thema's"
        with translation.override("en"):
            assert sjabloon.render({}) == "Save|Themes"
        with translation.override(None):
            assert sjabloon.render({}) == "Opslaan|Thema's"


def test_zonder_autoescape_hetzelfde_als_django():
    sjabloon = _sjabloon('{% autoescape off %}{% translate "Opslaan" %}{% endautoescape %}')
    with translation.override("en"):
        assert sjabloon.render({}) == "Save"


def test_wat_geen_vaste_tekst_is_rendert_django_elke_keer():
    sjabloon = _sjabloon(
        "{% translate tekst %}|{% translate 'Opslaan'|upper %}|"
        "{% translate 'Opslaan' as x %}[{{ x }}]|{% translate 'mei' context 'maand' %}"
    )
    assert not any(isinstance(n, VasteTekstNode) for n in _nodes(sjabloon))
    assert sjabloon.render({"tekst": "Opslaan"}).startswith("Opslaan|OPSLAAN|[Opslaan]|")
    with translation.override("en"):
        uit = sjabloon.render({"tekst": "<b>Annuleren</b>"})
    assert uit.startswith("&lt;b&gt;Annuleren&lt;/b&gt;|SAVE|[Save]|")

"""The main menu on every page: each role its own items, the current page marked, the
counters with their hidden explanation (built by the ``navlink`` and ``vaste_url`` tags)."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import clear_script_prefix, set_script_prefix

from notificaties.models import Notificatie

pytestmark = pytest.mark.django_db


def _menu(client, gebruiker, pad="/notificaties/"):
    client.force_login(gebruiker)
    html = client.get(pad).content.decode()
    nav = html[html.index('<nav id="hoofdmenu"') : html.index("</nav>")]
    return nav, dict(re.findall(r'<a class="rhc-nav-bar__link" href="([^"]+)"[^>]*>([^<]+)', nav))


def test_elke_rol_ziet_haar_eigen_menu(
    client, secretaris, opsteller_a, beheerder_a, ministerie_gebruiker
):
    _nav, secretariaat = _menu(client, secretaris)
    assert {"/notificaties/achterstand/", "/notificaties/verlengingen/", "/inzichten/"} <= set(
        secretariaat
    )
    assert secretariaat["/consultaties/nieuw/"] == "Nieuwe consultatie"

    _nav, organisatie = _menu(client, opsteller_a)
    assert organisatie["/"] == "Uitnodigingen"
    assert {"/notificaties/werklast/", "/notificaties/agenda/", "/koppelingen/"} <= set(organisatie)
    assert "/notificaties/achterstand/" not in organisatie

    _nav, beheer = _menu(client, beheerder_a, "/beheer/gebruikers/")
    assert set(beheer) >= {"/beheer/gebruikers/", "/beheer/uitnodigingen/"}
    assert "/consultaties/" not in beheer  # no part in the workflow

    _nav, ministerie = _menu(client, ministerie_gebruiker)
    assert ministerie["/"] == "Overzicht"
    assert "/inzichten/" not in ministerie and "/notificaties/agenda/" not in ministerie
    assert "/koppelingen/" in ministerie  # its own webhooks


def test_alleen_de_huidige_pagina_is_gemarkeerd(client, opsteller_a):
    nav, _items = _menu(client, opsteller_a, "/notificaties/agenda/")
    assert nav.count('aria-current="page"') == 1
    assert '<a class="rhc-nav-bar__link" href="/notificaties/agenda/" aria-current="page">' in nav


def test_de_teller_van_ongelezen_notificaties(client, opsteller_a):
    nav, _items = _menu(client, opsteller_a)
    assert "tk-teller" not in nav  # nothing to count, no counter
    for i in range(3):
        Notificatie.objects.create(ontvanger=opsteller_a, soort="test", onderwerp=f"{i}", tekst="")
    nav, _items = _menu(client, opsteller_a)
    assert (
        '<span class="tk-teller">(3<span class="tk-visueel-verborgen"> ongelezen</span>)</span>'
        in nav
    )


def test_navlink_ontsnapt_wat_het_toont():
    sjabloon = Template("{% load tegenkracht %}{% navlink url label teller uitleg %}")
    verzoek = RequestFactory().get("/elders/")
    html = sjabloon.render(
        Context({"request": verzoek, "url": '/x"y', "label": "<b>", "teller": 1, "uitleg": "<i>"})
    )
    assert html == (
        '<li><a class="rhc-nav-bar__link" href="/x&quot;y">&lt;b&gt; <span class="tk-teller">'
        '(1<span class="tk-visueel-verborgen"> &lt;i&gt;</span>)</span></a></li>'
    )


def test_vaste_url_volgt_het_scriptvoorvoegsel():
    sjabloon = Template("{% load tegenkracht %}{% vaste_url 'themas:lijst' %}")
    assert sjabloon.render(Context()) == "/themas/"
    set_script_prefix("/tegenkracht/")
    try:
        assert sjabloon.render(Context()) == "/tegenkracht/themas/"
    finally:
        clear_script_prefix()


def test_navlink_zonder_verzoek_markeert_niets():
    html = Template("{% load tegenkracht %}{% navlink '/x/' 'X' %}").render(Context())
    assert html == '<li><a class="rhc-nav-bar__link" href="/x/">X</a></li>'

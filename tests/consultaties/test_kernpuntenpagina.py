"""The kernpunten of a closed consultation have a page of their own
(``consultaties:kernpunten``): reading, endorsing, themes and merging. The consultation
page only counts them and links there. Endorsing, themes and merging return to it."""

import pytest
from django.urls import reverse

from reacties import services as reactie_services
from reacties.models import Kernpunt, Onderschrijving

pytestmark = pytest.mark.django_db


def _url(consultatie):
    return reverse("consultaties:kernpunten", args=[consultatie.pk])


def _kernpunt_van(consultatie, organisatie):
    return Kernpunt.objects.get(reactie__consultatie=consultatie, reactie__organisatie=organisatie)


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


# --- who sees the page ---------------------------------------------------------------


def test_secretaris_ziet_de_kernpunten_met_thema_en_samenvoegen(
    client, gesloten, secretaris, org_a
):
    response = _get(client, secretaris, _url(gesloten))
    assert response.status_code == 200
    html = response.content.decode()
    kernpunt = _kernpunt_van(gesloten, org_a)
    assert f"<title>Kernpunten – {gesloten.titel}" in html
    assert 'id="kernpunten-kop"' in html
    assert f'id="kernpunt-{kernpunt.pk}"' in html
    assert "Kernpunt van " + org_a.afkorting in html
    assert reverse("themas:kernpunt", args=[kernpunt.pk]) in html
    assert f'href="{reverse("reacties:samenvoegen", args=[kernpunt.pk])}"' in html
    assert "Onderschrijven" not in html  # the secretariaat does not endorse
    assert reverse("rapporten:kernpunten_xlsx", args=[gesloten.pk]) in html
    # The breadcrumb leads back to the consultation.
    kruimelpad = html.split('class="utrecht-breadcrumb-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("consultaties:detail", args=[gesloten.pk])}"' in kruimelpad


def test_uitgenodigde_organisatie_onderschrijft_een_ander_kernpunt(
    client, gesloten, opsteller_a, org_a, org_b
):
    response = _get(client, opsteller_a, _url(gesloten))
    assert response.status_code == 200
    html = response.content.decode()
    eigen, ander = _kernpunt_van(gesloten, org_a), _kernpunt_van(gesloten, org_b)
    assert reverse("reacties:onderschrijven", args=[ander.pk]) in html
    assert reverse("reacties:onderschrijven", args=[eigen.pk]) not in html
    assert "/samenvoegen/" not in html
    assert reverse("themas:kernpunt", args=[ander.pk]) not in html
    assert "Onderschrijf de kernpunten van andere organisaties" in html
    assert reverse("rapporten:kernpunten_xlsx", args=[gesloten.pk]) in html


def test_niet_uitgenodigde_organisatie_krijgt_404(client, gesloten, opsteller_c):
    assert _get(client, opsteller_c, _url(gesloten)).status_code == 404


@pytest.mark.parametrize("fixture", ["gesloten", "verzonden"])
def test_ministerie_krijgt_404(client, request, fixture, ministerie_gebruiker):
    consultatie = request.getfixturevalue(fixture)
    consultatie = getattr(consultatie, "consultatie", consultatie)
    # The ministry sees the consultation once the paper was sent, not its kernpunten page.
    if fixture == "verzonden":
        assert _get(client, ministerie_gebruiker, consultatie_url(consultatie)).status_code == 200
    assert _get(client, ministerie_gebruiker, _url(consultatie)).status_code == 404


def consultatie_url(consultatie):
    return reverse("consultaties:detail", args=[consultatie.pk])


def test_anoniem_gaat_naar_inloggen(client, gesloten):
    response = client.get(_url(gesloten))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("rol", ["secretaris", "opsteller_a"])
def test_open_consultatie_heeft_geen_kernpuntenpagina(client, request, open_consultatie, rol):
    assert _get(client, request.getfixturevalue(rol), _url(open_consultatie)).status_code == 404


def test_onbekende_consultatie_geeft_404(client, secretaris):
    assert _get(client, secretaris, "/consultaties/999999/kernpunten/").status_code == 404


@pytest.mark.parametrize("rol", ["secretaris", "opsteller_a"])
def test_verzonden_consultatie_toont_de_lijst_zonder_samenvoegen(
    client, request, verzonden, rol, org_b
):
    consultatie = verzonden.consultatie
    assert consultatie.status == "verzonden"
    html = _get(client, request.getfixturevalue(rol), _url(consultatie)).content.decode()
    kernpunt = _kernpunt_van(consultatie, org_b)
    assert f'id="kernpunt-{kernpunt.pk}"' in html
    assert "/samenvoegen/" not in html  # merging ends once the paper was sent
    assert "K1" in html  # the numbers the sent paper gave the kernpunten


# --- the consultation page: a summary and a link ------------------------------------


@pytest.mark.parametrize(
    ("rol", "link"),
    [
        ("secretaris", "Alle kernpunten bekijken, bundelen en thema's geven"),
        ("opsteller_a", "Alle kernpunten bekijken en onderschrijven"),
    ],
)
def test_consultatiepagina_telt_de_kernpunten_en_linkt_ernaar(client, request, gesloten, rol, link):
    html = _get(client, request.getfixturevalue(rol), consultatie_url(gesloten)).content.decode()
    assert 'id="kernpunten-kop"' in html
    assert "2 kernpunten van 2 organisaties." in html
    assert f'<a class="utrecht-link" href="{_url(gesloten)}">{link}</a>' in html
    # The list itself is no longer on the consultation page.
    assert "Onderschrijven" not in html and 'id="kernpunt-' not in html
    assert "/samenvoegen/" not in html


def test_consultatiepagina_van_verzonden_consultatie_linkt_de_secretaris_naar_themas(
    client, verzonden, secretaris
):
    html = _get(client, secretaris, consultatie_url(verzonden.consultatie)).content.decode()
    assert "Alle kernpunten bekijken en thema's geven" in html


def test_samengevoegd_kernpunt_telt_niet_mee(client, gesloten, secretaris, org_a, org_b):
    reactie_services.kernpunt_samenvoegen(
        kernpunt=_kernpunt_van(gesloten, org_a),
        in_kernpunt=_kernpunt_van(gesloten, org_b),
        actor=secretaris,
    )
    html = _get(client, secretaris, consultatie_url(gesloten)).content.decode()
    assert "1 kernpunt van 1 organisatie." in html


def test_geen_samenvatting_voor_ministerie_of_open_consultatie(
    client, verzonden, ministerie_gebruiker, open_consultatie, secretaris
):
    html = _get(client, ministerie_gebruiker, consultatie_url(verzonden.consultatie))
    assert "kernpunten-kop" not in html.content.decode()
    html = _get(client, secretaris, consultatie_url(open_consultatie)).content.decode()
    assert "kernpunten-kop" not in html
    assert reverse("consultaties:kernpunten", args=[open_consultatie.pk]) not in html


# --- actions return to the kernpunten page -------------------------------------------


def test_onderschrijven_keert_terug_naar_het_kernpunt(client, gesloten, opsteller_a, org_b):
    kernpunt = _kernpunt_van(gesloten, org_b)
    client.force_login(opsteller_a)
    response = client.post(reverse("reacties:onderschrijven", args=[kernpunt.pk]))
    assert response.status_code == 302
    assert response["Location"] == _url(gesloten) + f"#kernpunt-{kernpunt.pk}"
    assert Onderschrijving.objects.filter(kernpunt=kernpunt).count() == 1
    # Again: refused over the kernpunten page (409), the button gone.
    response = client.post(reverse("reacties:onderschrijven", args=[kernpunt.pk]))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Uw organisatie onderschrijft dit kernpunt al." in html
    assert f"<title>Kernpunten – {gesloten.titel}" in html
    assert f'action="{reverse("reacties:onderschrijven", args=[kernpunt.pk])}"' not in html


def test_weigering_bij_open_consultatie_toont_de_consultatiepagina(
    client, open_consultatie, reactie_a, opsteller_a, secretaris
):
    """While the consultation is open there is no kernpunten page: a refused action on a
    kernpunt shows the consultation page."""
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    dubbel, blijft = (
        reactie_services.kernpunt_toevoegen(
            reactie=reactie, actor=opsteller_a, dimensie="ict", tekst=tekst
        )
        for tekst in ("Koppeling.", "Koppeling met de keten.")
    )
    reactie_services.kernpunt_samenvoegen(kernpunt=dubbel, in_kernpunt=blijft, actor=secretaris)
    client.force_login(secretaris)
    response = client.post(
        reverse("reacties:samenvoegen", args=[dubbel.pk]), {"in_kernpunt": blijft.pk}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Een van deze kernpunten is al samengevoegd." in html
    assert f"<title>{open_consultatie.titel}" in html


def test_samenvoegen_keert_terug_naar_het_kernpunt_dat_blijft(
    client, gesloten, secretaris, org_a, org_b
):
    dubbel, blijft = _kernpunt_van(gesloten, org_a), _kernpunt_van(gesloten, org_b)
    client.force_login(secretaris)
    url = reverse("reacties:samenvoegen", args=[dubbel.pk])
    # No choice: the merge page again, with the question (tests/reacties).
    response = client.post(url, {"in_kernpunt": ""})
    assert response.status_code == 400
    assert f'href="{_url(gesloten)}#kernpunt-{dubbel.pk}">Annuleren' in response.content.decode()
    response = client.post(url, {"in_kernpunt": blijft.pk})
    assert response.status_code == 302
    assert response["Location"] == _url(gesloten) + f"#kernpunt-{blijft.pk}"
    # Merging it again is refused over the kernpunten page.
    response = client.post(url, {"in_kernpunt": blijft.pk})
    assert response.status_code == 409
    assert f"<title>Kernpunten – {gesloten.titel}" in response.content.decode()


def test_samenvoegen_na_verzenden_geweigerd_op_de_kernpuntenpagina(
    client, verzonden, secretaris, org_a, org_b
):
    consultatie = verzonden.consultatie
    client.force_login(secretaris)
    response = client.post(
        reverse("reacties:samenvoegen", args=[_kernpunt_van(consultatie, org_a).pk]),
        {"in_kernpunt": _kernpunt_van(consultatie, org_b).pk},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert f"<title>Kernpunten – {consultatie.titel}" in html
    assert "open of gesloten" in html


def test_artikel_staat_er_zoals_de_opsteller_het_schreef(client, gesloten, secretaris, org_a):
    """The article field is free text ("Artikel 22", "art. 3 lid 2"): shown as written,
    as in the paper, without a prefix of our own that doubles it ("artikel Artikel 22")."""
    kernpunt = _kernpunt_van(gesloten, org_a)
    Kernpunt.objects.filter(pk=kernpunt.pk).update(artikel="Artikel 22 <b>lid 2</b>")
    for url in (_url(gesloten), reverse("reacties:samenvoegen", args=[kernpunt.pk])):
        html = _get(client, secretaris, url).content.decode()
        assert " · <span>Artikel 22 &lt;b&gt;lid 2&lt;/b&gt;</span>" in html
        assert "artikel Artikel" not in html

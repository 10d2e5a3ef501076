"""Merging duplicate kernpunten: the service (endorsements kept, audited, only within a
consultation) and the secretaris's merge page (``/reacties/kernpunten/<pk>/samenvoegen/``),
which the consultation page links to from each kernpunt."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from kern.workflow import TransitieNietToegestaan
from reacties import services
from reacties.models import Kernpunt, Onderschrijving
from tests import factories
from tests.rapporten.helpers import gesloten_consultatie


@pytest.fixture
def drie_organisaties(secretaris, ministerie, org_a, org_b):
    org_c = factories.OrganisatieFactory(afkorting="DUO", naam="DUO")
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b, org_c],
        open=True,
    )
    kernpunten = {}
    for organisatie in (org_a, org_b, org_c):
        opsteller = factories.opsteller(organisatie)
        accordeerder = factories.accordeerder(organisatie)
        reactie = consultatie.reacties.get(organisatie=organisatie)
        reactie = services.reactie_starten(reactie=reactie, actor=opsteller)
        reactie = factories.vul_reactie_in(reactie, opsteller)
        kernpunten[organisatie.afkorting] = services.kernpunt_toevoegen(
            reactie=reactie,
            actor=opsteller,
            dimensie="ict",
            tekst=f"Regel de gegevenslevering ({organisatie.afkorting}).",
        )
        reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
        services.reactie_indienen(reactie=reactie, actor=accordeerder)
    consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=secretaris)
    return consultatie, kernpunten, org_c


@pytest.mark.django_db
def test_samenvoegen_behoudt_onderschrijvingen_en_de_indiener(
    drie_organisaties, secretaris, org_a, org_b
):
    consultatie, kernpunten, org_c = drie_organisaties
    services.kernpunt_onderschrijven(kernpunt=kernpunten["SVB"], actor=factories.opsteller(org_c))
    doel = services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"],
        in_kernpunt=kernpunten["UWV"],
        actor=secretaris,
        toelichting="Zelfde punt.",
    )
    onderschrijvers = set(
        Onderschrijving.objects.filter(kernpunt=doel).values_list(
            "organisatie__afkorting", flat=True
        )
    )
    # SVB raised the duplicate, DUO endorsed it: both now support UWV's kernpunt.
    assert onderschrijvers == {"SVB", "DUO"}
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id == doel.pk
    assert AuditEvent.objects.voor(kernpunten["SVB"]).filter(actie="samengevoegd").exists()


@pytest.mark.django_db
def test_dubbele_onderschrijving_wordt_niet_dubbel_geteld(drie_organisaties, secretaris):
    _, kernpunten, org_c = drie_organisaties
    duo = factories.opsteller(org_c)
    services.kernpunt_onderschrijven(kernpunt=kernpunten["SVB"], actor=duo)
    services.kernpunt_onderschrijven(kernpunt=kernpunten["UWV"], actor=duo)
    doel = services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    assert doel.onderschrijvingen.filter(organisatie=org_c).count() == 1


@pytest.mark.django_db
def test_alleen_het_secretariaat_voegt_samen(drie_organisaties, org_a):
    _, kernpunten, _ = drie_organisaties
    with pytest.raises(PermissionDenied):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"],
            in_kernpunt=kernpunten["UWV"],
            actor=factories.accordeerder(org_a),
        )
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id is None


@pytest.mark.django_db
def test_samengevoegd_kernpunt_kan_niet_nogmaals_worden_samengevoegd(drie_organisaties, secretaris):
    _, kernpunten, _ = drie_organisaties
    services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["DUO"], actor=secretaris
        )
    with pytest.raises(ValidationError):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["DUO"], in_kernpunt=kernpunten["DUO"], actor=secretaris
        )


@pytest.mark.django_db
def test_kernpunten_van_verschillende_consultaties_worden_niet_samengevoegd(
    drie_organisaties, secretaris, ministerie, org_a
):
    _, kernpunten, _ = drie_organisaties
    andere = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    opsteller = factories.opsteller(org_a)
    reactie = services.reactie_starten(reactie=andere.reacties.get(), actor=opsteller)
    elders = services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller, dimensie="ict", tekst="Elders."
    )
    with pytest.raises(ValidationError):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"], in_kernpunt=elders, actor=secretaris
        )


# --- the merge page -------------------------------------------------------------------


def _pagina(kernpunt) -> str:
    return reverse("reacties:samenvoegen", args=[kernpunt.pk])


def _aangeboden(response) -> set[int]:
    return set(map(int, re.findall(r'name="in_kernpunt" value="(\d+)"', response.content.decode())))


def _niets_samengevoegd(*kernpunten):
    assert not Kernpunt.objects.filter(
        pk__in=[k.pk for k in kernpunten], samengevoegd_in__isnull=False
    ).exists()
    assert not AuditEvent.objects.filter(actie__startswith="samengevoegd").exists()


@pytest.fixture
def elders(secretaris, ministerie, org_a):
    """A kernpunt of another consultation (a draft, which the secretaris sees too)."""
    andere = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    opsteller = factories.opsteller(org_a)
    reactie = services.reactie_starten(reactie=andere.reacties.get(), actor=opsteller)
    return services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller, dimensie="ict", tekst="Elders."
    )


@pytest.mark.django_db
def test_kernpuntenpagina_verwijst_per_kernpunt_naar_de_samenvoegpagina(
    client, drie_organisaties, secretaris
):
    consultatie, kernpunten, _ = drie_organisaties
    client.force_login(secretaris)
    inhoud = client.get(reverse("consultaties:kernpunten", args=[consultatie.pk])).content.decode()
    for kernpunt in kernpunten.values():
        assert f'href="{_pagina(kernpunt)}"' in inhoud
    # No merge choice on the page itself any more: a link per kernpunt, named by it.
    assert 'name="in_kernpunt"' not in inhoud
    assert inhoud.count("Samenvoegen met een ander kernpunt") == 3
    assert '<span class="tk-visueel-verborgen"> – Regel de gegevenslevering (UWV).' in inhoud


@pytest.mark.django_db
def test_alleen_het_secretariaat_krijgt_de_verwijzing(client, drie_organisaties, org_a):
    consultatie, kernpunten, _ = drie_organisaties
    client.force_login(factories.opsteller(org_a))
    inhoud = client.get(reverse("consultaties:kernpunten", args=[consultatie.pk])).content.decode()
    assert kernpunten["SVB"].tekst in inhoud
    assert "/samenvoegen/" not in inhoud


@pytest.mark.django_db
def test_samenvoegpagina_biedt_de_andere_kernpunten_van_de_consultatie(
    client, drie_organisaties, secretaris, elders
):
    consultatie, kernpunten, _ = drie_organisaties
    client.force_login(secretaris)
    response = client.get(_pagina(kernpunten["SVB"]))
    assert response.status_code == 200
    inhoud = response.content.decode()
    # Itself and the kernpunt of another consultation are not offered.
    assert _aangeboden(response) == {kernpunten["UWV"].pk, kernpunten["DUO"].pk}
    assert elders.tekst not in inhoud
    assert '<h1 class="nl-heading nl-heading--level-1">Kernpunt samenvoegen</h1>' in inhoud
    assert kernpunten["SVB"].tekst in inhoud  # the kernpunt that is merged, in full
    assert "<legend" in inhoud and "Kernpunt dat blijft" in inhoud
    annuleren = reverse("consultaties:kernpunten", args=[consultatie.pk]) + (
        f"#kernpunt-{kernpunten['SVB'].pk}"
    )
    assert f'href="{annuleren}">Annuleren</a>' in inhoud
    # The breadcrumb passes the kernpunten page.
    kruimelpad = inhoud.split('class="utrecht-breadcrumb-nav"', 1)[1].split("</nav>", 1)[0]
    kernpunten_url = reverse("consultaties:kernpunten", args=[consultatie.pk])
    assert f'href="{kernpunten_url}">Kernpunten</a>' in kruimelpad


@pytest.mark.django_db
def test_samenvoegpagina_toont_de_nummers_van_het_paper_en_kort_lange_teksten_in(
    client, gesloten, secretaris, snelle_pdf
):
    from rapporten import services as rapport_services
    from tests.rapporten.helpers import maak_rapport

    uwv, svb = Kernpunt.objects.filter(reactie__consultatie=gesloten).order_by("pk")
    Kernpunt.objects.filter(pk=svb.pk).update(tekst="Lang. " * 100)
    rapport_services.rapport_definitief_maken(
        rapport=maak_rapport(gesloten, secretaris), actor=secretaris
    )
    client.force_login(secretaris)
    inhoud = client.get(_pagina(uwv)).content.decode()
    assert re.search(r'class="tk-kernpuntnummer">K\d</strong>', inhoud)
    # Shortened in the choice, the whole text one click away.
    [kort] = re.findall(r'class="tk-keuzetekst">(Lang\. [^<]*)</span>', inhoud)
    assert kort.endswith("…") and len(kort) <= 200
    assert "<summary>Volledige tekst" in inhoud and "Lang. " * 99 in inhoud


@pytest.mark.django_db
def test_samenvoegen_via_de_pagina(client, drie_organisaties, secretaris, org_b):
    consultatie, kernpunten, _ = drie_organisaties
    client.force_login(secretaris)
    response = client.post(_pagina(kernpunten["SVB"]), {"in_kernpunt": kernpunten["UWV"].pk})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("consultaties:kernpunten", args=[consultatie.pk])
        + f"#kernpunt-{kernpunten['UWV'].pk}"
    )
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id == kernpunten["UWV"].pk
    assert kernpunten["UWV"].onderschrijvingen.filter(organisatie=org_b).exists()
    pagina = client.get(response["Location"]).content.decode()
    assert "De kernpunten zijn samengevoegd; de onderschrijvingen zijn behouden." in pagina
    # The merged kernpunt is no longer on the list, nor offered to merge into.
    assert f'id="kernpunt-{kernpunten["SVB"].pk}"' not in pagina
    assert _aangeboden(client.get(_pagina(kernpunten["DUO"]))) == {kernpunten["UWV"].pk}


@pytest.mark.django_db
def test_samenvoegen_met_toelichting_komt_in_de_geschiedenis_van_beide(
    client, drie_organisaties, secretaris
):
    _, kernpunten, _ = drie_organisaties
    client.force_login(secretaris)
    formulier = client.get(_pagina(kernpunten["SVB"])).content.decode()
    assert 'name="toelichting"' in formulier and "Toelichting (optioneel)" in formulier
    response = client.post(
        _pagina(kernpunten["SVB"]),
        {"in_kernpunt": kernpunten["UWV"].pk, "toelichting": "  Zelfde punt over <ICT>.  "},
    )
    assert response.status_code == 302
    for kernpunt in (kernpunten["SVB"], kernpunten["UWV"]):
        event = AuditEvent.objects.filter(object_id=str(kernpunt.pk)).latest("pk")
        assert event.toelichting == "Zelfde punt over <ICT>."


@pytest.mark.django_db
def test_te_lange_toelichting_voegt_niets_samen_en_houdt_de_invoer(
    client, drie_organisaties, secretaris
):
    _, kernpunten, _ = drie_organisaties
    client.force_login(secretaris)
    tekst = "x" * 1001
    response = client.post(
        _pagina(kernpunten["SVB"]), {"in_kernpunt": kernpunten["UWV"].pk, "toelichting": tekst}
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert 'id="id_toelichting_fout"' in inhoud
    assert tekst in inhoud  # what was typed is kept
    assert (
        f'value="{kernpunten["UWV"].pk}" id="id_in_kernpunt_{kernpunten["UWV"].pk}" checked'
        in (inhoud)
        or f'value="{kernpunten["UWV"].pk}" id="id_in_kernpunt" checked' in inhoud
    )
    _niets_samengevoegd(*kernpunten.values())


@pytest.mark.django_db
@pytest.mark.parametrize("keuze", ["", "zelf", "elders", "onzin", "99999999999999999999999"])
def test_samenvoegen_zonder_geldige_keuze_toont_de_pagina_met_de_fout(
    client, drie_organisaties, secretaris, elders, keuze
):
    _, kernpunten, _ = drie_organisaties
    svb = kernpunten["SVB"]
    waarde = {"zelf": svb.pk, "elders": elders.pk}.get(keuze, keuze)
    client.force_login(secretaris)
    response = client.post(_pagina(svb), {"in_kernpunt": waarde})
    assert response.status_code == 400
    inhoud = response.content.decode()
    melding = (
        "Kies het kernpunt waarmee u dit kernpunt wilt samenvoegen."
        if keuze == ""
        else "Kies een ander kernpunt van dezelfde consultatie."
    )
    # At the fieldset and in the summary above the form, which links to the first choice.
    assert f'<p class="tk-fout" id="id_in_kernpunt_fout">{melding} </p>' in inhoud
    assert f'<a class="utrecht-link" href="#id_in_kernpunt">Kernpunt dat blijft: {melding}</a>' in (
        inhoud
    )
    assert 'id="id_in_kernpunt"' in inhoud and 'aria-invalid="true"' in inhoud
    assert _aangeboden(response) == {kernpunten["UWV"].pk, kernpunten["DUO"].pk}
    _niets_samengevoegd(*kernpunten.values(), elders)


@pytest.mark.django_db
def test_samenvoegen_met_een_al_samengevoegd_kernpunt_is_een_ongeldige_keuze(
    client, drie_organisaties, secretaris
):
    _, kernpunten, _ = drie_organisaties
    services.kernpunt_samenvoegen(
        kernpunt=kernpunten["DUO"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    client.force_login(secretaris)
    response = client.post(_pagina(kernpunten["SVB"]), {"in_kernpunt": kernpunten["DUO"].pk})
    assert response.status_code == 400
    assert "Kies een ander kernpunt van dezelfde consultatie." in response.content.decode()
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id is None


@pytest.mark.django_db
@pytest.mark.parametrize("methode", ["get", "post"])
def test_organisaties_krijgen_de_samenvoegpagina_niet(
    client, drie_organisaties, org_a, org_c, methode
):
    _, kernpunten, _ = drie_organisaties
    for gebruiker, kernpunt in [
        (factories.opsteller(org_a), kernpunten["UWV"]),  # its own
        (factories.accordeerder(org_a), kernpunten["SVB"]),  # another's, visible once closed
        (factories.opsteller(org_c), kernpunten["UWV"]),
    ]:
        client.force_login(gebruiker)
        response = getattr(client, methode)(
            _pagina(kernpunt), {"in_kernpunt": kernpunten["DUO"].pk}
        )
        assert response.status_code == 403, gebruiker
        assert b'name="in_kernpunt"' not in response.content
    _niets_samengevoegd(*kernpunten.values())


@pytest.mark.django_db
@pytest.mark.parametrize("methode", ["get", "post"])
def test_ministerie_ziet_de_kernpunten_van_een_gesloten_consultatie_niet(
    client, gesloten, ministerie_gebruiker, methode
):
    uwv, svb = Kernpunt.objects.filter(reactie__consultatie=gesloten)
    client.force_login(ministerie_gebruiker)
    response = getattr(client, methode)(_pagina(uwv), {"in_kernpunt": svb.pk})
    assert response.status_code == 404
    _niets_samengevoegd(uwv, svb)


@pytest.mark.django_db
@pytest.mark.parametrize("methode", ["get", "post"])
def test_na_verzenden_van_het_paper_geen_samenvoegen_meer(
    client, verzonden, secretaris, ministerie_gebruiker, methode
):
    uwv, svb = Kernpunt.objects.filter(reactie__consultatie=verzonden.consultatie)
    client.force_login(secretaris)
    response = getattr(client, methode)(_pagina(uwv), {"in_kernpunt": svb.pk})
    # The consultation page under the reason, as for any refused action.
    assert response.status_code == 409
    inhoud = response.content.decode()
    assert "Kernpunten samenvoegen kan alleen zolang de consultatie open of gesloten is." in inhoud
    assert verzonden.consultatie.titel in inhoud and 'name="in_kernpunt"' not in inhoud
    # The ministry sees the sent paper's kernpunten, and may still not merge them.
    client.force_login(ministerie_gebruiker)
    assert getattr(client, methode)(_pagina(uwv), {"in_kernpunt": svb.pk}).status_code == 403
    _niets_samengevoegd(uwv, svb)


@pytest.mark.django_db
def test_samengevoegd_kernpunt_heeft_geen_samenvoegpagina_meer(
    client, drie_organisaties, secretaris
):
    _, kernpunten, _ = drie_organisaties
    services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    client.force_login(secretaris)
    response = client.get(_pagina(kernpunten["SVB"]))
    assert response.status_code == 409
    assert "Een van deze kernpunten is al samengevoegd." in response.content.decode()


@pytest.mark.django_db
def test_samenvoegpagina_telt_zijn_queries_niet_per_kernpunt(
    client, secretaris, ministerie, django_assert_num_queries
):
    klein = gesloten_consultatie(
        secretaris, ministerie, [factories.OrganisatieFactory() for _ in range(2)]
    )
    groot = gesloten_consultatie(
        secretaris, ministerie, [factories.OrganisatieFactory() for _ in range(6)]
    )
    client.force_login(secretaris)
    for consultatie, aantal in ((klein, 1), (groot, 5)):
        kernpunt = Kernpunt.objects.filter(reactie__consultatie=consultatie).first()
        client.get(_pagina(kernpunt))
        # Session, user, second factor; the kernpunt with its consultation, its endorsers,
        # the others; the unread notifications of the menu; the paper's numbers.
        with django_assert_num_queries(8):
            response = client.get(_pagina(kernpunt))
        assert len(_aangeboden(response)) == aantal


@pytest.mark.django_db
def test_zonder_ander_kernpunt_leidt_de_pagina_terug_naar_de_kernpunten(
    client, gesloten, secretaris
):
    uwv, svb = Kernpunt.objects.filter(reactie__consultatie=gesloten).order_by("pk")
    services.kernpunt_samenvoegen(kernpunt=svb, in_kernpunt=uwv, actor=secretaris)
    client.force_login(secretaris)
    response = client.get(_pagina(uwv))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Deze consultatie heeft geen ander kernpunt om mee samen te voegen." in inhoud
    assert 'name="in_kernpunt"' not in inhoud
    terug = reverse("consultaties:kernpunten", args=[gesloten.pk]) + f"#kernpunt-{uwv.pk}"
    assert f'href="{terug}">Terug naar de kernpunten</a>' in inhoud

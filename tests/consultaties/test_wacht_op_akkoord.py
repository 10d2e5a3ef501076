"""The accordeerder's dashboard starts with what waits for his sign-off."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_accordeerder_ziet_wacht_op_uw_akkoord_bovenaan(
    client, reactie_a_ter_accordering, accordeerder_a, reactie_b
):
    client.force_login(accordeerder_a)
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    assert "Wacht op uw akkoord" in inhoud
    akkoord = inhoud.split('id="akkoord-kop"', 1)[1].split("</section>", 1)[0]
    assert reverse("reacties:detail", args=[reactie_a_ter_accordering.pk]) in akkoord
    assert "tk-status--ter_accordering" in akkoord
    assert inhoud.index("Wacht op uw akkoord") < inhoud.index("Status van uw reactie")
    # Another organisation's toets never shows up here.
    assert reverse("reacties:detail", args=[reactie_b.pk]) not in inhoud


def test_wie_zelf_aanbood_hoort_dat_een_collega_akkoord_geeft(client, reactie_a, accordeerder_a):
    from reacties import services
    from tests import factories

    reactie = services.reactie_starten(reactie=reactie_a, actor=accordeerder_a)
    reactie = factories.vul_reactie_in(reactie, accordeerder_a)
    services.reactie_ter_accordering(reactie=reactie, actor=accordeerder_a)
    client.force_login(accordeerder_a)
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    assert "een andere accordeerder geeft akkoord" in inhoud


def test_opsteller_ziet_geen_akkoordblok(client, reactie_a_ter_accordering, opsteller_a):
    client.force_login(opsteller_a)
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    assert "Wacht op uw akkoord" not in inhoud
    assert "tk-status--ter_accordering" in inhoud  # the same badge in the list


def test_akkoordblok_kost_evenveel_queries_bij_meer_toetsen(
    client,
    reactie_a_ter_accordering,
    accordeerder_a,
    secretaris,
    ministerie,
    org_a,
    opsteller_a,
    django_assert_num_queries,
):
    from reacties import services
    from tests import factories

    client.force_login(accordeerder_a)
    url = reverse("consultaties:dashboard")
    client.get(url)
    with django_assert_num_queries(7):
        client.get(url)
    for _ in range(3):
        consultatie = factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
        )
        reactie = services.reactie_starten(reactie=consultatie.reacties.get(), actor=opsteller_a)
        reactie = factories.vul_reactie_in(reactie, opsteller_a)
        services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    with django_assert_num_queries(7):
        inhoud = client.get(url).content.decode()
    assert inhoud.split('id="akkoord-kop"', 1)[1].split("</section>", 1)[0].count("<li>") == 4

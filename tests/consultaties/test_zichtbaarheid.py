"""Who sees what: ``zichtbaar_voor`` of Consultatie, Reactie and Kernpunt per role and per
consultation state, from one table.

The cast: organisation A has a draft (in voorbereiding, with a kernpunt), organisation B
submitted and was accepted (with a kernpunt), organisation C was not invited; the
requesting ministry and another ministry; inactive users of A and of the secretariaat.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from consultaties import services
from consultaties.models import Consultatie
from reacties import services as reactie_services
from reacties.models import Kernpunt, Reactie
from tests import factories, toestanden

ALLES = {"consultatie", "reactie_a", "reactie_b", "kernpunt_a", "kernpunt_b"}
NIETS = set()

#: consultation state → viewer → what that viewer sees.
ZICHTBAAR = {
    "concept": {
        "secretaris": {"consultatie", "reactie_a", "reactie_b"},
        "opsteller_a": NIETS,
        "accordeerder_b": NIETS,
        "opsteller_c": NIETS,
        "ministerie": NIETS,
        "ander_ministerie": NIETS,
    },
    # Withdrawn before it was ever opened: still nobody's business but the secretariaat's.
    "ingetrokken_als_concept": {
        "secretaris": {"consultatie", "reactie_a", "reactie_b"},
        "opsteller_a": NIETS,
        "accordeerder_b": NIETS,
        "opsteller_c": NIETS,
        "ministerie": NIETS,
        "ander_ministerie": NIETS,
    },
    "open": {
        "secretaris": ALLES,
        "opsteller_a": {"consultatie", "reactie_a", "kernpunt_a"},
        "accordeerder_b": {"consultatie", "reactie_b", "kernpunt_b"},
        "opsteller_c": NIETS,
        "ministerie": {"consultatie"},
        "ander_ministerie": NIETS,
    },
    "ingetrokken": {
        "secretaris": ALLES,
        "opsteller_a": {"consultatie", "reactie_a", "kernpunt_a"},
        "accordeerder_b": {"consultatie", "reactie_b", "kernpunt_b"},
        "opsteller_c": NIETS,
        "ministerie": {"consultatie"},
        "ander_ministerie": NIETS,
    },
    "gesloten": {
        "secretaris": ALLES,
        "opsteller_a": ALLES,
        # A's draft expired when the consultation closed: never submitted, never shown.
        "accordeerder_b": {"consultatie", "reactie_b", "kernpunt_b"},
        "opsteller_c": NIETS,
        "ministerie": {"consultatie"},
        "ander_ministerie": NIETS,
    },
    "verzonden": {
        "secretaris": ALLES,
        "opsteller_a": ALLES,
        "accordeerder_b": {"consultatie", "reactie_b", "kernpunt_b"},
        "opsteller_c": NIETS,
        "ministerie": {"consultatie", "reactie_b", "kernpunt_b"},
        "ander_ministerie": NIETS,
    },
    "afgerond": {
        "secretaris": ALLES,
        "opsteller_a": ALLES,
        "accordeerder_b": {"consultatie", "reactie_b", "kernpunt_b"},
        "opsteller_c": NIETS,
        "ministerie": {"consultatie", "reactie_b", "kernpunt_b"},
        "ander_ministerie": NIETS,
    },
}
KIJKERS = list(ZICHTBAAR["open"]) + ["inactief_a", "inactief_secretaris", "anoniem"]


def _kernpunt(reactie, actor):
    return reactie_services.kernpunt_toevoegen(
        reactie=reactie, actor=actor, dimensie="ict", tekst=f"Kernpunt van {actor.username}"
    )


def bouw(status, secretaris, ministerie, org_a, org_b):
    """The consultation in ``status`` with A's draft and B's accepted response."""
    opsteller_a = factories.opsteller(org_a)
    opsteller_b, accordeerder_b = factories.opsteller(org_b), factories.accordeerder(org_b)
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
    )
    objecten = {"consultatie": c}
    if status in ("concept", "ingetrokken_als_concept"):
        if status == "ingetrokken_als_concept":
            services.consultatie_intrekken(consultatie=c, actor=secretaris, toelichting="Weg.")
        objecten["reactie_a"] = c.reacties.get(organisatie=org_a)
        objecten["reactie_b"] = c.reacties.get(organisatie=org_b)
        return objecten
    c = services.consultatie_openstellen(consultatie=c, actor=secretaris)
    reactie_a = reactie_services.reactie_starten(
        reactie=c.reacties.get(organisatie=org_a), actor=opsteller_a
    )
    objecten["kernpunt_a"] = _kernpunt(reactie_a, opsteller_a)
    reactie_b = reactie_services.reactie_starten(
        reactie=c.reacties.get(organisatie=org_b), actor=opsteller_b
    )
    objecten["kernpunt_b"] = _kernpunt(reactie_b, opsteller_b)
    factories.vul_reactie_in(reactie_b, opsteller_b)
    reactie_b = reactie_services.reactie_ter_accordering(reactie=reactie_b, actor=opsteller_b)
    reactie_b = reactie_services.reactie_indienen(reactie=reactie_b, actor=accordeerder_b)
    reactie_b = reactie_services.reactie_accepteren(reactie=reactie_b, actor=secretaris)
    assert reactie_b.status == "geaccepteerd"
    objecten["reactie_a"], objecten["reactie_b"] = reactie_a, reactie_b
    if status == "ingetrokken":
        services.consultatie_intrekken(consultatie=c, actor=secretaris, toelichting="Weg.")
    elif status != "open":
        c = services.consultatie_sluiten(consultatie=c, actor=secretaris)
        if status in ("verzonden", "afgerond"):
            from rapporten.services import rapport_verzenden_voor_consultatie

            toestanden.definitief_rapport(c)
            rapport_verzenden_voor_consultatie(consultatie=c, actor=secretaris)
            c = Consultatie.objects.get(pk=c.pk)
        if status == "afgerond":
            toestanden.verwerk_alle_kernpunten(c)
            services.consultatie_afronden(consultatie=c, actor=secretaris)
    return objecten


@pytest.fixture
def kijkers(secretaris, ministerie_gebruiker, org_a, org_b):
    org_c = factories.OrganisatieFactory(afkorting="DUO")
    inactief_a = factories.accordeerder(org_a, username="uwv-oud")
    inactief_secretaris = factories.secretaris(username="secretaris-oud")
    for gebruiker in (inactief_a, inactief_secretaris):
        gebruiker.is_active = False
        gebruiker.save()
    return {
        "secretaris": secretaris,
        "opsteller_a": factories.opsteller(org_a),
        "accordeerder_b": factories.accordeerder(org_b),
        "opsteller_c": factories.opsteller(org_c),
        "ministerie": ministerie_gebruiker,
        "ander_ministerie": factories.ministerie_medewerker(
            factories.MinisterieFactory(afkorting="BZK")
        ),
        "inactief_a": inactief_a,
        "inactief_secretaris": inactief_secretaris,
        "anoniem": AnonymousUser(),
    }


def gezien_door(gebruiker, objecten):
    modellen = {"consultatie": Consultatie, "reactie": Reactie, "kernpunt": Kernpunt}
    gezien = set()
    for naam, obj in objecten.items():
        model = modellen[naam.split("_")[0]]
        if model.objects.zichtbaar_voor(gebruiker).filter(pk=obj.pk).exists():
            gezien.add(naam)
    return gezien


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(ZICHTBAAR))
def test_zichtbaarheid_per_rol_en_status(status, kijkers, secretaris, ministerie, org_a, org_b):
    objecten = bouw(status, secretaris, ministerie, org_a, org_b)
    gezien = {naam: gezien_door(kijkers[naam], objecten) for naam in KIJKERS}
    verwacht = {
        **ZICHTBAAR[status],
        "inactief_a": NIETS,
        "inactief_secretaris": NIETS,
        "anoniem": NIETS,
    }
    assert gezien == verwacht


@pytest.mark.django_db
def test_zichtbaar_voor_geeft_geen_dubbelen(kijkers, secretaris, ministerie, org_a, org_b):
    bouw("gesloten", secretaris, ministerie, org_a, org_b)
    for naam in KIJKERS:
        gebruiker = kijkers[naam]
        for model in (Consultatie, Reactie, Kernpunt):
            qs = model.objects.zichtbaar_voor(gebruiker)
            assert qs.count() == len(set(qs.values_list("pk", flat=True))), (naam, model)


@pytest.mark.django_db
def test_ministerie_ziet_nooit_een_concept(kijkers, secretaris, ministerie, org_a, org_b):
    bouw("concept", secretaris, ministerie, org_a, org_b)
    assert not Consultatie.objects.zichtbaar_voor(kijkers["ministerie"]).exists()


@pytest.mark.django_db
def test_openstellen_legt_het_moment_vast_voor_de_zichtbaarheid(open_consultatie, opsteller_a):
    """An opened consultation stays visible to the invitees after it is withdrawn; the
    moment of opening is stored on the consultation (not read from the audit trail)."""
    assert open_consultatie.geopend_op is not None
    services.consultatie_intrekken(
        consultatie=open_consultatie,
        actor=Consultatie.objects.get(pk=open_consultatie.pk).aangemaakt_door,
        toelichting="Het kabinet trekt het voorstel in.",
    )
    assert Consultatie.objects.zichtbaar_voor(opsteller_a).filter(pk=open_consultatie.pk).exists()

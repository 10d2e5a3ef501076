"""Every transition of the Consultatie state machine (and termijn verlengen), allowed and
forbidden, per role and per state, generated from one table. Only the secretaris may act
on a consultation; a transition from the wrong state is 409 for everyone; a refused
attempt changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.models import AuditEvent
from consultaties import services
from consultaties.models import Consultatie
from kern.workflow import TransitieNietToegestaan
from tests import factories, toestanden

STATUSSEN = ["concept", "open", "gesloten", "verzonden", "afgerond", "ingetrokken"]
ROLLEN = [
    "secretaris",
    "opsteller",
    "accordeerder",
    "accordeerder_niet_uitgenodigd",
    "ministerie",
    "ander_ministerie",
]

#: transitie: (from which states, to which state); only the secretaris may take them.
TRANSITIES = {
    "openstellen": ({"concept"}, "open"),
    "sluiten": ({"open"}, "gesloten"),
    "heropenen": ({"gesloten"}, "open"),
    "verzenden": ({"gesloten"}, "verzonden"),
    "afronden": ({"verzonden"}, "afgerond"),
    "intrekken": ({"concept", "open", "gesloten"}, "ingetrokken"),
    "termijn_verlengen": ({"open"}, "open"),
}


def voer_uit(transitie, consultatie, actor):
    kwargs = {"consultatie": consultatie, "actor": actor}
    if transitie in ("heropenen", "termijn_verlengen"):
        kwargs["termijn"] = toestanden.in_de_toekomst(days=60)
    if transitie == "intrekken":
        kwargs["toelichting"] = toestanden.TOELICHTING
    return getattr(services, f"consultatie_{transitie}")(**kwargs)


def verwacht(transitie, status, rol):
    bronnen, doel = TRANSITIES[transitie]
    if status not in bronnen:
        return TransitieNietToegestaan
    if rol != "secretaris":
        return PermissionDenied
    return doel


@pytest.fixture
def cast(secretaris, opsteller_a, accordeerder_a, ministerie_gebruiker):
    return {
        "secretaris": secretaris,
        "opsteller": opsteller_a,
        "accordeerder": accordeerder_a,
        "accordeerder_niet_uitgenodigd": factories.accordeerder(
            factories.OrganisatieFactory(afkorting="DUO")
        ),
        "ministerie": ministerie_gebruiker,
        "ander_ministerie": factories.ministerie_medewerker(
            factories.MinisterieFactory(afkorting="BZK")
        ),
    }


def momentopname(consultatie):
    c = Consultatie.objects.get(pk=consultatie.pk)
    return (
        c.status,
        c.termijn,
        sorted(c.reacties.values_list("status", "termijn_verlengd_tot")),
        AuditEvent.objects.count(),
    )


TOEGESTAAN = [
    (transitie, status, rol)
    for transitie in TRANSITIES
    for status in STATUSSEN
    for rol in ROLLEN
    if isinstance(verwacht(transitie, status, rol), str)
]


def in_status(status, cast, ministerie, organisaties):
    consultatie = toestanden.consultatie_in(
        status, secretaris=cast["secretaris"], ministerie=ministerie, organisaties=organisaties
    )
    assert consultatie.status == status
    return consultatie


@pytest.mark.django_db
@pytest.mark.parametrize(("transitie", "status", "rol"), TOEGESTAAN)
def test_toegestane_transitie(transitie, status, rol, cast, ministerie, org_a, org_b):
    consultatie = in_status(status, cast, ministerie, [org_a, org_b])
    doel = verwacht(transitie, status, rol)
    actor = cast[rol]
    if transitie != "termijn_verlengen":
        assert transitie in services.toegestane_acties(actor, consultatie)
    resultaat = voer_uit(transitie, consultatie, actor)
    assert resultaat.status == doel
    assert Consultatie.objects.get(pk=consultatie.pk).status == doel
    event = AuditEvent.objects.voor(consultatie).filter(actor=actor).last()
    actie = "termijn_verlengd" if transitie == "termijn_verlengen" else transitie
    assert event.actie == actie
    if transitie != "termijn_verlengen":
        assert (event.van_status, event.naar_status) == (status, doel)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("status", STATUSSEN)
def test_verboden_transities(status, rol, cast, ministerie, org_a, org_b):
    """Every transition this role may not take in this state: 409 or 403, and nothing
    changes. A refused attempt leaves the state as it was, so one set-up serves all."""
    consultatie = in_status(status, cast, ministerie, [org_a, org_b])
    actor = cast[rol]
    voor = momentopname(consultatie)
    afwijkingen = []
    for transitie in TRANSITIES:
        uitkomst = verwacht(transitie, status, rol)
        if isinstance(uitkomst, str):
            continue
        if transitie in services.toegestane_acties(actor, consultatie):
            afwijkingen.append(f"{transitie}: aangeboden in toegestane_acties")
        try:
            voer_uit(transitie, consultatie, actor)
        except Exception as fout:
            if not isinstance(fout, uitkomst):
                afwijkingen.append(
                    f"{transitie}: {type(fout).__name__}, verwacht {uitkomst.__name__}"
                )
        else:
            afwijkingen.append(f"{transitie}: uitgevoerd, verwacht {uitkomst.__name__}")
            break
        if momentopname(consultatie) != voor:
            afwijkingen.append(f"{transitie}: weigering veranderde toch iets")
            break
    assert afwijkingen == []


@pytest.mark.django_db
def test_secretaris_ziet_precies_de_toegestane_acties(secretaris, ministerie, org_a):
    verwacht_per_status = {
        "concept": {"openstellen", "intrekken"},
        "open": {"sluiten", "intrekken"},
        "gesloten": {"heropenen", "verzenden", "intrekken"},
        "verzonden": {"afronden"},
        "afgerond": set(),
        "ingetrokken": set(),
    }
    for status, acties in verwacht_per_status.items():
        c = toestanden.consultatie_in(
            status, secretaris=secretaris, ministerie=ministerie, organisaties=[org_a]
        )
        assert set(services.toegestane_acties(secretaris, c)) == acties, status


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["opsteller", "accordeerder", "ministerie"])
def test_alleen_secretaris_maakt_bewerkt_en_nodigt_uit(rol, cast, ministerie, org_a, org_b):
    actor = cast[rol]
    with pytest.raises(PermissionDenied):
        services.consultatie_aanmaken(
            actor=actor,
            titel="X",
            instrument="wetsvoorstel",
            ministerie=ministerie,
            termijn=timezone.now(),
        )
    c = toestanden.consultatie_in(
        "concept", secretaris=cast["secretaris"], ministerie=ministerie, organisaties=[org_a]
    )
    voor = momentopname(c)
    with pytest.raises(PermissionDenied):
        services.consultatie_bijwerken(consultatie=c, actor=actor, titel="Anders")
    with pytest.raises(PermissionDenied):
        services.consultatie_uitnodigen(consultatie=c, actor=actor, organisaties=[org_b])
    with pytest.raises(PermissionDenied):
        services.consultatie_document_toevoegen(
            consultatie=c, actor=actor, bestand=factories.pdf_upload()
        )
    assert momentopname(c) == voor
    assert Consultatie.objects.get(pk=c.pk).titel != "Anders"

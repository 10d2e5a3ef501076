"""Every transition of the Reactie state machine, allowed and forbidden, per role and per
state, generated from one table.

Semantics (checked in this order by ``voer_transitie_uit``): a transition that does not
exist from the current state → ``TransitieNietToegestaan`` (409); a role that may not take
it → ``PermissionDenied`` (403); otherwise the transition runs. A refused attempt changes
nothing: not the status, not the version, not the audit trail.
"""

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from kern.workflow import SYSTEEM, TransitieNietToegestaan
from reacties import services
from reacties.models import Reactie
from tests import toestanden

STATUSSEN = [
    "uitgenodigd",
    "in_voorbereiding",
    "ter_accordering",
    "ingediend",
    "geaccepteerd",
    "afgezien",
    "verlopen",
]
ROLLEN = [
    "secretaris",
    "opsteller_eigen",
    "accordeerder_eigen",
    "opsteller_ander",
    "accordeerder_ander",
    "ministerie",
]
EIGEN = {"opsteller_eigen", "accordeerder_eigen"}
LOPEND = {"uitgenodigd", "in_voorbereiding", "ter_accordering"}

#: transitie: (from which states, which roles, to which state)
TRANSITIES = {
    "starten": ({"uitgenodigd"}, EIGEN, "in_voorbereiding"),
    "ter_accordering": ({"in_voorbereiding"}, EIGEN, "ter_accordering"),
    "afkeuren": ({"ter_accordering"}, {"accordeerder_eigen"}, "in_voorbereiding"),
    "indienen": ({"ter_accordering"}, {"accordeerder_eigen"}, "ingediend"),
    "terugsturen": ({"ingediend"}, {"secretaris"}, "in_voorbereiding"),
    "accepteren": ({"ingediend"}, {"secretaris"}, "geaccepteerd"),
    "intrekken": ({"ingediend"}, EIGEN, "in_voorbereiding"),
    "afzien": (LOPEND, {"accordeerder_eigen"}, "afgezien"),
    "heropenen": ({"verlopen"}, {"secretaris"}, "in_voorbereiding"),
}


def test_tabel_dekt_elke_transitie_van_de_services():
    assert set(TRANSITIES) == set(services.WERKSTROOM.namen())


def verwacht(transitie, status, rol):
    bronnen, rollen, doel = TRANSITIES[transitie]
    if status not in bronnen:
        return TransitieNietToegestaan
    if rol not in rollen:
        return PermissionDenied
    return doel


@pytest.fixture
def cast(
    secretaris,
    opsteller_a,
    accordeerder_a,
    opsteller_b,
    accordeerder_b,
    ministerie_gebruiker,
):
    return {
        "secretaris": secretaris,
        "opsteller_eigen": opsteller_a,
        "accordeerder_eigen": accordeerder_a,
        "opsteller_ander": opsteller_b,
        "accordeerder_ander": accordeerder_b,
        "ministerie": ministerie_gebruiker,
    }


def momentopname(reactie):
    r = Reactie.objects.get(pk=reactie.pk)
    return (r.status, r.versie, r.ter_accordering_door_id, AuditEvent.objects.count())


TOEGESTAAN = [
    (transitie, status, rol)
    for transitie in TRANSITIES
    for status in STATUSSEN
    for rol in ROLLEN
    if isinstance(verwacht(transitie, status, rol), str)
]


def in_status(status, cast, reactie):
    reactie = toestanden.reactie_in(
        status,
        reactie,
        opsteller=cast["opsteller_eigen"],
        accordeerder=cast["accordeerder_eigen"],
        secretaris=cast["secretaris"],
    )
    assert reactie.status == status
    return reactie


@pytest.mark.django_db
@pytest.mark.parametrize(("transitie", "status", "rol"), TOEGESTAAN)
def test_toegestane_transitie(transitie, status, rol, cast, reactie_a):
    reactie = in_status(status, cast, reactie_a)
    doel = verwacht(transitie, status, rol)
    actor = cast[rol]
    assert transitie in services.toegestane_acties(actor, reactie)
    resultaat = services.reactie_transitie(
        transitie, reactie=reactie, actor=actor, toelichting=toestanden.TOELICHTING
    )
    assert resultaat.status == doel
    assert Reactie.objects.get(pk=reactie.pk).status == doel
    event = AuditEvent.objects.voor(reactie).filter(actie=transitie).last()
    assert (event.actor, event.van_status, event.naar_status, event.toelichting) == (
        actor,
        status,
        doel,
        "" if transitie == "starten" else toestanden.TOELICHTING,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("status", STATUSSEN)
def test_verboden_transities(status, rol, cast, reactie_a):
    """Every transition this role may not take in this state: 409 or 403, and nothing
    changes. A refused attempt leaves the state as it was, so one set-up serves all."""
    reactie = in_status(status, cast, reactie_a)
    actor = cast[rol]
    voor = momentopname(reactie)
    afwijkingen = []
    for transitie in TRANSITIES:
        uitkomst = verwacht(transitie, status, rol)
        if isinstance(uitkomst, str):
            continue
        if transitie in services.toegestane_acties(actor, reactie):
            afwijkingen.append(f"{transitie}: aangeboden in toegestane_acties")
        try:
            services.reactie_transitie(
                transitie, reactie=reactie, actor=actor, toelichting=toestanden.TOELICHTING
            )
        except Exception as fout:
            if not isinstance(fout, uitkomst):
                afwijkingen.append(
                    f"{transitie}: {type(fout).__name__}, verwacht {uitkomst.__name__}"
                )
        else:
            afwijkingen.append(f"{transitie}: uitgevoerd, verwacht {uitkomst.__name__}")
            break  # the state changed; later checks would not mean anything
        if momentopname(reactie) != voor:
            afwijkingen.append(f"{transitie}: weigering veranderde toch iets")
            break
    assert afwijkingen == []


@pytest.mark.django_db
def test_onbekende_transitie_is_niet_toegestaan(reactie_a, opsteller_a):
    with pytest.raises(TransitieNietToegestaan):
        services.reactie_transitie("verlopen", reactie=reactie_a, actor=opsteller_a)
    with pytest.raises(TransitieNietToegestaan):
        services.reactie_transitie("bestaat_niet", reactie=reactie_a, actor=opsteller_a)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["opsteller_eigen", "accordeerder_eigen", "ministerie"])
def test_alleen_systeem_en_secretaris_laten_reactie_verlopen(rol, cast, reactie_a):
    with pytest.raises(PermissionDenied):
        services.reactie_laten_verlopen(reactie=reactie_a, actor=cast[rol])
    assert Reactie.objects.get(pk=reactie_a.pk).status == "uitgenodigd"
    reactie = services.reactie_laten_verlopen(reactie=reactie_a, actor=SYSTEEM)
    assert reactie.status == "verlopen"
    event = AuditEvent.objects.voor(reactie).get(actie="verlopen")
    assert event.actor is None


#: Transitions that also depend on the consultation's state: (consultation state, response
#: state, transitie, rol) → allowed or the exception.
NA_OPEN = [
    ("gesloten", "ingediend", "accepteren", "secretaris", "geaccepteerd"),
    ("gesloten", "ingediend", "terugsturen", "secretaris", "in_voorbereiding"),
    ("gesloten", "ingediend", "intrekken", "opsteller_eigen", TransitieNietToegestaan),
    ("verzonden", "ingediend", "accepteren", "secretaris", TransitieNietToegestaan),
    ("verzonden", "ingediend", "terugsturen", "secretaris", TransitieNietToegestaan),
    ("ingetrokken", "uitgenodigd", "starten", "opsteller_eigen", TransitieNietToegestaan),
    ("ingetrokken", "uitgenodigd", "afzien", "accordeerder_eigen", TransitieNietToegestaan),
    ("ingetrokken", "ter_accordering", "indienen", "accordeerder_eigen", TransitieNietToegestaan),
    ("ingetrokken", "ter_accordering", "afkeuren", "accordeerder_eigen", TransitieNietToegestaan),
    ("ingetrokken", "ingediend", "intrekken", "opsteller_eigen", TransitieNietToegestaan),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("consultatiestatus", "status", "transitie", "rol", "uitkomst"), NA_OPEN)
def test_transitie_hangt_af_van_de_consultatie(
    consultatiestatus, status, transitie, rol, uitkomst, cast, reactie_a, open_consultatie
):
    reactie = in_status(status, cast, reactie_a)
    secretaris = cast["secretaris"]
    if consultatiestatus == "ingetrokken":
        consultatie_services.consultatie_intrekken(
            consultatie=open_consultatie, actor=secretaris, toelichting="Weg."
        )
    else:
        consultatie = consultatie_services.consultatie_sluiten(
            consultatie=open_consultatie, actor=secretaris
        )
        if consultatiestatus == "verzonden":
            toestanden.definitief_rapport(consultatie)
            consultatie_services.consultatie_verzenden(consultatie=consultatie, actor=secretaris)
    reactie = Reactie.objects.get(pk=reactie.pk)
    assert reactie.status == status
    actor = cast[rol]
    if isinstance(uitkomst, str):
        assert transitie in services.toegestane_acties(actor, reactie)
        resultaat = services.reactie_transitie(
            transitie, reactie=reactie, actor=actor, toelichting=toestanden.TOELICHTING
        )
        assert resultaat.status == uitkomst
    else:
        assert transitie not in services.toegestane_acties(actor, reactie)
        voor = momentopname(reactie)
        with pytest.raises(uitkomst):
            services.reactie_transitie(
                transitie, reactie=reactie, actor=actor, toelichting=toestanden.TOELICHTING
            )
        assert momentopname(reactie) == voor

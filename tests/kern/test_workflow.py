"""The workflow engine: an explicit system actor, one declaration per action, labels for
every audit action."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import FSMField

from audit import acties as audit_acties
from audit.services import registreer
from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from kern.workflow import SYSTEEM, voer_transitie_uit
from rapporten import services as rapport_services
from rapporten.models import Rapport
from reacties import services as reactie_services
from reacties.models import Reactie
from termijnen import services as termijn_services
from termijnen.models import Verlengingsverzoek

WERKSTROMEN = [
    (Consultatie, consultatie_services.WERKSTROOM, set()),
    # ``verlopen`` is the deadline job's, never offered as an action.
    (Reactie, reactie_services.WERKSTROOM, {"verlopen"}),
    (Rapport, rapport_services.WERKSTROOM, set()),
    (Verlengingsverzoek, termijn_services.VERLENGING_WERKSTROOM, set()),
]


def _fsm_transities(model) -> set[str]:
    veld = next(f for f in model._meta.fields if isinstance(f, FSMField))
    return {t.name for t in veld.get_all_transitions(model)}


@pytest.mark.parametrize(("model", "werkstroom", "alleen_systeem"), WERKSTROMEN)
def test_elke_fsm_transitie_is_eenmaal_gedeclareerd_met_tijdlijnlabel(
    model, werkstroom, alleen_systeem
):
    gedeclareerd = {a.naam for a in werkstroom if a.mag is None}
    assert gedeclareerd == _fsm_transities(model) - alleen_systeem
    for naam in _fsm_transities(model):
        assert audit_acties.is_geregistreerd(naam), naam


def test_acties_met_een_knop_hebben_ook_een_succesmelding():
    for _model, werkstroom, _ in WERKSTROMEN:
        for actie in werkstroom:
            if actie.label:
                assert actie.gelukt, actie.naam


@pytest.mark.django_db
def test_transitie_zonder_actor_is_een_fout_en_geen_stille_systeemactie(open_consultatie):
    with pytest.raises(TypeError), transaction.atomic():
        voer_transitie_uit(open_consultatie, "sluiten", actor=None)
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == "open"


@pytest.mark.django_db
def test_systeem_mag_sluiten_en_laten_verlopen(open_consultatie):
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=SYSTEEM)
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == "gesloten"
    assert set(open_consultatie.reacties.values_list("status", flat=True)) == {"verlopen"}
    from audit.models import AuditEvent

    assert AuditEvent.objects.voor(open_consultatie).get(actie="sluiten").actor is None


@pytest.mark.django_db
def test_systeem_heeft_geen_rol_voor_andere_acties(open_consultatie, reactie_a):
    with pytest.raises(PermissionDenied):
        reactie_services.reactie_starten(reactie=reactie_a, actor=SYSTEEM)
    with pytest.raises(PermissionDenied):
        consultatie_services.consultatie_intrekken(
            consultatie=open_consultatie, actor=SYSTEEM, toelichting="Zomaar."
        )
    assert consultatie_services.toegestane_acties(SYSTEEM, open_consultatie) == ["sluiten"]


@pytest.mark.django_db
def test_auditactie_zonder_registratie_wordt_geweigerd(open_consultatie, secretaris):
    with pytest.raises(ValueError, match="Onbekende auditactie"):
        registreer(open_consultatie, actor=secretaris, actie="iets_nieuws_zonder_label")


@pytest.mark.django_db
def test_auditactie_zonder_actor_wordt_geweigerd(open_consultatie):
    with pytest.raises(TypeError):
        registreer(open_consultatie, actor=None, actie="gewijzigd")


def test_een_actie_heeft_een_label_tegelijk():
    audit_acties.actie("gewijzigd", audit_acties.label("gewijzigd"))  # same label: fine
    with pytest.raises(ValueError):
        audit_acties.actie("gewijzigd", "Iets anders")


def test_elke_geregistreerde_auditactie_heeft_een_vertaalbaar_label():
    from django.utils.functional import Promise

    for naam, label in audit_acties.alle().items():
        if naam in ("test", "nog_een"):  # registered by the audit trail's own tests
            continue
        assert isinstance(label, Promise), naam

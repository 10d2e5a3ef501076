"""Conditions of the Consultatie transitions."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from consultaties import services
from consultaties.models import Consultatie
from rapporten.models import Rapport
from tests import factories, toestanden


def niets_gewijzigd(consultatie):
    voor = (Consultatie.objects.get(pk=consultatie.pk).status, AuditEvent.objects.count())
    return lambda: (
        (
            Consultatie.objects.get(pk=consultatie.pk).status,
            AuditEvent.objects.count(),
        )
        == voor
    )


@pytest.fixture
def concept(secretaris, ministerie):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


@pytest.mark.django_db
def test_openstellen_vraagt_uitnodiging_document_en_toekomstige_termijn(concept, secretaris):
    Consultatie.objects.filter(pk=concept.pk).update(termijn=timezone.now() - timedelta(minutes=1))
    ongewijzigd = niets_gewijzigd(concept)
    with pytest.raises(ValidationError) as fout:
        services.consultatie_openstellen(consultatie=concept, actor=secretaris)
    assert fout.value.messages == [
        "Nodig ten minste één organisatie uit.",
        "Voeg de conceptregeling toe als document.",
        "Kies een termijn in de toekomst.",
    ]
    assert ongewijzigd()


@pytest.mark.django_db
@pytest.mark.parametrize("ontbreekt", ["uitnodiging", "document", "termijn"])
def test_openstellen_weigert_bij_een_ontbrekende_voorwaarde(concept, secretaris, org_a, ontbreekt):
    if ontbreekt != "uitnodiging":
        services.consultatie_uitnodigen(consultatie=concept, actor=secretaris, organisaties=[org_a])
    if ontbreekt != "document":
        services.consultatie_document_toevoegen(
            consultatie=concept, actor=secretaris, bestand=factories.pdf_upload()
        )
    if ontbreekt == "termijn":
        Consultatie.objects.filter(pk=concept.pk).update(termijn=timezone.now())
    ongewijzigd = niets_gewijzigd(concept)
    with pytest.raises(ValidationError) as fout:
        services.consultatie_openstellen(consultatie=concept, actor=secretaris)
    assert len(fout.value.messages) == 1
    assert ongewijzigd()


@pytest.mark.django_db
def test_openstellen_verstuurt_uitnodigingen_na_commit(
    concept, secretaris, org_a, opsteller_a, mailoutbox, django_capture_on_commit_callbacks
):
    services.consultatie_uitnodigen(consultatie=concept, actor=secretaris, organisaties=[org_a])
    services.consultatie_document_toevoegen(
        consultatie=concept, actor=secretaris, bestand=factories.pdf_upload()
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.consultatie_openstellen(consultatie=concept, actor=secretaris)
    assert mailoutbox == []  # nothing leaves before the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert [m.to for m in mailoutbox] == [[opsteller_a.email]]


@pytest.mark.django_db
def test_alleen_uitvoeringsorganisaties_worden_uitgenodigd(concept, secretaris, ministerie):
    with pytest.raises(ValidationError):
        services.consultatie_uitnodigen(
            consultatie=concept, actor=secretaris, organisaties=[ministerie]
        )
    assert not concept.reacties.exists()


@pytest.mark.django_db
def test_dubbele_uitnodiging_wordt_overgeslagen(concept, secretaris, org_a):
    services.consultatie_uitnodigen(consultatie=concept, actor=secretaris, organisaties=[org_a])
    assert (
        services.consultatie_uitnodigen(consultatie=concept, actor=secretaris, organisaties=[org_a])
        == []
    )
    assert concept.reacties.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("toelichting", ["", "  "])
def test_intrekken_vraagt_een_reden(concept, secretaris, toelichting):
    ongewijzigd = niets_gewijzigd(concept)
    with pytest.raises(ValidationError):
        services.consultatie_intrekken(
            consultatie=concept, actor=secretaris, toelichting=toelichting
        )
    assert ongewijzigd()


@pytest.mark.django_db
@pytest.mark.parametrize("rapportstatus", [None, "concept"])
def test_verzenden_vraagt_een_definitief_rapport(secretaris, ministerie, org_a, rapportstatus):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    c = services.consultatie_sluiten(consultatie=c, actor=secretaris)
    if rapportstatus:
        Rapport.objects.create(consultatie=c, versie=1, status=rapportstatus)
    ongewijzigd = niets_gewijzigd(c)
    assert "verzenden" not in services.toegestane_acties(secretaris, c)
    with pytest.raises(ValidationError):
        services.consultatie_verzenden(consultatie=c, actor=secretaris)
    assert ongewijzigd()
    Rapport.objects.create(consultatie=c, versie=2, status="definitief")
    assert services.consultatie_verzenden(consultatie=c, actor=secretaris).status == "verzonden"


@pytest.mark.django_db
def test_naieve_termijn_wordt_geweigerd(secretaris, ministerie):
    from datetime import datetime

    with pytest.raises(ValidationError) as fout:
        services.consultatie_aanmaken(
            actor=secretaris,
            titel="X",
            instrument="wetsvoorstel",
            ministerie=ministerie,
            termijn=datetime(2030, 1, 1, 12, 0),
        )
    assert "termijn" in fout.value.message_dict
    assert not Consultatie.objects.exists()


@pytest.mark.django_db
def test_ministerie_moet_een_ministerie_zijn(secretaris, org_a):
    with pytest.raises(ValidationError) as fout:
        services.consultatie_aanmaken(
            actor=secretaris,
            titel="X",
            instrument="wetsvoorstel",
            ministerie=org_a,
            termijn=toestanden.in_de_toekomst(),
        )
    assert "ministerie" in fout.value.message_dict


@pytest.mark.django_db
def test_onbekend_veld_wordt_geweigerd(concept, secretaris):
    with pytest.raises(ValidationError) as fout:
        services.consultatie_bijwerken(consultatie=concept, actor=secretaris, status="open")
    assert "status" in fout.value.message_dict
    assert Consultatie.objects.get(pk=concept.pk).status == "concept"


@pytest.mark.django_db
def test_uitnodiging_maakt_de_reacties_in_dezelfde_transactie(concept, secretaris, org_a, org_b):
    """reacties creates the responses on the event the invitation publishes inside its
    transaction: they exist before the commit, and a rollback takes them with it."""
    from reacties.models import Reactie, Status

    class Terugdraaien(Exception):
        pass

    with pytest.raises(Terugdraaien), transaction.atomic():
        nieuw = services.consultatie_uitnodigen(
            consultatie=concept, actor=secretaris, organisaties=[org_a, org_b]
        )
        # Not yet committed, and already there: not created on commit.
        assert sorted(r.organisatie_id for r in nieuw) == sorted([org_a.pk, org_b.pk])
        assert set(
            Reactie.objects.filter(consultatie=concept).values_list("organisatie_id", "status")
        ) == {(org_a.pk, Status.UITGENODIGD), (org_b.pk, Status.UITGENODIGD)}
        assert AuditEvent.objects.voor(concept).filter(actie="uitgenodigd").exists()
        raise Terugdraaien
    assert not Reactie.objects.filter(consultatie=concept).exists()
    assert not AuditEvent.objects.voor(concept).filter(actie="uitgenodigd").exists()

    nieuw = services.consultatie_uitnodigen(
        consultatie=concept, actor=secretaris, organisaties=[org_a]
    )
    assert [r.organisatie_id for r in Reactie.objects.filter(consultatie=concept)] == [org_a.pk]
    assert [r.pk for r in nieuw] == list(
        Reactie.objects.filter(consultatie=concept).values_list("pk", flat=True)
    )

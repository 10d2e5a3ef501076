"""The audit trail: one event per transition with actor, from, to and comment; and it can
be neither changed nor deleted, through the ORM or (on the database) with raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.acties import actie as audit_actie
from audit.models import AuditEvent, AuditTrailOnveranderlijk
from audit.services import registreer
from consultaties import services as consultatie_services
from kern.workflow import SYSTEEM
from reacties import services as reactie_services
from tests import toestanden

#: Actions only these tests record.
audit_actie("test", "Test")
audit_actie("nog_een", "Nog een")

# --- an event per transition ----------------------------------------------------------


@pytest.mark.django_db
def test_volledige_workflow_laat_een_sluitende_tijdlijn_na(
    reactie_a, opsteller_a, accordeerder_a, accordeerder_a2, secretaris, open_consultatie
):
    stappen = [
        ("starten", opsteller_a, ""),
        ("ter_accordering", opsteller_a, "Graag akkoord."),
        ("afkeuren", accordeerder_a, "Kernboodschap scherper."),
        ("ter_accordering", opsteller_a, ""),
        ("indienen", accordeerder_a2, "Akkoord."),
        ("terugsturen", secretaris, "Kosten ontbreken."),
        ("ter_accordering", opsteller_a, ""),
        ("indienen", accordeerder_a, ""),
        ("intrekken", opsteller_a, "Nieuwe cijfers."),
        ("ter_accordering", opsteller_a, ""),
        ("indienen", accordeerder_a, ""),
        ("accepteren", secretaris, ""),
    ]
    reactie = reactie_a
    for index, (transitie, actor, toelichting) in enumerate(stappen):
        if index == 1:
            reactie = toestanden.factories.vul_reactie_in(reactie, opsteller_a)
        reactie = reactie_services.reactie_transitie(
            transitie, reactie=reactie, actor=actor, toelichting=toelichting
        )
    events = [e for e in AuditEvent.objects.voor(reactie) if e.is_transitie]
    assert [(e.actie, e.actor, e.toelichting) for e in events] == stappen
    # The chain is unbroken: every event starts where the previous one ended.
    assert events[0].van_status == "uitgenodigd"
    for vorige, volgende in zip(events, events[1:], strict=False):
        assert vorige.naar_status == volgende.van_status
    assert events[-1].naar_status == "geaccepteerd"
    assert all(e.tijdstip is not None for e in events)

    consultatie_services.consultatie_sluiten(
        consultatie=open_consultatie, actor=secretaris, toelichting="Termijn voorbij."
    )
    event = AuditEvent.objects.voor(open_consultatie).get(actie="sluiten")
    assert (event.actor, event.van_status, event.naar_status, event.toelichting) == (
        secretaris,
        "open",
        "gesloten",
        "Termijn voorbij.",
    )


# --- never changed, never deleted (ORM) ---------------------------------------------------


@pytest.fixture
def event(open_consultatie, secretaris):
    return registreer(open_consultatie, actor=secretaris, actie="test", toelichting="origineel")


def ongewijzigd(event):
    opnieuw = AuditEvent.objects.get(pk=event.pk)
    return (opnieuw.actie, opnieuw.toelichting) == ("test", "origineel")


@pytest.mark.django_db
def test_event_kan_niet_worden_opgeslagen_na_wijziging(event):
    event.toelichting = "vervalst"
    with pytest.raises(AuditTrailOnveranderlijk):
        event.save()
    assert ongewijzigd(event)


@pytest.mark.django_db
def test_event_kan_niet_worden_verwijderd(event):
    with pytest.raises(AuditTrailOnveranderlijk):
        event.delete()
    assert ongewijzigd(event)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "poging",
    [
        lambda: AuditEvent.objects.all().update(toelichting="vervalst"),
        lambda: AuditEvent.objects.filter(actie="test").update(toelichting="vervalst"),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.filter(actie="test").delete(),
        lambda: AuditEvent.objects.update_or_create(
            pk=AuditEvent.objects.get(actie="test").pk, defaults={"toelichting": "vervalst"}
        ),
        lambda: AuditEvent.objects.bulk_update(
            [AuditEvent(pk=AuditEvent.objects.get(actie="test").pk, toelichting="vervalst")],
            ["toelichting"],
        ),
    ],
    ids=["update", "filter-update", "delete", "filter-delete", "update_or_create", "bulk_update"],
)
def test_queryset_kan_audittrail_niet_wijzigen(event, poging):
    with pytest.raises(AuditTrailOnveranderlijk), transaction.atomic():
        poging()
    assert ongewijzigd(event)


# --- never changed, never deleted (database) ----------------------------------------------


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_database_weigert_update_met_ruwe_sql(event):
    with pytest.raises(DatabaseError, match="onveranderlijk"):
        _raw("UPDATE audit_auditevent SET toelichting = %s WHERE id = %s", ["vervalst", event.pk])
    assert ongewijzigd(event)


@pytest.mark.django_db
def test_database_weigert_update_buiten_het_orm_om(event):
    """The base manager is a plain Manager, without the queryset's guard: the trigger holds."""
    with pytest.raises(DatabaseError, match="onveranderlijk"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk).update(toelichting="vervalst")
    assert ongewijzigd(event)


@pytest.mark.django_db
def test_database_weigert_delete_met_ruwe_sql(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE possible for Django's flush; see the migration.")
    with pytest.raises(DatabaseError, match="onveranderlijk"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="onveranderlijk"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias)
    assert ongewijzigd(event)


@pytest.mark.django_db
def test_nieuwe_events_blijven_mogelijk(event, open_consultatie):
    registreer(open_consultatie, actor=SYSTEEM, actie="nog_een")
    assert AuditEvent.objects.voor(open_consultatie).filter(actie="nog_een").exists()


@pytest.mark.django_db
def test_admin_toont_audittrail_alleen_lezend(rf, event):
    from django.contrib.admin.sites import site

    from organisaties.models import Gebruiker

    beheerder = Gebruiker.objects.create_superuser("beheer", "beheer@example.nl", "x" * 16)
    verzoek = rf.get("/admin/audit/auditevent/")
    verzoek.user = beheerder
    admin = site._registry[AuditEvent]
    assert not admin.has_add_permission(verzoek)
    assert not admin.has_change_permission(verzoek, event)
    assert not admin.has_delete_permission(verzoek, event)

import pytest
from django.core.management import call_command

from consultaties.models import Consultatie, Status
from reacties.models import LOPENDE_STATUSSEN, Onderschrijving, Reactie
from tests import factories


@pytest.fixture
def netwerk(db):
    factories.secretaris()
    factories.MinisterieFactory()
    for _ in range(6):
        factories.accordeerder(factories.OrganisatieFactory())


@pytest.mark.django_db
def test_genereer_last_maakt_consistente_gegevens(netwerk, monkeypatch):
    # The command loads the real network too; here the small factory network is enough.
    monkeypatch.setattr("ontwikkeling.management.commands.genereer_last.laad_netwerk", lambda: None)
    call_command("genereer_last", consultaties=30, organisaties=4, verbosity=0)

    assert Consultatie.objects.count() == 30
    assert Reactie.objects.count() == 30 * 4
    # A consultation that has closed has no drafts left: they were submitted, declined or expired.
    gesloten = Reactie.objects.filter(
        consultatie__status__in=[Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND]
    )
    assert gesloten.exists()
    assert not gesloten.filter(status__in=LOPENDE_STATUSSEN).exists()
    # Nobody endorses their own kernpunt, and only after closing.
    for onderschrijving in Onderschrijving.objects.select_related("kernpunt__reactie__consultatie"):
        assert onderschrijving.organisatie_id != onderschrijving.kernpunt.reactie.organisatie_id
        assert onderschrijving.kernpunt.reactie.consultatie.status in (
            Status.GESLOTEN,
            Status.VERZONDEN,
            Status.AFGEROND,
        )


@pytest.mark.django_db
def test_genereer_last_is_herhaalbaar_met_nieuwe_kenmerken(netwerk, monkeypatch):
    monkeypatch.setattr("ontwikkeling.management.commands.genereer_last.laad_netwerk", lambda: None)
    call_command("genereer_last", consultaties=3, organisaties=2, verbosity=0)
    call_command("genereer_last", consultaties=3, organisaties=2, verbosity=0)
    kenmerken = list(Consultatie.objects.values_list("kenmerk", flat=True))
    assert len(kenmerken) == len(set(kenmerken)) == 6


@pytest.mark.django_db
def test_genereer_last_maakt_de_historie_van_vijf_jaar(netwerk, monkeypatch):
    from audit.models import AuditEvent
    from notificaties.models import Notificatie
    from rapporten.models import Rapport, Verwerking

    monkeypatch.setattr("ontwikkeling.management.commands.genereer_last.laad_netwerk", lambda: None)
    call_command("genereer_last", consultaties=30, organisaties=4, verbosity=0)

    # Papers only for closed consultations; the one sent belongs to a sent consultation.
    assert Rapport.objects.filter(status="verzonden").exists()
    assert not Rapport.objects.exclude(
        consultatie__status__in=[Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND]
    ).exists()
    assert not Rapport.objects.filter(status="verzonden", consultatie__status=Status.GESLOTEN)
    # The ministry's verwerking refers to kernpunten of the paper it received.
    for verwerking in Verwerking.objects.select_related("rapport"):
        assert verwerking.kernpunt_id in verwerking.rapport.kernpunt_ids
        assert verwerking.rapport.ontvangen_op is not None
    assert Notificatie.objects.exists()
    # Most sent papers are public, from their sending on, with the secretariat's audit event.
    verzonden = Rapport.objects.filter(status="verzonden").count()
    openbaar = Rapport.objects.filter(publicatie__isnull=False)
    assert 0 < openbaar.count() < verzonden, (openbaar.count(), verzonden)
    assert not openbaar.exclude(status="verzonden").exists()
    for rapport in openbaar.select_related("publicatie"):
        assert rapport.publicatie.openbaar_vanaf >= rapport.verzonden_op
        assert AuditEvent.objects.voor(rapport).filter(actie="publiceren").count() == 1
    # Every consultation that is not a concept was opened, as the audit trail says.
    geopend = set(
        AuditEvent.objects.filter(actie="openstellen").values_list("object_id", flat=True)
    )
    assert (
        set(
            Consultatie.objects.exclude(
                status__in=[Status.CONCEPT, Status.INGETROKKEN]
            ).values_list("pk", flat=True)
        )
        <= geopend
    )
    # A second run adds no second history to the same consultations.
    voor = AuditEvent.objects.count()
    call_command("genereer_last", consultaties=1, organisaties=4, verbosity=0, seed=3)
    nieuw = Consultatie.objects.order_by("-pk").first()
    assert AuditEvent.objects.voor(nieuw).filter(actie="aangemaakt").count() == 1
    assert AuditEvent.objects.count() > voor


@pytest.mark.django_db
def test_genereer_last_spreidt_over_het_opgegeven_aantal_jaren(netwerk, monkeypatch):
    from datetime import timedelta

    from django.core.management.base import CommandError
    from django.utils import timezone

    monkeypatch.setattr("ontwikkeling.management.commands.genereer_last.laad_netwerk", lambda: None)
    call_command("genereer_last", consultaties=40, organisaties=2, verbosity=0, jaren=0.25)
    # The termijn is 28 days after the start; nothing older than a quarter of a year.
    oudste = Consultatie.objects.order_by("termijn").first().termijn
    assert oudste >= timezone.now() - timedelta(days=round(0.25 * 365) - 28 + 1)

    with pytest.raises(CommandError, match="tussen 0 en 50 jaar"):
        call_command("genereer_last", consultaties=1, verbosity=0, jaren=0)
    assert Consultatie.objects.count() == 40

import pytest

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from reacties import services as reactie_services
from reacties.models import Status


@pytest.mark.django_db
def test_reactie_doorloopt_workflow_tot_geaccepteerd(
    reactie_a_ter_accordering, accordeerder_a, secretaris, open_consultatie
):
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a
    )
    assert reactie.status == Status.INGEDIEND
    reactie = reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)
    assert reactie.status == Status.GEACCEPTEERD
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    acties = list(AuditEvent.objects.voor(reactie).values_list("actie", flat=True))
    assert acties == ["starten", "opgeslagen", "ter_accordering", "indienen", "accepteren"]

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from consultaties.models import Consultatie


@pytest.fixture
def beheerder(secretaris):
    from organisaties.netwerk import secretaris_rechten

    secretaris.is_staff = True
    secretaris.save(update_fields=["is_staff"])
    secretaris.user_permissions.set(secretaris_rechten())
    return secretaris


TERMIJN = timezone.localtime(timezone.now() + timedelta(days=20)).replace(microsecond=0)


def _formulier(ministerie, **extra):
    termijn = TERMIJN
    return {
        "titel": "Wet eenvoudiger toeslagen",
        "samenvatting": "",
        "instrument": "wetsvoorstel",
        "ministerie": ministerie.pk,
        "termijn_0": termijn.strftime("%Y-%m-%d"),
        "termijn_1": termijn.strftime("%H:%M:%S"),
        "vragen-TOTAL_FORMS": "0",
        "vragen-INITIAL_FORMS": "0",
        "documenten-TOTAL_FORMS": "0",
        "documenten-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.django_db
def test_admin_maakt_en_wijzigt_via_de_services_met_audittrail(client, beheerder, ministerie):
    client.force_login(beheerder)
    response = client.post("/admin/consultaties/consultatie/add/", _formulier(ministerie))
    assert response.status_code == 302, response.content.decode()[:2000]
    consultatie = Consultatie.objects.get()
    assert consultatie.kenmerk.startswith("TK-")
    assert consultatie.status == "concept"
    assert AuditEvent.objects.voor(consultatie).filter(actie="aangemaakt", actor=beheerder).exists()

    gegevens = _formulier(ministerie, titel="Wet nog eenvoudiger toeslagen")
    response = client.post(f"/admin/consultaties/consultatie/{consultatie.pk}/change/", gegevens)
    assert response.status_code == 302
    consultatie.refresh_from_db()
    assert consultatie.titel == "Wet nog eenvoudiger toeslagen"
    gewijzigd = AuditEvent.objects.voor(consultatie).get(actie="gewijzigd")
    assert gewijzigd.gegevens == {"velden": ["titel"]}


@pytest.mark.django_db
def test_status_is_alleen_lezen_in_de_admin(client, beheerder, ministerie):
    client.force_login(beheerder)
    client.post("/admin/consultaties/consultatie/add/", _formulier(ministerie))
    consultatie = Consultatie.objects.get()
    client.post(
        f"/admin/consultaties/consultatie/{consultatie.pk}/change/",
        _formulier(ministerie, status="afgerond"),
    )
    consultatie.refresh_from_db()
    assert consultatie.status == "concept"

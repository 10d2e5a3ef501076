"""The demo command with the real network CSV: idempotent, every consultation state, the
documented accounts. Slow (WeasyPrint renders the draft PDFs), so one test does it all."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from audit.models import AuditEvent
from consultaties.models import Consultatie
from organisaties.models import Gebruiker, Organisatie, Rol, Soort
from organisaties.netwerk import lees_netwerk
from rapporten.snapshot import vergelijk_met_vorige_toets
from reacties.models import Reactie

NETWERK_CSV = settings.BASE_DIR / "data" / "netwerk.csv"


def stand():
    return (
        Organisatie.objects.count(),
        Gebruiker.objects.count(),
        sorted(Consultatie.objects.values_list("kenmerk", "status")),
        sorted(Reactie.objects.values_list("pk", "status", "versie")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_demo_is_idempotent_en_toont_elke_status(client):
    call_command("demo", netwerk=NETWERK_CSV, stdout=StringIO())
    eerste = stand()
    call_command("demo", netwerk=NETWERK_CSV, stdout=StringIO())
    assert stand() == eerste

    rijen = lees_netwerk(NETWERK_CSV)
    assert Organisatie.objects.count() == len(rijen)
    assert Organisatie.objects.uitvoeringsorganisaties().count() >= 30
    assert set(Consultatie.objects.values_list("status", flat=True)) >= {
        "concept",
        "open",
        "gesloten",
        "ingetrokken",
    }
    assert set(Reactie.objects.values_list("status", flat=True)) >= {
        "uitgenodigd",
        "in_voorbereiding",
        "ter_accordering",
        "ingediend",
        "geaccepteerd",
        "afgezien",
        "verlopen",
    }

    # The documented accounts, all with password "demo", each in the right role.
    verwacht = {"secretaris": Rol.SECRETARIS}
    for organisatie in Organisatie.objects.all():
        afkorting = organisatie.afkorting.lower()
        if organisatie.soort == Soort.UITVOERINGSORGANISATIE:
            verwacht[f"{afkorting}-opsteller"] = Rol.OPSTELLER
            verwacht[f"{afkorting}-accordeerder"] = Rol.ACCORDEERDER
        elif organisatie.soort == Soort.MINISTERIE:
            verwacht[f"{afkorting}-ministerie"] = Rol.MINISTERIE
    verwacht["uwv-beheerder"] = Rol.BEHEERDER
    gebruikers = {g.username: g for g in Gebruiker.objects.select_related("organisatie")}
    assert {u: gebruikers[u].rol for u in verwacht} == verwacht
    for username in (
        "secretaris",
        "uwv-opsteller",
        "uwv-accordeerder",
        "uwv-beheerder",
        "szw-ministerie",
    ):
        gebruiker = gebruikers[username]
        assert gebruiker.check_password("demo"), username
        gebruiker.full_clean()  # the role fits the organisation's kind

    # A re-toets: UWV's response started from its earlier toets and shows what changed.
    hertoets = Consultatie.objects.get(kenmerk="DEMO-2026-06")
    assert (hertoets.status, hertoets.instrument) == ("open", "nota_van_wijziging")
    assert hertoets.vorige_consultatie.kenmerk == "DEMO-2026-05"
    uwv = hertoets.reacties.get(organisatie__afkorting="UWV")
    assert uwv.status == "in_voorbereiding"
    assert uwv.vorige_reactie.consultatie == hertoets.vorige_consultatie
    vergelijking = vergelijk_met_vorige_toets(uwv, uwv.vorige_reactie)
    assert vergelijking["bron"] == "verzonden_rapport"
    assert [w["onderdeel"] for w in vergelijking["wijzigingen"]] == [
        "eindoordeel",
        "gevolgen",
        "gevolgen",
        "kosten_incidenteel",
    ]
    # UWV marked its earlier kernpunten: a newcomer sees opgelost / deels / niet opgelost
    # next to what the ministry did with each.
    from reacties.services import eerdere_kernpunten

    eerder = eerdere_kernpunten(uwv)
    assert eerder and all(k["oordeel"] and k["verwerking"] for k in eerder)
    assert eerder[0]["oordeel"] == "opgelost"

    # Every demo transition went through the services, so every response has a timeline
    # that starts where the state machine starts.
    for reactie in Reactie.objects.exclude(status="uitgenodigd"):
        eerste_event = AuditEvent.objects.voor(reactie).filter(van_status__gt="").first()
        assert eerste_event.van_status == "uitgenodigd", reactie

    # Themes across the closed consultations (the second run gave none twice), a
    # near-duplicate to merge and a recurring bottleneck.
    from themas import cijfers
    from themas import services as thema_services
    from themas.models import Thema

    secretaris = Gebruiker.objects.get(username="secretaris")
    per_thema = {c.naam: c for c in cijfers.bereken(secretaris)}
    assert per_thema["Gegevenslevering in de keten"].consultaties >= 2
    assert [c.naam for c in cijfers.knelpunten(secretaris)] == ["Invoeringstermijn te kort"]
    assert thema_services.mogelijke_dubbelen(Thema.objects.all())
    uwv_opsteller = Gebruiker.objects.get(username="uwv-opsteller")
    assert cijfers.bereken(uwv_opsteller)

    # The public archive, right after the demo: one sent paper public, one from a later
    # day (not yet in the archive), and no user of the demo named anywhere on it.
    from rapporten.models import Rapport

    assert [r.consultatie.kenmerk for r in Rapport.objects.openbaar()] == ["DEMO-2025-06"]
    gepland = Rapport.objects.get(consultatie__kenmerk="DEMO-2026-05", status="verzonden")
    assert gepland.publicatie_gepland
    assert client.get("/openbaar/DEMO-2026-05/").status_code == 404
    paginas = "".join(
        client.get(pad).content.decode()
        for pad in ("/openbaar/", "/openbaar/DEMO-2025-06/", "/openbaar/feed.atom")
    )
    assert "DEMO-2025-06" in paginas and "DEMO-2026-05" not in paginas
    for g in Gebruiker.objects.all():
        for tekst in (g.get_full_name(), g.email, f">{g.username}<"):
            assert not tekst or tekst not in paginas, tekst

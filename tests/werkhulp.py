"""The secretaris's work in a few lines: an organisation's staff, a submitted response, an
open consultation closing soon with work waiting; for the tests of the work queue
(``tests/notificaties``), the consultation page's organisation list and the actions on a
selection (``tests/reacties``, ``tests/notificaties``)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notificaties.models import Email, EmailStatus
from reacties import services as reactie_services
from termijnen import services as termijn_services
from tests import factories


def medewerker(organisatie, rol):
    from organisaties.models import Gebruiker

    bestaand = Gebruiker.objects.filter(organisatie=organisatie, rol=rol).first()
    return bestaand or getattr(factories, rol)(organisatie)


def dien_in(reactie):
    opsteller = medewerker(reactie.organisatie, "opsteller")
    accordeerder = medewerker(reactie.organisatie, "accordeerder")
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = factories.vul_reactie_in(reactie, opsteller)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    return reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)


def drie_ingediend(secretaris, ministerie, org_a, org_b, org_c):
    """An open consultation: A and B submitted, C still drafting."""
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b, org_c],
        open=True,
    )
    for organisatie in (org_a, org_b):
        dien_in(consultatie.reacties.get(organisatie=organisatie))
    c = consultatie.reacties.get(organisatie=org_c)
    reactie_services.reactie_starten(reactie=c, actor=medewerker(org_c, "opsteller"))
    return consultatie


def per_afkorting(consultatie) -> dict:
    """The consultation's responses by their organisation's afkorting."""
    return {r.organisatie.afkorting: r for r in consultatie.reacties.select_related("organisatie")}


def werk_erbij(secretaris, ministerie, n: int, termijn_dagen=3):
    """An open consultation closing soon with ``n`` organisations: one submitted, one with
    an extension request, the others behind; and a failed e-mail."""
    organisaties = [factories.OrganisatieFactory() for _ in range(n)]
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=organisaties,
        open=True,
        termijn=timezone.now() + timedelta(days=termijn_dagen),
    )
    reacties = list(consultatie.reacties.select_related("organisatie"))
    dien_in(reacties[0])
    termijn_services.verlenging_aanvragen(
        reactie=reacties[1],
        actor=medewerker(reacties[1].organisatie, "opsteller"),
        reden="Het bestuur vergadert pas na de termijn.",
    )
    Email.objects.create(
        aan="x@example.nl",
        onderwerp="Uitnodiging",
        tekst="-",
        html="-",
        status=EmailStatus.OPGEGEVEN,
    )
    return consultatie


def tel_queries(client, url) -> tuple[int, str]:
    """The number of queries of a GET of ``url`` (answering 200), and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()

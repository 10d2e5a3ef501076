from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from kern.workflow import TransitieNietToegestaan
from reacties import services as reactie_services
from termijnen import services
from termijnen.models import VerzoekStatus

REDEN = "Onze bestuurder is tot volgende week afwezig."


def nieuwe_termijn(reactie, dagen=7):
    return reactie.effectieve_termijn + timedelta(days=dagen)


@pytest.fixture
def verzoek(reactie_a, opsteller_a):
    return services.verlenging_aanvragen(reactie=reactie_a, actor=opsteller_a, reden=REDEN)


@pytest.mark.django_db
def test_opsteller_vraagt_verlenging_aan_en_de_secretaris_hoort_het(
    reactie_a, opsteller_a, secretaris, na_commit
):
    mail.outbox.clear()
    verzoek = na_commit(
        services.verlenging_aanvragen, reactie=reactie_a, actor=opsteller_a, reden=REDEN
    )
    assert verzoek.status == VerzoekStatus.AANGEVRAAGD
    assert [b.to for b in mail.outbox] == [[secretaris.email]]
    assert REDEN in mail.outbox[0].body
    event = AuditEvent.objects.voor(reactie_a).get(actie="verlenging_aangevraagd")
    assert event.actor == opsteller_a
    assert event.toelichting == REDEN


@pytest.mark.django_db
def test_verlenging_aanvragen_vraagt_een_reden(reactie_a, opsteller_a):
    with pytest.raises(ValidationError) as fout:
        services.verlenging_aanvragen(reactie=reactie_a, actor=opsteller_a, reden="  ")
    assert "reden" in fout.value.message_dict


@pytest.mark.django_db
def test_gewenste_termijn_moet_na_de_huidige_liggen(reactie_a, opsteller_a):
    with pytest.raises(ValidationError):
        services.verlenging_aanvragen(
            reactie=reactie_a,
            actor=opsteller_a,
            reden=REDEN,
            gewenste_termijn=reactie_a.effectieve_termijn - timedelta(days=1),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["secretaris", "opsteller_b", "ministerie_gebruiker"])
def test_alleen_de_eigen_organisatie_vraagt_verlenging_aan(reactie_a, request, wie):
    with pytest.raises(PermissionDenied):
        services.verlenging_aanvragen(
            reactie=reactie_a, actor=request.getfixturevalue(wie), reden=REDEN
        )


@pytest.mark.django_db
def test_tweede_lopend_verzoek_wordt_geweigerd(verzoek, reactie_a, accordeerder_a):
    with pytest.raises(TransitieNietToegestaan):
        services.verlenging_aanvragen(reactie=reactie_a, actor=accordeerder_a, reden=REDEN)


@pytest.mark.django_db
def test_na_indienen_geen_verlenging_meer(reactie_a_ter_accordering, accordeerder_a2, opsteller_a):
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )
    with pytest.raises(TransitieNietToegestaan):
        services.verlenging_aanvragen(reactie=reactie, actor=opsteller_a, reden=REDEN)


@pytest.mark.django_db
def test_secretaris_kent_toe_voor_alleen_die_organisatie(
    verzoek, reactie_a, reactie_b, secretaris, opsteller_a, na_commit
):
    termijn = nieuwe_termijn(reactie_a)
    mail.outbox.clear()
    verzoek = na_commit(
        services.verlenging_toekennen,
        verzoek=verzoek,
        actor=secretaris,
        termijn=termijn,
        toelichting="Akkoord, eenmalig.",
    )
    assert verzoek.status == VerzoekStatus.TOEGEKEND
    assert verzoek.nieuwe_termijn == termijn
    reactie_a.refresh_from_db()
    reactie_b.refresh_from_db()
    assert reactie_a.effectieve_termijn == termijn
    assert reactie_b.termijn_verlengd_tot is None
    acties = set(AuditEvent.objects.voor(reactie_a).values_list("actie", flat=True))
    assert {"verlenging_aangevraagd", "termijn_verlengd", "verlenging_toegekend"} <= acties
    bericht = next(b for b in mail.outbox if opsteller_a.email in b.to)
    assert "toegekend" in bericht.subject.lower()
    assert "Akkoord, eenmalig." in bericht.body


@pytest.mark.django_db
def test_secretaris_wijst_af_met_reden(verzoek, reactie_a, secretaris, opsteller_a, na_commit):
    mail.outbox.clear()
    verzoek = na_commit(
        services.verlenging_afwijzen,
        verzoek=verzoek,
        actor=secretaris,
        toelichting="De minister wil het advies voor het zomerreces.",
    )
    assert verzoek.status == VerzoekStatus.AFGEWEZEN
    reactie_a.refresh_from_db()
    assert reactie_a.termijn_verlengd_tot is None
    assert AuditEvent.objects.voor(reactie_a).filter(actie="verlenging_afgewezen").exists()
    bericht = next(b for b in mail.outbox if opsteller_a.email in b.to)
    assert "zomerreces" in bericht.body


@pytest.mark.django_db
def test_afwijzen_vraagt_een_reden(verzoek, secretaris):
    with pytest.raises(ValidationError):
        services.verlenging_afwijzen(verzoek=verzoek, actor=secretaris, toelichting="")


@pytest.mark.django_db
def test_organisatie_kan_eigen_verzoek_niet_toekennen(verzoek, reactie_a, accordeerder_a):
    with pytest.raises(PermissionDenied):
        services.verlenging_toekennen(
            verzoek=verzoek, actor=accordeerder_a, termijn=nieuwe_termijn(reactie_a)
        )


@pytest.mark.django_db
def test_besluit_kan_maar_eenmaal(verzoek, reactie_a, secretaris):
    services.verlenging_afwijzen(verzoek=verzoek, actor=secretaris, toelichting="Nee.")
    with pytest.raises(TransitieNietToegestaan):
        services.verlenging_toekennen(
            verzoek=verzoek, actor=secretaris, termijn=nieuwe_termijn(reactie_a)
        )


@pytest.mark.django_db
def test_toekennen_met_termijn_in_het_verleden_wordt_geweigerd(verzoek, secretaris):
    with pytest.raises(ValidationError):
        services.verlenging_toekennen(
            verzoek=verzoek, actor=secretaris, termijn=timezone.now() - timedelta(hours=1)
        )
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AANGEVRAAGD

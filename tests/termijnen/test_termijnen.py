"""Deadlines in Europe/Amsterdam, with a frozen clock: the exact boundary, extensions for
everyone or for one organisation, closing and reopening, and the two DST changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from consultaties import services
from consultaties.models import Consultatie
from kern.workflow import SYSTEEM, TransitieNietToegestaan
from reacties import services as reactie_services
from reacties.models import Reactie
from tests import factories, toestanden

AMS = ZoneInfo("Europe/Amsterdam")


def aanbieden(reactie, opsteller):
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = factories.vul_reactie_in(reactie, opsteller)
    return reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)


@pytest.fixture
def met_termijn(time_machine, secretaris, ministerie, org_a, org_b):
    """Build an open consultation with ``termijn``, ten days before it (clock frozen)."""

    def bouw(termijn):
        time_machine.move_to(termijn - timedelta(days=10), tick=False)
        return factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[org_a, org_b],
            termijn=termijn,
            open=True,
        )

    return bouw


def status(reactie):
    return Reactie.objects.get(pk=reactie.pk).status


# --- the exact boundary --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("na_termijn", "toegestaan"),
    [(timedelta(hours=-1), True), (timedelta(0), True), (timedelta(seconds=1), False)],
)
def test_indienen_tot_en_met_de_termijn(
    time_machine, met_termijn, opsteller_a, accordeerder_a, na_termijn, toegestaan
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    reactie = aanbieden(consultatie.reacties.get(organisatie=opsteller_a.organisatie), opsteller_a)
    time_machine.move_to(termijn + na_termijn, tick=False)
    if toegestaan:
        assert "indienen" in reactie_services.toegestane_acties(accordeerder_a, reactie)
        reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
        assert status(reactie) == "ingediend"
    else:
        assert "indienen" not in reactie_services.toegestane_acties(accordeerder_a, reactie)
        events = AuditEvent.objects.count()
        with pytest.raises(TransitieNietToegestaan):
            reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
        assert status(reactie) == "ter_accordering"
        assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_na_de_termijn_kan_niet_worden_gestart_of_bewerkt(
    time_machine, met_termijn, opsteller_a, opsteller_b
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    gestart = reactie_services.reactie_starten(
        reactie=consultatie.reacties.get(organisatie=opsteller_a.organisatie), actor=opsteller_a
    )
    time_machine.move_to(termijn + timedelta(seconds=1), tick=False)
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_starten(
            reactie=consultatie.reacties.get(organisatie=opsteller_b.organisatie),
            actor=opsteller_b,
        )
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_bijwerken(
            reactie=gestart, actor=opsteller_a, versie=gestart.versie, velden={"kernboodschap": "x"}
        )
    assert Reactie.objects.get(pk=gestart.pk).kernboodschap == ""


# --- extensions ------------------------------------------------------------------------


@pytest.mark.django_db
def test_verlenging_voor_een_organisatie_houdt_alleen_die_open(
    time_machine,
    met_termijn,
    secretaris,
    org_a,
    opsteller_a,
    accordeerder_a,
    opsteller_b,
    accordeerder_b,
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    reactie_a = aanbieden(consultatie.reacties.get(organisatie=org_a), opsteller_a)
    reactie_b = aanbieden(
        consultatie.reacties.get(organisatie=opsteller_b.organisatie), opsteller_b
    )
    verlengd = datetime(2026, 12, 3, 17, 0, tzinfo=AMS)
    services.consultatie_termijn_verlengen(
        consultatie=consultatie,
        actor=secretaris,
        termijn=verlengd,
        organisatie=org_a,
        toelichting="Bestuursvergadering pas op 2 december.",
    )
    assert Consultatie.objects.get(pk=consultatie.pk).termijn == termijn
    assert Reactie.objects.get(pk=reactie_a.pk).effectieve_termijn == verlengd
    assert Reactie.objects.get(pk=reactie_b.pk).effectieve_termijn == termijn

    time_machine.move_to(termijn + timedelta(days=1), tick=False)
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_indienen(reactie=reactie_b, actor=accordeerder_b)
    reactie_services.reactie_indienen(reactie=reactie_a, actor=accordeerder_a)
    assert (status(reactie_a), status(reactie_b)) == ("ingediend", "ter_accordering")

    for obj in (consultatie, reactie_a):
        event = AuditEvent.objects.voor(obj).get(actie="termijn_verlengd")
        assert event.actor == secretaris
        assert event.gegevens["termijn"] == verlengd.isoformat()
    # The reason is the organisation's business: on its response's timeline, not on the
    # consultation's, which every invited organisation and the ministry read.
    assert (
        AuditEvent.objects.voor(reactie_a).get(actie="termijn_verlengd").toelichting
        == "Bestuursvergadering pas op 2 december."
    )
    assert AuditEvent.objects.voor(consultatie).get(actie="termijn_verlengd").toelichting == ""


@pytest.mark.django_db
def test_verlenging_voor_een_organisatie_na_verlopen_maakt_heropenen_mogelijk(
    time_machine, met_termijn, secretaris, org_a, opsteller_a
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    reactie = reactie_services.reactie_laten_verlopen(
        reactie=consultatie.reacties.get(organisatie=org_a), actor=SYSTEEM
    )
    time_machine.move_to(termijn + timedelta(hours=1), tick=False)
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_heropenen(reactie=reactie, actor=secretaris)
    services.consultatie_termijn_verlengen(
        consultatie=consultatie,
        actor=secretaris,
        termijn=termijn + timedelta(days=2),
        organisatie=org_a,
    )
    reactie = reactie_services.reactie_heropenen(reactie=reactie, actor=secretaris)
    assert reactie.status == "in_voorbereiding"
    reactie_services.reactie_bijwerken(
        reactie=reactie, actor=opsteller_a, versie=reactie.versie, velden={"kernboodschap": "Ok"}
    )


@pytest.mark.django_db
def test_verlenging_voor_iedereen(
    time_machine, met_termijn, secretaris, accordeerder_a, opsteller_a
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    reactie = aanbieden(consultatie.reacties.get(organisatie=opsteller_a.organisatie), opsteller_a)
    nieuw = datetime(2026, 12, 8, 17, 0, tzinfo=AMS)
    services.consultatie_termijn_verlengen(consultatie=consultatie, actor=secretaris, termijn=nieuw)
    assert Consultatie.objects.get(pk=consultatie.pk).termijn == nieuw
    time_machine.move_to(nieuw, tick=False)
    reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    event = AuditEvent.objects.voor(consultatie).get(actie="termijn_verlengd")
    assert "organisatie" not in event.gegevens


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("termijn", "organisatie", "veld"),
    [
        (datetime(2026, 12, 1, 16, 0, tzinfo=AMS), None, "termijn"),  # earlier
        (datetime(2026, 12, 1, 17, 0, tzinfo=AMS), None, "termijn"),  # the same
        (datetime(2026, 12, 9, 17, 0), None, "termijn"),  # naive
        (None, None, "termijn"),
        (datetime(2026, 12, 1, 16, 0, tzinfo=AMS), "org_a", "termijn"),
        (datetime(2026, 12, 9, 17, 0, tzinfo=AMS), "niet_uitgenodigd", "organisatie"),
    ],
)
def test_ongeldige_verlenging_wordt_geweigerd(
    request, met_termijn, secretaris, termijn, organisatie, veld
):
    consultatie = met_termijn(datetime(2026, 12, 1, 17, 0, tzinfo=AMS))
    if organisatie == "niet_uitgenodigd":
        organisatie = factories.OrganisatieFactory()
    elif organisatie:
        organisatie = request.getfixturevalue(organisatie)
    voor = (
        Consultatie.objects.get(pk=consultatie.pk).termijn,
        sorted(map(str, consultatie.reacties.values_list("termijn_verlengd_tot", flat=True))),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError) as fout:
        services.consultatie_termijn_verlengen(
            consultatie=consultatie, actor=secretaris, termijn=termijn, organisatie=organisatie
        )
    assert veld in fout.value.message_dict
    assert voor == (
        Consultatie.objects.get(pk=consultatie.pk).termijn,
        sorted(map(str, consultatie.reacties.values_list("termijn_verlengd_tot", flat=True))),
        AuditEvent.objects.count(),
    )


# --- closing and reopening -----------------------------------------------------------------


@pytest.mark.django_db
def test_sluiten_laat_lopende_reacties_verlopen(
    secretaris, ministerie, opsteller_a, accordeerder_a
):
    organisaties = [factories.OrganisatieFactory() for _ in range(6)]
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=organisaties, open=True
    )
    doelen = [
        "uitgenodigd",
        "in_voorbereiding",
        "ter_accordering",
        "ingediend",
        "geaccepteerd",
        "afgezien",
    ]
    reacties = {}
    for organisatie, doel in zip(organisaties, doelen, strict=True):
        reacties[doel] = toestanden.reactie_in(
            doel,
            consultatie.reacties.get(organisatie=organisatie),
            opsteller=factories.opsteller(organisatie),
            accordeerder=factories.accordeerder(organisatie),
            secretaris=secretaris,
        )
    services.consultatie_sluiten(consultatie=consultatie, actor=secretaris, toelichting="Klaar.")
    na = {doel: status(r) for doel, r in reacties.items()}
    assert na == {
        "uitgenodigd": "verlopen",
        "in_voorbereiding": "verlopen",
        "ter_accordering": "verlopen",
        "ingediend": "ingediend",
        "geaccepteerd": "geaccepteerd",
        "afgezien": "afgezien",
    }
    for doel in ("uitgenodigd", "in_voorbereiding", "ter_accordering"):
        event = AuditEvent.objects.voor(reacties[doel]).get(actie="verlopen")
        assert (event.van_status, event.naar_status, event.actor) == (doel, "verlopen", secretaris)


@pytest.mark.django_db
def test_sluiten_door_termijnbewaking_zonder_actor(open_consultatie, reactie_a):
    services.consultatie_sluiten(consultatie=open_consultatie, actor=SYSTEEM)
    assert status(reactie_a) == "verlopen"
    event = AuditEvent.objects.voor(open_consultatie).get(actie="sluiten")
    assert event.actor is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "termijn",
    [None, timedelta(seconds=-1), timedelta(0), "naief"],
    ids=["geen", "verleden", "nu", "naief"],
)
def test_heropenen_vraagt_een_toekomstige_termijn(
    time_machine, open_consultatie, secretaris, termijn
):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=AMS), tick=False)
    consultatie = services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    if isinstance(termijn, timedelta):
        termijn = datetime(2026, 6, 1, 12, 0, tzinfo=AMS) + termijn
    elif termijn == "naief":
        termijn = datetime(2026, 7, 1, 12, 0)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        services.consultatie_heropenen(consultatie=consultatie, actor=secretaris, termijn=termijn)
    assert "termijn" in fout.value.message_dict
    assert Consultatie.objects.get(pk=consultatie.pk).status == "gesloten"
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_heropenen_zet_de_nieuwe_termijn(open_consultatie, secretaris):
    consultatie = services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    nieuw = toestanden.in_de_toekomst(days=7)
    consultatie = services.consultatie_heropenen(
        consultatie=consultatie, actor=secretaris, termijn=nieuw, toelichting="Nieuwe versie."
    )
    opgeslagen = Consultatie.objects.get(pk=consultatie.pk)
    assert (opgeslagen.status, opgeslagen.termijn) == ("open", nieuw)
    event = AuditEvent.objects.voor(consultatie).get(actie="heropenen")
    assert (event.van_status, event.naar_status) == ("gesloten", "open")


# --- DST ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fold", "termijn_utc"),
    [
        (0, datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # the first 02:30, still CEST (+2)
        (1, datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # the second 02:30, CET (+1)
    ],
)
def test_termijn_in_het_dubbele_uur_van_oktober(
    time_machine, met_termijn, opsteller_a, accordeerder_a, fold, termijn_utc
):
    termijn = datetime(2026, 10, 25, 2, 30, fold=fold, tzinfo=AMS)
    # An ambiguous local time never compares equal across zones (PEP 495): convert first.
    assert termijn.astimezone(UTC) == termijn_utc
    consultatie = met_termijn(termijn)
    assert Consultatie.objects.get(pk=consultatie.pk).termijn == termijn_utc
    reactie = aanbieden(consultatie.reacties.get(organisatie=opsteller_a.organisatie), opsteller_a)

    time_machine.move_to(termijn_utc + timedelta(seconds=1), tick=False)
    assert not Reactie.objects.get(pk=reactie.pk).binnen_termijn()
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)

    time_machine.move_to(termijn_utc, tick=False)
    reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    assert status(reactie) == "ingediend"


@pytest.mark.django_db
def test_dubbele_uur_scheidt_de_twee_termijnen(time_machine, met_termijn):
    """At 02:00 CET (01:00 UTC, after the clock went back) the first 02:30 lies behind us
    and the second 02:30 still ahead: only aware datetimes tell them apart."""
    eerste = met_termijn(datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=AMS))
    tweede = met_termijn(datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS))
    time_machine.move_to(datetime(2026, 10, 25, 1, 0, tzinfo=UTC), tick=False)
    eerste, tweede = (Consultatie.objects.get(pk=c.pk) for c in (eerste, tweede))
    assert eerste.termijn_verstreken()
    assert tweede.termijn_in_toekomst()


@pytest.mark.django_db
def test_termijn_rond_de_zomertijd_in_maart(time_machine, met_termijn, opsteller_a, accordeerder_a):
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST; 03:00 local is 01:00 UTC.
    termijn = datetime(2026, 3, 29, 3, 0, tzinfo=AMS)
    assert termijn == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    consultatie = met_termijn(termijn)
    reactie = aanbieden(consultatie.reacties.get(organisatie=opsteller_a.organisatie), opsteller_a)
    # One minute before the termijn by the wall clock is 01:59 CET: still open.
    time_machine.move_to(datetime(2026, 3, 29, 1, 59, 59, tzinfo=AMS), tick=False)
    assert Reactie.objects.get(pk=reactie.pk).binnen_termijn()
    time_machine.move_to(termijn + timedelta(seconds=1), tick=False)
    assert not Reactie.objects.get(pk=reactie.pk).binnen_termijn()
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)


@pytest.mark.django_db
def test_verlenging_met_een_dag_over_de_zomertijd_duurt_23_uur(
    time_machine, met_termijn, secretaris, opsteller_a, accordeerder_a
):
    """Extending from Saturday 12:00 to Sunday 12:00 local crosses the DST change: the
    boundary is noon on the wall clock (10:00 UTC), not 24 hours later."""
    termijn = datetime(2026, 3, 28, 12, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    reactie = aanbieden(consultatie.reacties.get(organisatie=opsteller_a.organisatie), opsteller_a)
    nieuw = datetime(2026, 3, 29, 12, 0, tzinfo=AMS)
    # Subtraction within one zone counts wall-clock time; the real interval is 23 hours.
    assert nieuw - termijn == timedelta(hours=24)
    assert nieuw.astimezone(UTC) - termijn.astimezone(UTC) == timedelta(hours=23)
    services.consultatie_termijn_verlengen(consultatie=consultatie, actor=secretaris, termijn=nieuw)
    time_machine.move_to(datetime(2026, 3, 29, 10, 0, 1, tzinfo=UTC), tick=False)
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    time_machine.move_to(datetime(2026, 3, 29, 10, 0, tzinfo=UTC), tick=False)
    reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    assert status(reactie) == "ingediend"


@pytest.mark.django_db
@pytest.mark.parametrize("organisatie", [None, "org_a"])
def test_verlenging_naar_een_tijdstip_in_het_verleden_wordt_geweigerd(
    request, time_machine, met_termijn, secretaris, organisatie
):
    """The termijn passed an hour ago (the deadline job has not run yet): an "extension" to
    thirty minutes ago would reopen nothing and only confuse."""
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    time_machine.move_to(termijn + timedelta(hours=1), tick=False)
    with pytest.raises(ValidationError) as fout:
        services.consultatie_termijn_verlengen(
            consultatie=consultatie,
            actor=secretaris,
            termijn=termijn + timedelta(minutes=30),
            organisatie=request.getfixturevalue(organisatie) if organisatie else None,
        )
    assert "termijn" in fout.value.message_dict
    assert Consultatie.objects.get(pk=consultatie.pk).termijn == termijn
    assert not consultatie.reacties.filter(termijn_verlengd_tot__isnull=False).exists()


@pytest.mark.django_db
def test_na_heropenen_kan_de_secretaris_verlopen_reacties_heropenen(
    open_consultatie, reactie_a, reactie_b, secretaris, opsteller_a
):
    consultatie = services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    assert {status(reactie_a), status(reactie_b)} == {"verlopen"}
    # While closed, a verlopen response cannot be reopened.
    with pytest.raises(TransitieNietToegestaan):
        reactie_services.reactie_heropenen(reactie=reactie_a, actor=secretaris)
    services.consultatie_heropenen(
        consultatie=consultatie, actor=secretaris, termijn=toestanden.in_de_toekomst(days=7)
    )
    # Reopening the consultation does not revive responses by itself...
    assert {status(reactie_a), status(reactie_b)} == {"verlopen"}
    # ...the secretaris decides per organisation.
    reactie = reactie_services.reactie_heropenen(reactie=reactie_a, actor=secretaris)
    assert (status(reactie_a), status(reactie_b)) == ("in_voorbereiding", "verlopen")
    reactie_services.reactie_bijwerken(
        reactie=reactie, actor=opsteller_a, versie=reactie.versie, velden={"kernboodschap": "Ok"}
    )


@pytest.mark.django_db
def test_algemene_verlenging_voorbij_een_eigen_verlenging_geldt_voor_iedereen(
    met_termijn, secretaris, org_a, org_b
):
    termijn = datetime(2026, 12, 1, 17, 0, tzinfo=AMS)
    consultatie = met_termijn(termijn)
    eigen = datetime(2026, 12, 3, 17, 0, tzinfo=AMS)
    algemeen = datetime(2026, 12, 10, 17, 0, tzinfo=AMS)
    services.consultatie_termijn_verlengen(
        consultatie=consultatie, actor=secretaris, termijn=eigen, organisatie=org_a
    )
    services.consultatie_termijn_verlengen(
        consultatie=consultatie, actor=secretaris, termijn=algemeen
    )
    effectief = {
        r.organisatie.afkorting: r.effectieve_termijn
        for r in Reactie.objects.filter(consultatie=consultatie).select_related(
            "organisatie", "consultatie"
        )
    }
    assert effectief == {org_a.afkorting: algemeen, org_b.afkorting: algemeen}
    # A later per-organisation extension must go beyond the general one.
    with pytest.raises(ValidationError):
        services.consultatie_termijn_verlengen(
            consultatie=consultatie, actor=secretaris, termijn=eigen, organisatie=org_a
        )

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from kern.workflow import TransitieNietToegestaan
from reacties import services as reactie_services
from tests import factories
from themas import cijfers, services
from themas.models import Getagd, Thema


def _namen(kernpunt):
    return sorted(
        Getagd.objects.filter(content_object=kernpunt).values_list("tag__name", flat=True)
    )


@pytest.mark.django_db
def test_secretaris_geeft_thema_hoofdletterongevoelig_en_geaudit(netwerk, secretaris):
    # 'ict-systemen' on c3 became the existing 'ICT-systemen', not a second theme.
    assert _namen(netwerk["k3_uwv"]) == ["ICT-systemen", "Privacy"]
    assert Thema.objects.filter(name__iexact="ict-systemen").count() == 1
    services.kernpunt_themas_instellen(
        kernpunt=netwerk["k3_uwv"], namen=["Privacy", "Gegevensdeling"], actor=secretaris
    )
    assert _namen(netwerk["k3_uwv"]) == ["Gegevensdeling", "Privacy"]
    laatste = AuditEvent.objects.voor(netwerk["k3_uwv"]).filter(actie="themas_gewijzigd").last()
    assert laatste.actor == secretaris
    assert laatste.gegevens == {
        "van": ["ICT-systemen", "Privacy"],
        "naar": ["Gegevensdeling", "Privacy"],
    }


@pytest.mark.django_db
def test_niets_gewijzigd_geeft_geen_auditregel(netwerk, secretaris):
    voor = AuditEvent.objects.voor(netwerk["k1_uwv"]).count()
    services.kernpunt_themas_instellen(
        kernpunt=netwerk["k1_uwv"], namen=["ict-SYSTEMEN"], actor=secretaris
    )
    assert AuditEvent.objects.voor(netwerk["k1_uwv"]).count() == voor


@pytest.mark.django_db
def test_alleen_secretaris_geeft_themas(netwerk, ministerie_gebruiker):
    for actor in (
        factories.opsteller(netwerk["uwv"], username="uwv-extra"),
        factories.accordeerder(netwerk["uwv"], username="uwv-extra-a"),
        ministerie_gebruiker,
    ):
        with pytest.raises(PermissionDenied):
            services.kernpunt_themas_instellen(
                kernpunt=netwerk["k1_uwv"], namen=["Eigen thema"], actor=actor
            )
    assert _namen(netwerk["k1_uwv"]) == ["ICT-systemen"]


@pytest.mark.django_db
def test_themas_geven_kan_pas_na_sluiten(secretaris, reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    kernpunt = reactie_services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller_a, dimensie="ict", tekst="Te vroeg."
    )
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_themas_instellen(kernpunt=kernpunt, namen=["ICT"], actor=secretaris)
    assert not Thema.objects.exists()


@pytest.mark.django_db
def test_te_veel_of_te_lange_themas_worden_geweigerd(netwerk, secretaris):
    with pytest.raises(ValidationError) as fout:
        services.kernpunt_themas_instellen(
            kernpunt=netwerk["k1_uwv"], namen=[f"Thema {i}" for i in range(11)], actor=secretaris
        )
    assert "themas" in fout.value.message_dict
    with pytest.raises(ValidationError):
        services.kernpunt_themas_instellen(
            kernpunt=netwerk["k1_uwv"], namen=["x" * 101], actor=secretaris
        )
    assert _namen(netwerk["k1_uwv"]) == ["ICT-systemen"]


def test_namen_uit_tekst():
    assert services.namen_uit_tekst(" ICT-systemen ,  ,Handhaving  en   toezicht") == [
        "ICT-systemen",
        "Handhaving en toezicht",
    ]


@pytest.mark.django_db
def test_mogelijke_dubbelen_vindt_andere_schrijfwijzen(db):
    a = Thema.objects.create(name="ICT-systemen")
    b = Thema.objects.create(name="ict systemen")
    c = Thema.objects.create(name="ICT-systeem")
    d = Thema.objects.create(name="Handhaving")
    paren = {frozenset((x.pk, y.pk)) for x, y in services.mogelijke_dubbelen([a, b, c, d])}
    assert frozenset((a.pk, b.pk)) in paren
    assert frozenset((a.pk, c.pk)) in paren
    assert not any(d.pk in paar for paar in paren)
    # Different spellings stay different themes until the secretariaat merges them.
    assert b.slug != a.slug


@pytest.mark.django_db
def test_samenvoegen_verhuist_kernpunten_eenmaal_en_is_geaudit(netwerk, secretaris):
    ict = Thema.objects.get(name="ICT-systemen")
    tweede = services.thema_voor_naam("ict systemen")
    assert tweede.pk != ict.pk
    services.kernpunt_themas_instellen(
        kernpunt=netwerk["k3_uwv"],
        namen=["ICT-systemen", "ict systemen", "Privacy"],
        actor=secretaris,
    )
    services.kernpunt_themas_instellen(
        kernpunt=netwerk["k1_handhaving"], namen=["Handhaving", "ict systemen"], actor=secretaris
    )
    blijft = services.thema_samenvoegen(thema=tweede, in_thema=ict, actor=secretaris)
    assert blijft == ict
    assert not Thema.objects.filter(pk=tweede.pk).exists()
    assert _namen(netwerk["k3_uwv"]) == ["ICT-systemen", "Privacy"]
    assert _namen(netwerk["k1_handhaving"]) == ["Handhaving", "ICT-systemen"]
    gebeurtenis = AuditEvent.objects.voor(ict).get(actie="thema_samengevoegd")
    assert gebeurtenis.actor == secretaris
    assert gebeurtenis.gegevens == {
        "thema": "ict systemen",
        "kernpunten": [netwerk["k1_handhaving"].pk],
    }


@pytest.mark.django_db
def test_samenvoegen_alleen_door_secretaris_en_niet_met_zichzelf(netwerk, secretaris, opsteller_a):
    ict = Thema.objects.get(name="ICT-systemen")
    privacy = Thema.objects.get(name="Privacy")
    with pytest.raises(PermissionDenied):
        services.thema_samenvoegen(thema=privacy, in_thema=ict, actor=opsteller_a)
    with pytest.raises(ValidationError):
        services.thema_samenvoegen(thema=ict, in_thema=ict, actor=secretaris)
    assert Thema.objects.filter(pk=privacy.pk).exists()


# --- the figures, per role --------------------------------------------------------------


def _van(lijst, naam):
    return next((c for c in lijst if c.naam == naam), None)


@pytest.mark.django_db
def test_secretaris_ziet_alles_behalve_niet_ingediende_kernpunten(netwerk, secretaris):
    ict = _van(cijfers.bereken(secretaris), "ICT-systemen")
    # SVB's draft (never submitted) does not count, not even for the secretariaat.
    assert netwerk["k2_svb"].pk not in ict.kernpunt_ids
    assert (ict.kernpunten, ict.consultaties) == (4, 3)
    assert (ict.overgenomen, ict.deels_overgenomen, ict.niet_overgenomen, ict.onverwerkt) == (
        0,
        1,
        2,
        1,
    )
    assert ict.is_knelpunt
    netwerken = {r["netwerk"]: r["ingebracht"] for r in ict.netwerk_rijen()}
    assert netwerken == {"Manifestgroep": 3, "KleinLef": 1, "RBB Groep": 0, "Overig": 0}
    assert [(r["jaar"], r["ministerie"], r["kernpunten"]) for r in ict.jaar_rijen()] == [
        (2024, "Ministerie van SZW", 2),
        (2025, "Ministerie van SZW", 1),
        (2026, "Ministerie van BZK", 1),
    ]
    handhaving = _van(cijfers.bereken(secretaris), "Handhaving")
    assert handhaving.overgenomen == 1 and not handhaving.is_knelpunt
    assert [c.naam for c in cijfers.knelpunten(secretaris)] == ["ICT-systemen"]


@pytest.mark.django_db
def test_organisatie_ziet_alleen_wat_zij_mag_inzien(netwerk):
    lbio = factories.opsteller(netwerk["lbio"], username="lbio-lezer")
    ict = _van(cijfers.bereken(lbio), "ICT-systemen")
    # c1 and c2 (invited), not c3 (not invited), never SVB's draft.
    assert ict.kernpunt_ids == {netwerk["k1_uwv"].pk, netwerk["k1_lbio"].pk, netwerk["k2_uwv"].pk}
    assert ict.consultaties == 2 and not ict.is_knelpunt
    assert _van(cijfers.bereken(lbio), "Privacy") is None

    svb = factories.opsteller(netwerk["svb"], username="svb-lezer")
    ict_svb = _van(cijfers.bereken(svb), "ICT-systemen")
    assert ict_svb.kernpunt_ids == {netwerk["k2_uwv"].pk}

    cjib = factories.opsteller(netwerk["cjib"], username="cjib-lezer")
    assert cijfers.bereken(cjib) == []


@pytest.mark.django_db
def test_organisatie_ziet_verwerking_alleen_van_papers_waaraan_zij_bijdroeg(netwerk, secretaris):
    """LBIO contributed to c1 and sees the verwerking there; c2 was never sent."""
    lbio = factories.opsteller(netwerk["lbio"], username="lbio-lezer")
    ict = _van(cijfers.bereken(lbio), "ICT-systemen")
    assert (ict.niet_overgenomen, ict.deels_overgenomen, ict.onverwerkt) == (1, 1, 1)


@pytest.mark.django_db
def test_ministerie_ziet_alleen_eigen_verzonden_consultaties(
    netwerk, ministerie_gebruiker, bzk_gebruiker
):
    szw = cijfers.bereken(ministerie_gebruiker)
    assert {c.naam for c in szw} == {"ICT-systemen", "Handhaving"}
    assert _van(szw, "ICT-systemen").kernpunt_ids == {netwerk["k1_uwv"].pk, netwerk["k1_lbio"].pk}
    bzk = cijfers.bereken(bzk_gebruiker)
    assert {c.naam for c in bzk} == {"ICT-systemen", "Privacy"}
    assert _van(bzk, "ICT-systemen").kernpunt_ids == {netwerk["k3_uwv"].pk}


@pytest.mark.django_db
def test_cijfers_lezen_de_kernpunten_met_een_thema_niet_alle_kernpunten(netwerk, secretaris):
    """What the figures touch (issue 19): each tagged kernpunt is checked by key (EXISTS),
    and the outcomes are read for the ids found, so no statement lists every visible
    kernpunt or every outcome of the years first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert _van(cijfers.bereken(secretaris), "ICT-systemen") is not None
    statements = [q["sql"] for q in queries.captured_queries]
    getagd = next(s for s in statements if 'FROM "themas_getagd"' in s)
    assert "EXISTS" in getagd
    assert '"themas_getagd"."content_object_id" IN (SELECT' not in getagd
    verwerking = next(s for s in statements if 'FROM "rapporten_verwerking"' in s)
    assert '"kernpunt_id" IN (SELECT' not in verwerking
    assert '"rapport_id" IN (SELECT' not in verwerking

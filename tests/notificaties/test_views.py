from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from notificaties.context_processors import notificaties as notificaties_context
from notificaties.models import Email, EmailStatus, Notificatie
from termijnen import services
from termijnen.models import VerzoekStatus

REDEN = "Bestuurder afwezig."


def ingelogd(client, gebruiker):
    client.force_login(gebruiker)
    return client


@pytest.fixture
def derde_org_opsteller(db):
    from tests import factories

    return factories.opsteller(factories.OrganisatieFactory(afkorting="DUO", naam="DUO"))


@pytest.fixture
def verzoek(reactie_a, opsteller_a):
    return services.verlenging_aanvragen(reactie=reactie_a, actor=opsteller_a, reden=REDEN)


@pytest.fixture
def mislukte_email(db):
    return Email.objects.create(
        aan="x@example.nl",
        onderwerp="Onderwerp",
        tekst="t",
        html="<p>t</p>",
        status=EmailStatus.OPGEGEVEN,
        pogingen=6,
        laatste_fout="SMTPException: 421",
    )


# --- notifications in the app -----------------------------------------------------------


@pytest.mark.django_db
def test_notificaties_vragen_inloggen(client):
    antwoord = client.get(reverse("notificaties:lijst"))
    assert antwoord.status_code == 302
    assert reverse("login") in antwoord["Location"]


@pytest.mark.django_db
def test_gebruiker_ziet_alleen_eigen_notificaties(client, opsteller_a, opsteller_b):
    Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="Voor UWV", tekst="t")
    Notificatie.objects.create(ontvanger=opsteller_b, soort="x", onderwerp="Voor SVB", tekst="t")
    inhoud = ingelogd(client, opsteller_a).get(reverse("notificaties:lijst")).content.decode()
    assert "Voor UWV" in inhoud
    assert "Voor SVB" not in inhoud


@pytest.mark.django_db
def test_markeer_als_gelezen_en_ongelezen_teller(client, opsteller_a, opsteller_b):
    eigen = Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="a", tekst="t")
    Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="b", tekst="t")
    verzoek = RequestFactory().get("/")
    verzoek.user = opsteller_a
    assert notificaties_context(verzoek)["notificaties_ongelezen"] == 2

    antwoord = ingelogd(client, opsteller_a).post(reverse("notificaties:gelezen", args=[eigen.pk]))
    assert antwoord.status_code == 302
    eigen.refresh_from_db()
    assert eigen.gelezen_op is not None
    assert notificaties_context(verzoek)["notificaties_ongelezen"] == 1

    client.post(reverse("notificaties:alles_gelezen"))
    assert notificaties_context(verzoek)["notificaties_ongelezen"] == 0


@pytest.mark.django_db
def test_andermans_notificatie_markeren_geeft_404(client, opsteller_a, opsteller_b):
    andere = Notificatie.objects.create(ontvanger=opsteller_b, soort="x", onderwerp="b", tekst="t")
    antwoord = ingelogd(client, opsteller_a).post(reverse("notificaties:gelezen", args=[andere.pk]))
    assert antwoord.status_code == 404
    andere.refresh_from_db()
    assert andere.gelezen_op is None


@pytest.mark.django_db
def test_markeren_alleen_met_post(client, opsteller_a):
    eigen = Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="a", tekst="t")
    antwoord = ingelogd(client, opsteller_a).get(reverse("notificaties:gelezen", args=[eigen.pk]))
    assert antwoord.status_code == 405


def test_teller_voor_anonieme_bezoeker_is_nul():
    from django.contrib.auth.models import AnonymousUser

    verzoek = RequestFactory().get("/")
    verzoek.user = AnonymousUser()
    assert notificaties_context(verzoek) == {
        "notificaties_ongelezen": 0,
        "werkvoorraad_tellingen": {},
    }


# --- workload and who is behind ---------------------------------------------------------


@pytest.mark.django_db
def test_werklast_toont_eigen_uitnodigingen_met_termijn(client, reactie_a, opsteller_a):
    antwoord = ingelogd(client, opsteller_a).get(reverse("notificaties:werklast"), follow=True)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert reactie_a.consultatie.kenmerk in inhoud
    assert "Verlenging aanvragen" in inhoud


@pytest.mark.django_db
def test_werklast_van_andere_organisatie_geeft_404(client, reactie_b, opsteller_a, org_b):
    antwoord = ingelogd(client, opsteller_a).get(
        reverse("notificaties:werklast_organisatie", args=[org_b.pk])
    )
    assert antwoord.status_code == 404


@pytest.mark.django_db
def test_secretaris_ziet_werklast_van_elke_organisatie(client, reactie_b, secretaris, org_b):
    ingelogd(client, secretaris)
    overzicht = client.get(reverse("notificaties:werklast"))
    assert overzicht.status_code == 200
    assert "SVB" in overzicht.content.decode()
    per_org = client.get(reverse("notificaties:werklast_organisatie", args=[org_b.pk]))
    assert per_org.status_code == 200


@pytest.mark.django_db
def test_ministerie_heeft_geen_werklast(client, ministerie_gebruiker, org_a):
    ingelogd(client, ministerie_gebruiker)
    assert client.get(reverse("notificaties:werklast")).status_code == 403
    assert (
        client.get(reverse("notificaties:werklast_organisatie", args=[org_a.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_secretaris_ziet_wie_achterloopt(client, open_consultatie, secretaris, klok):
    klok(open_consultatie.termijn - timedelta(days=1))
    ingelogd(client, secretaris)
    for url in (
        reverse("notificaties:achterstand"),
        reverse("notificaties:achterstand_consultatie", args=[open_consultatie.pk]),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        inhoud = antwoord.content.decode()
        assert "UWV" in inhoud and "SVB" in inhoud
        assert "Nog 2 werkdagen of minder" in inhoud


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_a", "ministerie_gebruiker"])
def test_achterstand_is_alleen_voor_de_secretaris(client, open_consultatie, request, wie):
    ingelogd(client, request.getfixturevalue(wie))
    assert client.get(reverse("notificaties:achterstand")).status_code == 403
    assert (
        client.get(
            reverse("notificaties:achterstand_consultatie", args=[open_consultatie.pk])
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_achterstand_van_onzichtbare_consultatie_geeft_404(
    client, open_consultatie, derde_org_opsteller
):
    antwoord = ingelogd(client, derde_org_opsteller).get(
        reverse("notificaties:achterstand_consultatie", args=[open_consultatie.pk])
    )
    assert antwoord.status_code == 404


# --- extension request pages ------------------------------------------------------------


@pytest.mark.django_db
def test_opsteller_vraagt_verlenging_aan_via_de_pagina(client, reactie_a, opsteller_a):
    ingelogd(client, opsteller_a)
    url = reverse("notificaties:verlenging_aanvragen", args=[reactie_a.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"reden": REDEN})
    assert antwoord.status_code == 302
    assert reactie_a.verlengingsverzoeken.get().reden == REDEN


@pytest.mark.django_db
def test_verlenging_zonder_reden_geeft_400(client, reactie_a, opsteller_a):
    url = reverse("notificaties:verlenging_aanvragen", args=[reactie_a.pk])
    assert ingelogd(client, opsteller_a).post(url, {"reden": ""}).status_code == 400


@pytest.mark.django_db
def test_tweede_verzoek_via_de_pagina_geeft_409(client, verzoek, reactie_a, accordeerder_a):
    url = reverse("notificaties:verlenging_aanvragen", args=[reactie_a.pk])
    assert ingelogd(client, accordeerder_a).post(url, {"reden": REDEN}).status_code == 409


@pytest.mark.django_db
def test_verlenging_voor_andere_organisatie_geeft_404(client, reactie_a, opsteller_b):
    url = reverse("notificaties:verlenging_aanvragen", args=[reactie_a.pk])
    assert ingelogd(client, opsteller_b).get(url).status_code == 404
    assert client.post(url, {"reden": REDEN}).status_code == 404


@pytest.mark.django_db
def test_secretaris_vraagt_geen_verlenging_aan(client, reactie_a, secretaris):
    url = reverse("notificaties:verlenging_aanvragen", args=[reactie_a.pk])
    assert ingelogd(client, secretaris).get(url).status_code == 403


@pytest.mark.django_db
def test_ministerie_ziet_geen_verzoeken(client, verzoek, ministerie_gebruiker):
    ingelogd(client, ministerie_gebruiker)
    assert client.get(reverse("notificaties:verlengingen")).status_code == 403
    assert client.get(reverse("notificaties:verlenging", args=[verzoek.pk])).status_code == 404


@pytest.mark.django_db
def test_verzoek_van_andere_organisatie_geeft_404(client, verzoek, opsteller_b):
    ingelogd(client, opsteller_b)
    assert client.get(reverse("notificaties:verlenging", args=[verzoek.pk])).status_code == 404
    assert "Bestuurder" not in client.get(reverse("notificaties:verlengingen")).content.decode()


@pytest.mark.django_db
def test_secretaris_kent_toe_via_de_pagina(client, verzoek, reactie_a, secretaris):
    ingelogd(client, secretaris)
    assert client.get(reverse("notificaties:verlengingen")).status_code == 200
    detail = client.get(reverse("notificaties:verlenging", args=[verzoek.pk]))
    assert "Verlenging toekennen" in detail.content.decode()
    nieuw = reactie_a.effectieve_termijn + timedelta(days=5)
    lokaal = nieuw.astimezone(reactie_a.effectieve_termijn.tzinfo)
    from django.utils import timezone

    lokaal = timezone.localtime(nieuw).replace(second=0, microsecond=0)
    antwoord = client.post(
        reverse("notificaties:verlenging_toekennen", args=[verzoek.pk]),
        {"termijn": lokaal.strftime("%Y-%m-%dT%H:%M")},
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    reactie_a.refresh_from_db()
    assert verzoek.status == VerzoekStatus.TOEGEKEND
    assert reactie_a.termijn_verlengd_tot == lokaal


@pytest.mark.django_db
def test_afwijzen_zonder_reden_geeft_400_en_tweede_besluit_409(client, verzoek, secretaris):
    ingelogd(client, secretaris)
    url = reverse("notificaties:verlenging_afwijzen", args=[verzoek.pk])
    assert client.post(url, {"toelichting": ""}).status_code == 400
    assert client.post(url, {"toelichting": "Nee.", "bevestigd": "1"}).status_code == 302
    assert client.post(url, {"toelichting": "Nogmaals nee.", "bevestigd": "1"}).status_code == 409


@pytest.mark.django_db
def test_organisatie_kan_eigen_verzoek_niet_toekennen_via_de_pagina(
    client, verzoek, reactie_a, accordeerder_a
):
    ingelogd(client, accordeerder_a)
    detail = client.get(reverse("notificaties:verlenging", args=[verzoek.pk]))
    assert detail.status_code == 200
    assert "Verlenging toekennen" not in detail.content.decode()
    antwoord = client.post(
        reverse("notificaties:verlenging_toekennen", args=[verzoek.pk]),
        {"termijn": "2099-01-01T12:00"},
    )
    assert antwoord.status_code == 403


# --- failed e-mails ---------------------------------------------------------------------


@pytest.mark.django_db
def test_secretaris_ziet_mislukte_e_mails(client, mislukte_email, secretaris):
    antwoord = ingelogd(client, secretaris).get(reverse("notificaties:emails_mislukt"))
    assert antwoord.status_code == 200
    assert "SMTPException: 421" in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_a", "ministerie_gebruiker"])
def test_mislukte_e_mails_alleen_voor_de_secretaris(client, mislukte_email, request, wie):
    ingelogd(client, request.getfixturevalue(wie))
    assert client.get(reverse("notificaties:emails_mislukt")).status_code == 403
    url = reverse("notificaties:email_opnieuw", args=[mislukte_email.pk])
    assert client.post(url).status_code == 403


@pytest.mark.django_db
def test_secretaris_zet_mislukte_e_mail_opnieuw_klaar(client, mislukte_email, secretaris, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    url = reverse("notificaties:email_opnieuw", args=[mislukte_email.pk])
    assert ingelogd(client, secretaris).post(url).status_code == 302
    mislukte_email.refresh_from_db()
    assert mislukte_email.status == EmailStatus.WACHTRIJ


@pytest.mark.django_db
def test_openen_gaat_naar_de_link_en_markeert_gelezen(client, opsteller_a, reactie_a):
    eigen = Notificatie.objects.create(
        ontvanger=opsteller_a,
        soort="x",
        onderwerp="a",
        tekst="t",
        link=f"/reacties/{reactie_a.pk}/",
    )
    antwoord = ingelogd(client, opsteller_a).post(
        reverse("notificaties:gelezen", args=[eigen.pk]), {"openen": "1"}
    )
    assert antwoord["Location"] == f"/reacties/{reactie_a.pk}/"
    eigen.refresh_from_db()
    assert eigen.gelezen_op is not None


@pytest.mark.django_db
def test_openen_volgt_geen_externe_link(client, opsteller_a):
    eigen = Notificatie.objects.create(
        ontvanger=opsteller_a, soort="x", onderwerp="a", tekst="t", link="https://kwaad.example/"
    )
    antwoord = ingelogd(client, opsteller_a).post(
        reverse("notificaties:gelezen", args=[eigen.pk]), {"openen": "1"}
    )
    assert antwoord["Location"] == reverse("notificaties:lijst")


@pytest.mark.django_db
def test_tellerpartial_toont_het_aantal_ongelezen(opsteller_a):
    from django.template.loader import render_to_string

    Notificatie.objects.create(ontvanger=opsteller_a, soort="x", onderwerp="a", tekst="t")
    verzoek = RequestFactory().get("/")
    verzoek.user = opsteller_a
    html = render_to_string(
        "notificaties/_teller.html", {"user": opsteller_a, **notificaties_context(verzoek)}
    )
    assert "(1" in html and "ongelezen" in html

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from consultaties import services as consultatie_services
from notificaties import services, tasks
from notificaties.models import Email, EmailStatus, Notificatie
from rapporten.models import Rapport
from reacties import services as reactie_services
from tests import factories


class KapotteMailserver(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available")


def html_deel(bericht) -> str:
    (inhoud, soort), *_ = bericht.alternatives
    assert soort == "text/html"
    return inhoud


@pytest.fixture
def kapot(settings):
    settings.EMAIL_BACKEND = "tests.notificaties.test_emails.KapotteMailserver"


@pytest.fixture
def uitnodiging_verstuurd(secretaris, ministerie, org_a, opsteller_a, accordeerder_a, na_commit):
    mail.outbox.clear()
    return na_commit(
        factories.consultatie,
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        titel="Wet <script>alert(1)</script> & meer",
    )


@pytest.mark.django_db
def test_uitnodiging_gaat_naar_alle_medewerkers_in_tekst_en_html(
    uitnodiging_verstuurd, opsteller_a, accordeerder_a
):
    assert sorted(b.to[0] for b in mail.outbox) == sorted([opsteller_a.email, accordeerder_a.email])
    bericht = mail.outbox[0]
    assert bericht.subject.startswith("Uitnodiging uitvoeringstoets")
    assert "is uitgenodigd een uitvoeringstoets te geven" in bericht.body
    assert "De termijn sluit op" in bericht.body
    html = html_deel(bericht)
    assert "is uitgenodigd een uitvoeringstoets te geven" in html
    # User text is escaped in HTML, kept as typed in plain text.
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<script>alert(1)</script>" in bericht.body


@pytest.mark.django_db
def test_e_mail_wordt_ook_als_notificatie_in_de_app_bewaard(uitnodiging_verstuurd, opsteller_a):
    notificatie = Notificatie.objects.get(ontvanger=opsteller_a, soort="uitnodiging")
    assert notificatie.gemaild_op is not None
    assert notificatie.email.status == EmailStatus.VERZONDEN


@pytest.mark.django_db
def test_nieuwe_conceptversie_wordt_gemeld(
    uitnodiging_verstuurd, secretaris, opsteller_a, na_commit
):
    mail.outbox.clear()
    na_commit(
        consultatie_services.consultatie_document_toevoegen,
        consultatie=uitnodiging_verstuurd,
        actor=secretaris,
        bestand=factories.pdf_upload(),
        titel="Tweede concept",
    )
    bericht = next(b for b in mail.outbox if opsteller_a.email in b.to)
    assert "nieuwe versie van de conceptregeling" in bericht.body
    assert "Tweede concept (versie 2)" in html_deel(bericht)


@pytest.mark.django_db
def test_teruggestuurd_met_toelichting_in_beide_delen(
    reactie_a_ter_accordering, accordeerder_a2, secretaris, opsteller_a, na_commit
):
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )
    mail.outbox.clear()
    na_commit(
        reactie_services.reactie_terugsturen,
        reactie=reactie,
        actor=secretaris,
        toelichting="Kosten ontbreken per jaar.",
    )
    bericht = next(b for b in mail.outbox if opsteller_a.email in b.to)
    assert "teruggestuurd" in bericht.subject
    assert "Kosten ontbreken per jaar." in bericht.body
    assert "Kosten ontbreken per jaar." in html_deel(bericht)


@pytest.mark.django_db
def test_afgekeurd_met_toelichting(reactie_a_ter_accordering, accordeerder_a2, na_commit):
    mail.outbox.clear()
    na_commit(
        reactie_services.reactie_afkeuren,
        reactie=reactie_a_ter_accordering,
        actor=accordeerder_a2,
        toelichting="Eindoordeel te stellig.",
    )
    assert mail.outbox
    assert all("Eindoordeel te stellig." in b.body for b in mail.outbox)


@pytest.mark.django_db
def test_indienen_wordt_gemeld_aan_de_secretaris(
    reactie_a_ter_accordering, accordeerder_a2, secretaris, na_commit
):
    mail.outbox.clear()
    na_commit(
        reactie_services.reactie_indienen, reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )
    assert [b.to for b in mail.outbox] == [[secretaris.email]]
    assert "is ingediend" in mail.outbox[0].body


@pytest.mark.django_db
def test_verzonden_position_paper_wordt_gemeld_aan_het_ministerie(
    open_consultatie, ministerie_gebruiker, na_commit
):
    rapport = Rapport.objects.create(consultatie=open_consultatie, versie=3)
    mail.outbox.clear()
    na_commit(tasks.rapport_verzonden.enqueue, rapport_id=rapport.pk)
    assert [b.to for b in mail.outbox] == [[ministerie_gebruiker.email]]
    bericht = mail.outbox[0]
    assert "Position paper ontvangen" in bericht.subject
    assert "versie 3" in bericht.body
    assert "ontvangst bevestigen" in html_deel(bericht)
    assert f"/rapporten/{rapport.pk}/" in bericht.body


# --- failures and retries ---------------------------------------------------------------


def een_email(opsteller):
    (notificatie,) = services.verstuur([opsteller], "reactie_verlopen", context_verlopen(opsteller))
    return notificatie.email


def context_verlopen(opsteller):
    from reacties.models import Reactie

    reactie = Reactie.objects.filter(organisatie=opsteller.organisatie).first()
    return {"reactie": reactie, "consultatie": reactie.consultatie}


@pytest.mark.django_db
def test_mislukte_e_mail_wordt_vastgelegd_en_later_opnieuw_geprobeerd(
    reactie_a, opsteller_a, kapot, settings, na_commit, klok
):
    klok(timezone.now())
    mail.outbox.clear()
    email = na_commit(een_email, opsteller_a)
    email.refresh_from_db()
    assert email.status == EmailStatus.MISLUKT
    assert email.pogingen == 1
    assert "421" in email.laatste_fout
    assert email.volgende_poging_op == timezone.now() + timedelta(minutes=1)

    # Before the backoff has passed nothing happens; after it, the job retries.
    assert na_commit(services.emails_opnieuw_inplannen) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    klok(timezone.now() + timedelta(minutes=1))
    assert na_commit(services.emails_opnieuw_inplannen) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.VERZONDEN
    assert email.pogingen == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_na_het_maximum_aantal_pogingen_wordt_opgegeven(
    reactie_a, opsteller_a, kapot, na_commit, klok
):
    klok(timezone.now())
    email = na_commit(een_email, opsteller_a)
    for _ in range(Email.MAX_POGINGEN + 2):
        klok(timezone.now() + timedelta(hours=5))
        na_commit(services.emails_opnieuw_inplannen)
    email.refresh_from_db()
    assert email.status == EmailStatus.OPGEGEVEN
    assert email.pogingen == Email.MAX_POGINGEN
    assert email.volgende_poging_op is None


@pytest.mark.django_db
def test_dubbele_taak_verstuurt_de_e_mail_eenmaal(reactie_a, opsteller_a, na_commit):
    mail.outbox.clear()
    email = na_commit(een_email, opsteller_a)
    assert len(mail.outbox) == 1
    assert services.email_versturen(email.pk) is False
    tasks.email_versturen.enqueue(email_id=email.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_secretaris_kan_opgegeven_e_mail_opnieuw_versturen(
    reactie_a, opsteller_a, secretaris, kapot, settings, na_commit
):
    email = na_commit(een_email, opsteller_a)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    na_commit(services.email_opnieuw_proberen, email=email, actor=secretaris)
    email.refresh_from_db()
    assert email.status == EmailStatus.VERZONDEN
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_alleen_de_secretaris_mag_een_e_mail_opnieuw_versturen(
    reactie_a, opsteller_a, kapot, na_commit
):
    from django.core.exceptions import PermissionDenied

    email = na_commit(een_email, opsteller_a)
    with pytest.raises(PermissionDenied):
        services.email_opnieuw_proberen(email=email, actor=opsteller_a)


@pytest.mark.django_db
def test_trage_mailserver_vertraagt_de_pagina_niet(reactie_a, opsteller_a, settings, na_commit):
    """Without a worker nothing is sent inside the request: the e-mail waits in the queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    mail.outbox.clear()
    email = na_commit(een_email, opsteller_a)
    assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == EmailStatus.WACHTRIJ


@pytest.mark.django_db
def test_e_mail_van_een_verdwenen_worker_wordt_opnieuw_verstuurd(
    reactie_a, opsteller_a, kapot, settings, na_commit, klok
):
    """A worker killed mid-send leaves the row 'bezig': after BEZIG_VERLOOPT_NA it counts as
    a failed attempt and goes out again (the same problem as a paper job, see
    tests/rapporten/test_vastgelopen.py)."""
    klok(timezone.now())
    email = na_commit(een_email, opsteller_a)
    Email.objects.filter(pk=email.pk).update(status=EmailStatus.BEZIG, bijgewerkt_op=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert na_commit(services.emails_opnieuw_inplannen) == 0  # maybe still sending
    klok(timezone.now() + services.BEZIG_VERLOOPT_NA + timedelta(seconds=1))
    na_commit(services.emails_opnieuw_inplannen)  # bezig → mislukt, due now
    email.refresh_from_db()
    assert email.status == EmailStatus.MISLUKT
    assert "worker gestopt" in email.laatste_fout
    assert na_commit(services.emails_opnieuw_inplannen) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.VERZONDEN
    assert len(mail.outbox) == 1

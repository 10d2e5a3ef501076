"""Background jobs (Django Tasks API, database backend; run by ``manage.py db_worker``).

Domain services enqueue these after commit, so a page never waits for a mail server.
Each task composes the notifications of one event; every e-mail is then its own
``email_versturen`` task, so one failing address is retried on its own.
"""

from django.urls import NoReverseMatch, reverse
from django_tasks import task

from consultaties.models import Consultatie, Document
from reacties.models import Reactie
from termijnen.models import Verlengingsverzoek

from . import bewaking, services


def _pad(naam: str, pk: int, terugval: str) -> str:
    try:
        return reverse(naam, args=[pk])
    except NoReverseMatch:
        return terugval


@task()
def email_versturen(email_id: int):
    return services.email_versturen(email_id)


@task()
def termijnen_verwerken():
    """The deadline job as a task, for deployments that schedule tasks rather than cron."""
    return bewaking.verwerk_termijnen()


@task()
def uitnodigingen_versturen(reactie_ids: list[int]):
    reacties = Reactie.objects.filter(pk__in=reactie_ids).select_related(
        "consultatie", "consultatie__ministerie", "organisatie"
    )
    for reactie in reacties:
        services.verstuur(
            services.medewerkers(reactie.organisatie_id),
            "uitnodiging",
            {"reactie": reactie, "consultatie": reactie.consultatie},
            link=reverse("reacties:detail", args=[reactie.pk]),
        )


@task()
def nieuw_document(document_id: int):
    document = Document.objects.select_related("consultatie").get(pk=document_id)
    for reactie in document.consultatie.reacties.lopend().select_related("organisatie"):
        services.verstuur(
            services.medewerkers(reactie.organisatie_id),
            "nieuw_document",
            {"document": document, "consultatie": document.consultatie, "reactie": reactie},
            link=reverse("consultaties:detail", args=[document.consultatie_id]),
        )


#: Who hears of which event on a response.
_ONTVANGERS = {
    "ter_accordering": lambda r: services.medewerkers(r.organisatie_id, rollen=["accordeerder"]),
    "afgekeurd": lambda r: services.medewerkers(r.organisatie_id),
    "teruggestuurd": lambda r: services.medewerkers(r.organisatie_id),
    "ingediend": lambda r: services.secretarissen(),
    "afgezien": lambda r: services.secretarissen(),
    "verlopen": lambda r: services.medewerkers(r.organisatie_id),
}


@task()
def reactie_gebeurtenis(reactie_id: int, gebeurtenis: str, toelichting: str = ""):
    reactie = Reactie.objects.select_related("consultatie", "organisatie").get(pk=reactie_id)
    services.verstuur(
        _ONTVANGERS[gebeurtenis](reactie),
        f"reactie_{gebeurtenis}",
        {"reactie": reactie, "consultatie": reactie.consultatie, "toelichting": toelichting},
        link=reverse("reacties:detail", args=[reactie.pk]),
    )


@task()
def reactie_verlopen_melden(reactie_id: int):
    reactie_gebeurtenis.call(reactie_id=reactie_id, gebeurtenis="verlopen")


@task()
def consultatie_gesloten_melden(consultatie_id: int):
    consultatie = Consultatie.objects.get(pk=consultatie_id)
    services.verstuur(
        services.secretarissen(),
        "consultatie_gesloten",
        {
            "consultatie": consultatie,
            "ingediend": consultatie.reacties.filter(status__in=["ingediend", "geaccepteerd"])
            .select_related("organisatie")
            .order_by("organisatie__naam"),
            "verlopen": consultatie.reacties.filter(status="verlopen")
            .select_related("organisatie")
            .order_by("organisatie__naam"),
        },
        link=reverse("consultaties:detail", args=[consultatie.pk]),
    )


@task()
def rapport_verzonden(rapport_id: int):
    """The paper was sent: tell the requesting ministry's staff (and the secretariaat)."""
    from rapporten.models import Rapport

    rapport = Rapport.objects.select_related("consultatie", "consultatie__ministerie").get(
        pk=rapport_id
    )
    consultatie = rapport.consultatie
    link = _pad("rapporten:detail", rapport.pk, f"/rapporten/{rapport.pk}/")
    context = {"rapport": rapport, "consultatie": consultatie}
    services.verstuur(
        services.ministerie_medewerkers(consultatie.ministerie_id),
        "rapport_verzonden",
        context,
        link=link,
    )


@task()
def verlenging_gebeurtenis(verzoek_id: int, gebeurtenis: str):
    verzoek = Verlengingsverzoek.objects.select_related(
        "reactie", "reactie__consultatie", "reactie__organisatie", "aangevraagd_door"
    ).get(pk=verzoek_id)
    reactie = verzoek.reactie
    if gebeurtenis == "aangevraagd":
        ontvangers = services.secretarissen()
        link = reverse("notificaties:verlenging", args=[verzoek.pk])
    else:
        ontvangers = services.medewerkers(reactie.organisatie_id)
        link = reverse("reacties:detail", args=[reactie.pk])
    services.verstuur(
        ontvangers,
        f"verlenging_{gebeurtenis}",
        {"verzoek": verzoek, "reactie": reactie, "consultatie": reactie.consultatie},
        link=link,
    )


#: What the security e-mail says happened to the account.
_ACCOUNT_WIJZIGINGEN = {
    "tweede_factor_ingesteld": "Er is een tweede factor (authenticator-app) gekoppeld aan uw "
    "account.",
    "tweede_factor_vervangen": "De tweede factor van uw account is vervangen door een nieuwe "
    "authenticator-app.",
    "tweede_factor_verwijderd": "De tweede factor van uw account is verwijderd.",
    "tweede_factor_hersteld": "Het secretariaat heeft de tweede factor van uw account "
    "verwijderd (herstel). Bij de volgende inlog stelt u een nieuwe in.",
    "wachtwoord_gewijzigd": "Het wachtwoord van uw account is gewijzigd.",
}


@task()
def account_gebeurtenis_melden(gebruiker_id: int, gebeurtenis: str):
    """Tell the user about a change to his account's security (ASVS 2.5.5 / 3.3)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from organisaties.models import Gebruiker

    gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
    if gebeurtenis == "account_aangemaakt":
        uid = urlsafe_base64_encode(force_bytes(gebruiker.pk))
        token = default_token_generator.make_token(gebruiker)
        link = reverse("password_reset_confirm", args=[uid, token])
        services.verstuur([gebruiker], "account_aangemaakt", {"gebruiker": gebruiker}, link=link)
        return
    services.verstuur(
        [gebruiker],
        "account_beveiliging",
        {"gebruiker": gebruiker, "wat": _ACCOUNT_WIJZIGINGEN[gebeurtenis]},
    )

"""Composing and sending notifications: one in-app message per recipient plus an e-mail
rendered from ``templates/notificaties/<soort>.txt`` and ``.html``."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from organisaties.models import Gebruiker, Rol

from .models import Notificatie


def medewerkers(organisatie_id, rollen=(Rol.OPSTELLER, Rol.ACCORDEERDER)):
    return Gebruiker.objects.filter(organisatie_id=organisatie_id, rol__in=rollen, is_active=True)


def secretarissen():
    return Gebruiker.objects.filter(rol=Rol.SECRETARIS, is_active=True)


def verstuur(ontvangers, soort: str, context: dict, link: str = "") -> list[Notificatie]:
    """Create an in-app notification and send an e-mail to each recipient."""
    context = {**context, "site_url": settings.SITE_URL, "link": link}
    onderwerp = render_to_string(f"notificaties/{soort}_onderwerp.txt", context).strip()
    tekst = render_to_string(f"notificaties/{soort}.txt", context)
    html = render_to_string(f"notificaties/{soort}.html", context)
    verstuurd = []
    for ontvanger in ontvangers:
        notificatie = Notificatie.objects.create(
            ontvanger=ontvanger, soort=soort, onderwerp=onderwerp, tekst=tekst, link=link
        )
        if ontvanger.email:
            bericht = EmailMultiAlternatives(onderwerp, tekst, to=[ontvanger.email])
            bericht.attach_alternative(html, "text/html")
            bericht.send()
            notificatie.gemaild_op = timezone.now()
            notificatie.save(update_fields=["gemaild_op"])
        verstuurd.append(notificatie)
    return verstuurd

"""Configure single sign-on (OpenID Connect) for one organisation from its provider's
discovery document: ``manage.py sso_instellen UWV --issuer https://login.uwv.nl
--client-id tegenkracht --naam "UWV-account"`` (the client secret from the environment
variable OIDC_CLIENT_SECRET, so it stays out of the shell history). ``--uit`` switches it
off again: the organisation's people then log in with a password (and second factor)."""

import os

from django.core.management.base import BaseCommand, CommandError

from organisaties.models import Identiteitsprovider, Organisatie
from organisaties.sso import sso_configureren


class Command(BaseCommand):
    help = "Stel inloggen via de eigen organisatie (OpenID Connect) in voor een organisatie."

    def add_arguments(self, parser):
        parser.add_argument("afkorting")
        parser.add_argument("--issuer")
        parser.add_argument("--client-id")
        parser.add_argument("--naam", help="Hoe gebruikers de provider kennen.")
        parser.add_argument("--scopes", default="openid email profile")
        parser.add_argument("--uit", action="store_true", help="Zet inloggen via SSO uit.")

    def handle(self, *args, **opties):
        try:
            organisatie = Organisatie.objects.get(afkorting__iexact=opties["afkorting"])
        except Organisatie.DoesNotExist as fout:
            raise CommandError(f"Onbekende organisatie {opties['afkorting']}.") from fout
        if opties["uit"]:
            Identiteitsprovider.objects.filter(organisatie=organisatie).update(actief=False)
            self.stdout.write(f"SSO uit voor {organisatie.afkorting}.")
            return
        if not (opties["issuer"] and opties["client_id"]):
            raise CommandError("Geef --issuer en --client-id (en OIDC_CLIENT_SECRET).")
        geheim = os.environ.get("OIDC_CLIENT_SECRET", "")
        if not geheim:
            raise CommandError("Zet het client secret in de omgevingsvariabele OIDC_CLIENT_SECRET.")
        try:
            provider = sso_configureren(
                organisatie,
                issuer=opties["issuer"],
                client_id=opties["client_id"],
                client_secret=geheim,
                naam=opties["naam"] or organisatie.afkorting,
                scopes=opties["scopes"],
            )
        except (OSError, ValueError, KeyError) as fout:
            raise CommandError(f"Discovery mislukt: {fout}") from fout
        self.stdout.write(f"SSO aan voor {organisatie.afkorting} via {provider.issuer}.")

from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "notificaties"
    verbose_name = "Notificaties"

    def ready(self):
        from kern import startpagina
        from organisaties.permissions import is_secretaris

        from . import abonnementen, werkvoorraad

        abonnementen.registreer()
        startpagina.registreer(
            startpagina.Sectie(
                naam="werkvoorraad",
                template="notificaties/_werkvoorraad.html",
                voor=is_secretaris,
                context=lambda request: werkvoorraad.werkvoorraad(),
            )
        )

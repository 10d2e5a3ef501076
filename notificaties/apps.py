from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "notificaties"
    verbose_name = "Notificaties"

    def ready(self):
        from . import abonnementen

        abonnementen.registreer()

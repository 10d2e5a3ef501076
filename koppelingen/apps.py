from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    name = "koppelingen"
    verbose_name = "Koppelingen (webhooks)"

    def ready(self):
        from . import abonnees

        abonnees.registreer()

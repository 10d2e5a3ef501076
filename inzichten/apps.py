from django.apps import AppConfig


class InzichtenConfig(AppConfig):
    name = "inzichten"
    verbose_name = "Inzichten"

    def ready(self):
        from kern.gebeurtenissen import abonneer

        from . import services

        # The default period's figures counted ahead of their expiry, by the deadline job.
        abonneer("bewaking.elke_minuut", services.elke_minuut)

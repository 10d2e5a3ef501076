from django.apps import AppConfig


class ReactiesConfig(AppConfig):
    name = "reacties"
    verbose_name = "Reacties (uitvoeringstoetsen)"

    def ready(self):
        from kern.gebeurtenissen import abonneer

        from . import services

        # Closing a consultation lets its responses not submitted expire, in the same
        # transaction (consultaties does not import reacties).
        abonneer("consultatie.gesloten", services.laat_lopende_reacties_verlopen)

from django.apps import AppConfig


class RapportenConfig(AppConfig):
    name = "rapporten"
    verbose_name = "Position papers"

    def ready(self):
        from consultaties.models import PAPERREGELS

        from . import regels

        # The consultation's transitions ask the paper's rules (see rapporten.regels).
        PAPERREGELS.heeft_definitief_rapport = regels.heeft_definitief_rapport
        PAPERREGELS.verwerking_compleet = regels.verwerking_compleet
        PAPERREGELS.met_verwerkingsstand = regels.met_verwerkingsstand

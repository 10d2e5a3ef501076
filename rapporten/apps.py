from django.apps import AppConfig


class RapportenConfig(AppConfig):
    name = "rapporten"
    verbose_name = "Position papers"

    def ready(self):
        from consultaties.models import PAPERREGELS
        from kern import paginas
        from reacties.services.hertoets import VORIGE_PAPER

        from . import hertoets, regels, snapshot
        from . import paginas as rapport_paginas

        # The consultation's transitions ask the paper's rules (see rapporten.regels).
        PAPERREGELS.heeft_definitief_rapport = regels.heeft_definitief_rapport
        PAPERREGELS.verwerking_compleet = regels.verwerking_compleet
        PAPERREGELS.met_verwerkingsstand = regels.met_verwerkingsstand

        # A hertoets reads the earlier sent paper (see rapporten.hertoets).
        VORIGE_PAPER.eerdere_kernpunten = hertoets.eerdere_kernpunten
        VORIGE_PAPER.vergelijk_met_vorige_toets = snapshot.vergelijk_met_vorige_toets

        # The paper's versions on the consultation page, the export on its kernpunten page,
        # the papers sent on the ministry's start page.
        paginas.draag_bij("consultaties:detail", "rapporten", rapport_paginas.consultatiepagina)
        paginas.draag_bij("consultaties:kernpunten", "rapporten", rapport_paginas.kernpuntenpagina)
        paginas.draag_bij("consultaties:dashboard", "rapporten", rapport_paginas.startpagina)

from django.apps import AppConfig


class ReactiesConfig(AppConfig):
    name = "reacties"
    verbose_name = "Reacties (uitvoeringstoetsen)"

    def ready(self):
        from kern import paginas
        from kern.gebeurtenissen import abonneer

        from . import paginas as reactie_paginas
        from . import services

        # Closing a consultation lets its responses not submitted expire, in the same
        # transaction (consultaties does not import reacties).
        abonneer("consultatie.gesloten", services.laat_lopende_reacties_verlopen)
        # Inviting an organisation gives it a response, in the same transaction.
        abonneer("consultatie.organisaties_uitgenodigd", services.reacties_voor_uitnodiging)

        # The invited organisations on the consultation page, its kernpunten on a page of
        # their own, the inbox on the start page.
        paginas.draag_bij("consultaties:detail", "reacties", reactie_paginas.consultatiepagina)
        paginas.draag_bij("consultaties:kernpunten", "reacties", reactie_paginas.kernpuntenpagina)
        paginas.draag_bij("consultaties:dashboard", "reacties", reactie_paginas.startpagina)

from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "organisaties"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from .inlogplafond import registreer_mislukking
        from .sessies import markeer_inlog

        user_logged_in.connect(markeer_inlog, dispatch_uid="organisaties.markeer_inlog")
        user_login_failed.connect(registreer_mislukking, dispatch_uid="organisaties.plafond")

from django.apps import AppConfig


def _account_gebeurtenis(sender, gebeurtenis, gebruiker_id, context, **kwargs):
    from . import tasks

    tasks.account_gebeurtenis_melden.enqueue(gebruiker_id=gebruiker_id, gebeurtenis=gebeurtenis)


class NotificatiesConfig(AppConfig):
    name = "notificaties"
    verbose_name = "Notificaties"

    def ready(self):
        # organisaties publishes account events (already after commit); it may not import
        # this app, so we subscribe here.
        from organisaties.gebeurtenissen import account_gebeurtenis

        account_gebeurtenis.connect(_account_gebeurtenis, dispatch_uid="notificaties.account")

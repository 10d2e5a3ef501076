from django.apps import AppConfig


class ConsultatiesConfig(AppConfig):
    name = "consultaties"
    verbose_name = "Consultaties"

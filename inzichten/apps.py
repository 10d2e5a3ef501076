from django.apps import AppConfig


class InzichtenConfig(AppConfig):
    name = "inzichten"
    verbose_name = "Inzichten"

from django.apps import AppConfig


class RapportenConfig(AppConfig):
    name = "rapporten"
    verbose_name = "Position papers"

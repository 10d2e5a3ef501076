from django.apps import AppConfig


class TermijnenConfig(AppConfig):
    name = "termijnen"
    verbose_name = "Termijnen"

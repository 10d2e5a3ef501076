from django.apps import AppConfig


class ThemasConfig(AppConfig):
    name = "themas"
    verbose_name = "Thema's"
    default_auto_field = "django.db.models.BigAutoField"

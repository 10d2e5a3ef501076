from django.apps import AppConfig


class OntwikkelingConfig(AppConfig):
    """Development tooling: the demo network (``manage.py demo``) and the load generator
    (``manage.py genereer_last``). Installed only with DEBUG, ONTWIKKELING=1 or under
    pytest (see settings), never in a production image."""

    name = "ontwikkeling"
    verbose_name = "Ontwikkeling (demo en last)"

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
application = get_asgi_application()

from tegenkracht.geheugen import bevries_opstartobjecten  # noqa: E402 - needs Django set up

bevries_opstartobjecten()

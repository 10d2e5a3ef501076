import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
application = get_wsgi_application()

from tegenkracht.geheugen import bevries_opstartobjecten  # noqa: E402 - needs Django set up

bevries_opstartobjecten()

"""The settings every test runs with: tasks run immediately, files go to a temporary
folder, hashing is fast. Per test (tests/conftest.py) or per module for a world that is
built once (tests/tegenkracht/test_api_autorisatie.py)."""

from django.conf import settings


def snelle_instellingen(bestanden) -> dict:
    return {
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": bestanden, "base_url": None},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": False,
        # Throttling and the second factor have their own tests; elsewhere they'd only get
        # in the way.
        "AXES_ENABLED": False,
        "TWEEDE_FACTOR_SECRETARIS": False,
        # A test's transaction never commits: remembered totals (kern.tellingen) get their
        # new version at once instead (tests/kern/test_tellingen.py checks the commit).
        "TELLINGEN_NA_COMMIT": False,
        # Figures computed on every request, so a test sees what it just changed; the
        # cache has its own tests (tests/inzichten/test_onthouden.py).
        "INZICHTEN_GELDIG_SECONDEN": 0,
    }

"""Settings for Tegenkracht: one module, driven by environment variables.

Development defaults are safe and need no set-up (SQLite under ``var/``). Production sets
at least ``SECRET_KEY``, ``DEBUG=0``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A known key lets anyone forge sessions, password-reset links and signed cookies:
        # never fall back to one in production.
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt. Zet de omgevingsvariabele SECRET_KEY op een lange "
            "willekeurige waarde (bijvoorbeeld: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), of DEBUG=1 voor ontwikkeling."
        )
    SECRET_KEY = "django-insecure-alleen-voor-ontwikkeling-niet-in-productie-gebruiken"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "audit",
    "organisaties",
    "consultaties",
    "reacties",
    "termijnen",
    "rapporten",
    "notificaties",
    "inzichten",
    "kennisbank",
    "koppelingen",
    "themas",
]
#: The demo network and the load generator (``ontwikkeling/``) are development tools: not
#: installed in production unless asked for with ONTWIKKELING=1. pytest sets PYTEST_VERSION.
ONTWIKKELING = env_bool("ONTWIKKELING", DEBUG or "PYTEST_VERSION" in os.environ)
if ONTWIKKELING:
    INSTALLED_APPS.append("ontwikkeling")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # API-Version header and problem details for every error under /api/v1.
    "tegenkracht.api.problemen.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static assets stay cacheable): no-store on every dynamic response.
    "tegenkracht.middleware.GeenCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tegenkracht.middleware.NederlandsTenzijGekozenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The user itself instead of the lazy wrappers above (cheaper on every read).
    "tegenkracht.middleware.GebruikerMiddleware",
    # Idle and absolute session timeouts, before anything acts on the logged-in user.
    "organisaties.sessies.SessieTijdMiddleware",
    "organisaties.tweede_factor.TweedeFactorMiddleware",
    "organisaties.inlogplafond.BekendApparaatMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tegenkracht.urls"
WSGI_APPLICATION = "tegenkracht.wsgi.application"

# Django's renderer, with selects written in Python (tegenkracht.formulieren).
FORM_RENDERER = "tegenkracht.formulieren.Renderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notificaties.context_processors.notificaties",
            ],
            # Display helpers for every app's templates (status badges, audit labels, NLDS
            # widgets): project wiring, so no app below the others has to import them all.
            "libraries": {
                "tegenkracht": "tegenkracht.templatetags.tegenkracht",
                # {% load i18n vertalen %}: Django's {% translate %}, a fixed text
                # translated once per language (tegenkracht/templatetags/vertalen.py).
                "vertalen": "tegenkracht.templatetags.vertalen",
            },
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tegenkracht.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Wait for a competing writer instead of failing at once; WAL lets readers go on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so the web server
        # and the background worker queue up instead of failing with "database is locked".
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, but on the counts of the
    # API lists it cost 100+ ms per request, more than the query itself (issue 19).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process and machine (the database): the API throttles count
# here, so their limit does not depend on the number of workers. The table is created by
# a migration (organisaties 0003), so `migrate` is all a fresh installation needs. It also
# holds the remembered totals of the responses list (kern.tellingen: a few hundred, one per
# visibility and status filter): room for them, so that they never make the cache cull
# (delete a third of its entries, throttles and login ceilings among them; Django's
# default is 300 entries).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tegenkracht_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTH_USER_MODEL = "organisaties.Gebruiker"
AUTHENTICATION_BACKENDS = [
    # Login throttling first: it refuses locked-out attempts before passwords are checked.
    "axes.backends.AxesStandaloneBackend",
    # Then the ceiling per account over all addresses (organisaties.inlogplafond).
    "organisaties.inlogplafond.InlogPlafondBackend",
    # Passwords, except for organisations that log in at their own identity provider.
    "organisaties.sso.WachtwoordBackend",
    # Single sign-on (OpenID Connect) per organisation: organisaties.sso.
    "organisaties.sso.SsoBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "consultaties:dashboard"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates read "30 November 2026, 15:39" (see tegenkracht/formats/en).
FORMAT_MODULE_PATH = ["tegenkracht.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded drafts, attachments and PDFs are private: there is no public media URL; files
# are served only through views that check visibility.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "bestanden"))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
if os.environ.get("S3_BUCKET"):
    # Several application servers share one object store (S3-compatible, e.g. MinIO or a
    # government cloud). Files stay private: they are streamed through our views only.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Quotas (ASVS 12.1.3): nobody fills the storage through one response or consultation.
MAX_BIJLAGEN_PER_REACTIE = int(os.environ.get("MAX_BIJLAGEN_PER_REACTIE", "20"))
MAX_BIJLAGEN_BYTES_PER_REACTIE = int(
    os.environ.get("MAX_BIJLAGEN_BYTES_PER_REACTIE", str(100 * 1024 * 1024))
)
MAX_DOCUMENTEN_PER_CONSULTATIE = int(os.environ.get("MAX_DOCUMENTEN_PER_CONSULTATIE", "50"))
# Optional malware scan of every upload (ASVS 12.4.2): the dotted path of a callable that
# takes the uploaded file and raises ValidationError (or returns a reason) for bad content,
# e.g. a small adapter to the organisation's ClamAV. Empty: no scan.
UPLOAD_VIRUSSCANNER = os.environ.get("UPLOAD_VIRUSSCANNER", "")
# DOCX and ODT are ZIP containers: limits against archive bombs (consultaties/uploads.py).
UPLOAD_ZIP_MAX_BESTANDEN = int(os.environ.get("UPLOAD_ZIP_MAX_BESTANDEN", "1000"))
UPLOAD_ZIP_MAX_UITGEPAKT = int(os.environ.get("UPLOAD_ZIP_MAX_UITGEPAKT", str(100 * 1024 * 1024)))
UPLOAD_ZIP_MAX_VERHOUDING = int(os.environ.get("UPLOAD_ZIP_MAX_VERHOUDING", "100"))

# The search (kennisbank) on PostgreSQL: its one statement is cancelled after this many
# milliseconds and the user asked to narrow the question; a safety net, the search itself
# takes a small fraction of it (benchmarks/RESULTS.md).
ZOEK_TIJDSLIMIET = int(os.environ.get("ZOEK_TIJDSLIMIET_MS", "3000"))

# A paper job whose worker vanished (killed, machine gone): no heartbeat for this many
# seconds while "bezig" (or this long unclaimed in the queue) marks it mislukt, so it can
# be retried. The worker beats every RAPPORT_HARTSLAG_SECONDEN while rendering.
RAPPORT_HARTSLAG_SECONDEN = int(os.environ.get("RAPPORT_HARTSLAG_SECONDEN", "15"))
RAPPORT_STIL_NA_SECONDEN = int(os.environ.get("RAPPORT_STIL_NA_SECONDEN", "300"))
# The insights (inzichten) count a period's consultations, responses and kernpunten: a
# year is 10,000 responses. Computed once per period and language, then read from the
# shared cache for this many seconds (0: computed on every request).
INZICHTEN_GELDIG_SECONDEN = int(os.environ.get("INZICHTEN_GELDIG_SECONDEN", "600"))
RAPPORT_WACHTRIJ_STIL_NA_SECONDEN = int(
    os.environ.get("RAPPORT_WACHTRIJ_STIL_NA_SECONDEN", str(60 * 60))
)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Tegenkracht <noreply@tegenkracht.example.nl>"
)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Webhooks (koppelingen/, docs/api.md): CloudEvents signed per subscription.
#: The CloudEvents ``source`` (NL GOV profile: a URN, e.g. urn:nld:oin:<OIN>:systeem:tegenkracht).
WEBHOOKS_BRON = os.environ.get("WEBHOOKS_BRON", "urn:nld:tegenkracht")
#: Hosts a subscription may post to (comma-separated; a name also allows its subdomains).
#: Empty: any host with a public address.
WEBHOOKS_TOEGESTANE_HOSTS = [
    h.strip() for h in os.environ.get("WEBHOOKS_TOEGESTANE_HOSTS", "").split(",") if h.strip()
]
#: Allow loopback and private addresses (development and tests only: SSRF).
WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = env_bool("WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN", DEBUG)
WEBHOOKS_TIMEOUT_SECONDEN = float(os.environ.get("WEBHOOKS_TIMEOUT_SECONDEN", "10"))
WEBHOOKS_MAX_POGINGEN = int(os.environ.get("WEBHOOKS_MAX_POGINGEN", "8"))
#: Backoff after the n-th failure: BACKOFF × 2^(n-1) seconds, at most BACKOFF_MAX.
WEBHOOKS_BACKOFF_SECONDEN = int(os.environ.get("WEBHOOKS_BACKOFF_SECONDEN", "60"))
WEBHOOKS_BACKOFF_MAX_SECONDEN = int(os.environ.get("WEBHOOKS_BACKOFF_MAX_SECONDEN", "21600"))
#: Delivered and given-up messages are kept this long in the log.
WEBHOOKS_LOG_DAGEN = int(os.environ.get("WEBHOOKS_LOG_DAGEN", "90"))

# Login throttling (django-axes): lock a username from an address after repeated failures.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_UUR", "0.25"))  # hours
# Per username *and* address: an attacker who knows the password and guesses codes locks
# out only himself; the owner logs in from elsewhere. Failures (wrong passwords and wrong
# second-factor codes alike) expire after the cool-off; a password that is right does not
# wipe them, or an attacker could alternate it with code guesses forever. The attempts
# live in axes' own database tables (AxesDatabaseHandler), shared by all processes.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["password", "code", "new_password1", "new_password2"]
# And per account from all addresses together (ASVS 2.2.1: at most 100 an hour), except
# from the owner's known browsers: organisaties.inlogplafond.
INLOG_PLAFOND_PER_UUR = int(os.environ.get("INLOG_PLAFOND_PER_UUR", "50"))
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

# Second factor (TOTP, django-otp): optional for every account, required for the
# secretaris role when TWEEDE_FACTOR_SECRETARIS is on (the production default).
OTP_TOTP_ISSUER = "Tegenkracht"
TWEEDE_FACTOR_SECRETARIS = env_bool("TWEEDE_FACTOR_SECRETARIS", not DEBUG)

# Invitations (organisaties.uitnodigingen): how long the single-use link works.
UITNODIGING_GELDIG_DAGEN = int(os.environ.get("UITNODIGING_GELDIG_DAGEN", "7"))

# Single sign-on per organisation (organisaties.sso, mozilla-django-oidc). The provider's
# endpoints and client are stored per organisation (`manage.py sso_instellen`); these are
# the same for all: PKCE, RS256-signed ID tokens checked against the provider's JWKS, and
# never an account made from a token (only from an invitation).
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_terug"
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
# django-otp's own throttle counts per device: an attacker's wrong codes would lock the
# owner out, doubling the wait without bound. Guessing is limited by django-axes instead,
# per username and address (above).
OTP_TOTP_THROTTLE_FACTOR = 0

# Content Security Policy (django-csp): no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Security headers; production values are the default, development relaxes them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Absolute session lifetime (from login) and idle timeout, both enforced server-side by
# organisaties.sessies.SessieTijdMiddleware.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSIE_MAX_UUR", "8")) * 60 * 60)
SESSIE_INACTIEF_MINUTEN = int(os.environ.get("SESSIE_INACTIEF_MINUTEN", "30"))
SESSION_COOKIE_SAMESITE = "Lax"

# The REST API (NL API Design Rules): camelCase JSON, problem details for errors, token
# authentication first so an anonymous client gets 401 with WWW-Authenticate.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "organisaties.api_authenticatie.TokenAuthenticatie",
        "organisaties.api_authenticatie.SessieAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["tegenkracht.api.renderers.JsonRenderer"],
    "DEFAULT_PARSER_CLASSES": ["tegenkracht.api.parsers.JsonParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "tegenkracht.api.filters.Sortering",
        "tegenkracht.api.filters.GewijzigdSinds",
        "tegenkracht.api.filters.BekendeParameters",
    ],
    "DEFAULT_PAGINATION_CLASS": "tegenkracht.api.paginering.Paginering",
    "ORDERING_PARAM": "sorteer",
    "EXCEPTION_HANDLER": "tegenkracht.api.problemen.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_THROTTLE", "20/minute")},
    "COERCE_DECIMAL_TO_STRING": False,
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# API tokens (django-rest-knox): stored as a SHA-512 hash, expiring, revocable. Sent as
# "Authorization: Token <token>", as before.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=float(os.environ.get("API_TOKEN_UUR", "10"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
# The API is included at "api/v1" without a slash (no trailing slashes anywhere), so its
# routes start with "/", which Django's URL check would otherwise flag.
SILENCED_SYSTEM_CHECKS = ["urls.W002"]
JSON_CAMEL_CASE = {
    "JSON_UNDERSCOREIZE": {
        "no_underscore_before_number": False,
        "ignore_fields": None,
        "ignore_keys": ("_links",),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tegenkracht API",
    "DESCRIPTION": (
        "Uitvoeringstoetsen van het Netwerk van Publieke Dienstverleners: consultaties, "
        "reacties, kernpunten, het gezamenlijke position paper (rapporten), inzichten en "
        "organisaties. Volgt de NL API Design Rules: geen slash aan "
        "het eind, camelCase, foutmeldingen als problem details (application/problem+json) "
        "en de header API-Version. Authenticatie: POST /api/v1/auth/token en daarna "
        "'Authorization: Token <token>'."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ConsultatieStatusEnum": "consultaties.models.Status",
        "ReactieStatusEnum": "reacties.models.Status",
        "DimensieEnum": "reacties.models.Dimensie",
        "SoortEnum": "organisaties.models.Soort",
        "KostenSoortEnum": "reacties.models.KostenSoort",
        "RapportStatusEnum": "rapporten.models.Status",
        "UitkomstEnum": "rapporten.models.Uitkomst",
        "HerbeoordelingEnum": "reacties.models.Herbeoordeling",
        "RapportToegestaneActiesEnum": "rapporten.api.ACTIES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "tegenkracht.api.schema.api_version_header",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

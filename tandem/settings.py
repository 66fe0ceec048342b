"""Tandem settings: one module, driven by environment variables.

SQLite is the embedded default; set DATABASE_URL for PostgreSQL.
"""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from tandem.database_settings import databases

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")
# Django's admin is for operators (superusers) and is not mounted unless asked for: an
# organisation's administrator uses Tandem's own pages (/administration/), which audit every
# change. Set DJANGO_ADMIN=1 to mount it at /admin/ (docs/security.md).
DJANGO_ADMIN = env_flag("DJANGO_ADMIN")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    # Django's admin, for operators (superusers) only; mounted at /admin/ only with DJANGO_ADMIN=1.
    "tandem.administration.apps.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Before django_tasks_db, so that `db_worker` is Tandem's (it recovers interrupted tasks).
    "tandem.worker",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tandem.accounts",
    "tandem.administration.apps.AdministrationConfig",
    "tandem.audit",
    "tandem.people",
    "tandem.plans",
    "tandem.budgets",
    "tandem.reviews",
    "tandem.worklist",
    "tandem.reminders",
    "tandem.documents",
    "tandem.records",
    "tandem.copies",
    "tandem.interop",
    "tandem.demo",
    "tandem.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: whether this request's reads may use the replica.
    "tandem.db_routing.ReadReplicaMiddleware",
    # Before anything that can write an audit event, so every event records where it came from.
    "tandem.audit.middleware.AuditAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (a session that ends says why on the sign-in page); the second factor is
    # asked for only of a session still running.
    "tandem.accounts.signin.middleware.SessionLimitsMiddleware",
    "tandem.accounts.signin.middleware.SecondFactorMiddleware",
    "tandem.accounts.signin.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into Tandem's locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tandem" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.context_processors.navigation",
            ],
        },
    },
]

DATABASES = databases(os.environ, base_dir=BASE_DIR)
# Reads from the replica when there is one, a user's own changes from the primary (read-your-
# writes): for this many seconds after a user changes something, their reads use the primary.
DATABASE_ROUTERS = ["tandem.db_routing.PrimaryReplicaRouter"]
READ_YOUR_WRITES_SECONDS = int(os.environ.get("READ_YOUR_WRITES_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "due": each person's due items, kept until their record changes (tandem/worklist/due.py). In
# each process's memory by default, at most DUE_CACHE_PEOPLE people (about 2 KB each); several
# servers may share one cache instead (docs/scaling.md) – its keys never go stale, only unused.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "due": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "due",
        "TIMEOUT": 26 * 60 * 60,  # a key holds the day: none is wanted the day after next
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DUE_CACHE_PEOPLE", "20000"))},
    },
}
# Tests: work out again every due item read from the cache and fail if it differs.
DUE_CACHE_CHECK = env_flag("DUE_CACHE_CHECK")

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Argon2 first; a password saved with an older hasher is rehashed with Argon2 at its next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes first: it refuses a sign-in while the account or the address is locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "tandem" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "tandem" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# The REST API (docs/api.md). Tokens for systems (service accounts) and the session for the
# browser, whose unsafe requests must carry the CSRF token. Never BasicAuthentication: a password
# alone would bypass the second factor staff sign in with.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an unauthenticated request is answered 401 with `WWW-Authenticate: Bearer`.
        "tandem.interop.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "tandem.interop.api.pagination.CursorPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "tandem.interop.api.problems.problem_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "UNAUTHENTICATED_TOKEN": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": (
        "People, their circles of support, plans (every part by its lasting uid), budgets, "
        "reviews, progress and worklists, with the same access rules and audit as Tandem's "
        "pages. See docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["tandem.interop.api.schema.only_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tandem.interop.api.schema.add_problem_responses",
    ],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _mailer() -> dict:
    """E-mail from the environment: printed in the terminal by default (`make run`); SMTP with
    EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST, EMAIL_PORT,
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS (1, the default, or 0) and EMAIL_TIMEOUT;
    a file per connection with the file backend and EMAIL_FILE_PATH."""
    backend = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    options: dict = {}
    if os.environ.get("EMAIL_FILE_PATH"):
        options["file_path"] = os.environ["EMAIL_FILE_PATH"]
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options |= {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
        }
    return {"BACKEND": backend, "OPTIONS": options} if options else {"BACKEND": backend}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tandem@localhost")
# When the daily reminders sweep runs (HH:MM in TIME_ZONE); empty: the worker queues none.
REMINDER_SWEEP_TIME = os.environ.get("REMINDER_SWEEP_TIME", "07:00")
# Where Tandem is served, for links in e-mails (which have no request to build them from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Signing in (issue 9; docs/security.md lists each protection and its test).
# Lockout: this many failed sign-ins lock the account, and separately the address, for the cool-off.
SIGN_IN_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
SIGN_IN_COOL_OFF_MINUTES = int(os.environ.get("SIGN_IN_COOL_OFF_MINUTES", "30"))
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=SIGN_IN_COOL_OFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account, and per address
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "tandem.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "tandem.accounts.signin.views.locked_out"
AXES_VERBOSE = False
# Unlocking is done on Tandem's own page, audited; not by deleting rows in Django's admin.
AXES_ENABLE_ADMIN = False
# Django's admin never shows an authenticator's secret key (which would be a second factor).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Second factor: the name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Tandem")
# No session outlives the longest absolute limit an organisation may set (24 hours); each
# organisation's own limit and idle timeout are enforced by tandem.accounts.signin.middleware.
SESSION_COOKIE_AGE = 24 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
# Production behind HTTPS: HSTS for a year unless told otherwise, and plain HTTP redirected.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
# Off unless set: the tests, `make run` and a TLS proxy that redirects itself serve plain HTTP.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
# The proxy header switch: behind a TLS proxy (load balancer), believe the scheme it reports and
# the client address in TRUSTED_PROXY_HEADER (tandem/addresses.py), and nothing of the kind else.
BEHIND_TLS_PROXY = env_flag("BEHIND_TLS_PROXY")
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

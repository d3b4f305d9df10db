"""Settings of Aktywizacja.

Everything that differs between a laptop and production is read from the environment through
the small typed helpers below, which fail loudly on a value they cannot understand. Without any
variable set the application runs in development mode on SQLite (``make run``).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-key-never-used-in-production-3c1f9a7e5b2d4680"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# What a certificate prints under the holder's name: "birth_date" (the default), "pesel" or
# "none" (documents/checks.py refuses anything else).
CERTIFICATE_HOLDER_ID = os.environ.get("CERTIFICATE_HOLDER_ID", "birth_date")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "projects",
    "participants",
    "instruments",
    "reporting",
    "contracts",
    "trainings",
    "employment",
    "events",
    "consents",
    "results",
    "monitoring",
    "documents",
    "dossier",
    "home",
    "card",
    "privacy",
    "retention",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.SessionRenewalMiddleware",
    "accounts.middleware.PolishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "aktywizacja.unsaved.UnsavedFormMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.PrivatePagesNoStoreMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aktywizacja.urls"
WSGI_APPLICATION = "aktywizacja.wsgi.application"

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
                "accounts.context_processors.interface",
            ],
            # The shared layer is no app: its template filters are named here.
            "libraries": {"documents": "aktywizacja.templatetags.documents"},
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL switches to PostgreSQL (postgres://…).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must bear a small office's parallel clicks: readers do not block the
    # writer (WAL), a writer waits its turn instead of failing ("database is locked"), and a
    # transaction takes the write lock when it starts, so two cannot deadlock upgrading to it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading the user's groups with the user (one query a page, not four).
    "accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.ContextWordsValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout, keyed on the username: a whole office shares one public IP address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password", "confirm_password", "confirmation"]
AXES_VERBOSE = False
# axes warns when the IP address is not part of the key; here that is deliberate: with the IP in
# the key, one colleague's typos would lock out the whole office behind its shared address.
# HSTS preloading (W021) binds the whole domain, usually the municipality's, for good: that is
# the domain owner's decision (SECURE_HSTS_PRELOAD=true), not a default of this application.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021"]

# Sessions end after inactivity and, at the latest, after a working day. A request renews the
# session when it changed it or when SESSION_RENEW_SECONDS passed since it was last written
# (accounts.middleware.SessionRenewalMiddleware): not every click writes to the database, and the
# idle period is kept to within that margin (the page's warning counts from the real end).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIMIT = timedelta(hours=envint("SESSION_ABSOLUTE_HOURS", 10))
# Bulk export and import ask for the password again unless it was typed this recently.
REAUTH_MINUTES = envint("REAUTH_MINUTES", 10)
# A project's documentation is kept until the date its grant agreement gives (Project.keep_until);
# with none recorded, this many years after the project's end. Afterwards its participants may be
# anonymised (the retention app).
RETENTION_DEFAULT_YEARS = envint("RETENTION_DEFAULT_YEARS", 10)
# Two-factor sign-in (django-otp, a TOTP app): available to everyone; when this is on, staff
# accounts (is_staff) without a device are sent to set one up before anything else.
TWO_FACTOR_REQUIRED_FOR_STAFF = envbool("TWO_FACTOR_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = "Aktywizacja"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "pl"
FORMAT_MODULE_PATH = ["aktywizacja.formats"]
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Background work (large certificate batches): the database backend, run by
# `manage.py db_worker` (make run starts it beside the server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Uploaded files (the participant's file) are stored here through Django's storage API and are
# never served by a URL of their own: only the scoped, logged download view reads them. No
# MEDIA_URL on purpose. Production may point STORAGES["default"] at object storage (README).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The participant's file: the largest file accepted, and the most pixels an image may have
# (a decompression bomb is a small file that opens into billions of pixels).
DOSSIER_MAX_UPLOAD_MB = envint("DOSSIER_MAX_UPLOAD_MB", 20)
DOSSIER_MAX_IMAGE_PIXELS = envint("DOSSIER_MAX_IMAGE_PIXELS", 50_000_000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
FILTERS_EMPTY_CHOICE_LABEL = _("all")
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console in development; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "aktywizacja@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Administrator", address) for address in envlist("ADMINS", [])]

# Security headers. HTTPS settings follow SECURE_SSL_REDIRECT, on by default outside DEBUG.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        # No PESEL in any log line or error mail (SECURITY.md): on every handler.
        "hide_pesel": {"()": "accounts.reporting.HidePeselInLogs"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["hide_pesel"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["hide_pesel", "require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default handlers are replaced, so that every one of them hides PESEL.
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# Error reports never show PESEL numbers or anything that looks like a secret.
DEFAULT_EXCEPTION_REPORTER_FILTER = "accounts.reporting.PersonalDataExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "accounts.reporting.PersonalDataExceptionReporter"

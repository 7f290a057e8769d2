"""Django settings for CrisisDesk, read from environment variables.

Every variable is listed in the README's configuration table. Values are parsed strictly by
`crisisdesk.env`; a bad value raises `ConfigError`, which the `crisisdesk` command prints as one
line naming the variable. Unsafe but well-formed combinations are reported by the system checks
in `crisisdesk.core.checks`.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

from crisisdesk.env import ConfigError, Environment

env = Environment()

PACKAGE_DIR = Path(__file__).resolve().parent

# `production` unless the demo command or the test suite says otherwise. Demo and test modes
# may run without a SECRET_KEY and with local host names; production may not.
MODE = env.choice("CRISISDESK_MODE", "production", ("production", "demo", "test"))

VAR_DIR = Path(env.string("CRISISDESK_VAR_DIR", "var")).resolve()

DEBUG = env.boolean("DEBUG", False)


def _secret_key() -> str:
    configured = env.raw("SECRET_KEY")
    if configured is not None:
        return configured
    if MODE == "test":
        return "test-only-" + "x" * 50
    if MODE == "demo":
        # The demo keeps one random key in var/ so that sessions survive a restart.
        key_file = VAR_DIR / "demo-secret-key"
        if key_file.exists():
            return key_file.read_text().strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(64)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key
    # Left empty on purpose: commands that need no key (migrate, audit verify) still work, and
    # the system check `crisisdesk.E001` stops `serve` with a clear message.
    return ""


SECRET_KEY = _secret_key()
# Django refuses to read an empty SECRET_KEY; the checks look at this copy instead.
SECRET_KEY_FOR_CHECKS = SECRET_KEY


def _encryption_keys() -> list[str]:
    """Fernet keys for clinical text at rest (crisisdesk.core.encryption); the first encrypts."""
    keys = env.string_list("CRISISDESK_ENCRYPTION_KEYS", [])
    for position, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode())) == 32
        except (ValueError, binascii.Error):
            valid = False
        if not valid:
            raise ConfigError(
                f"CRISISDESK_ENCRYPTION_KEYS item {position} is not a Fernet key (32 bytes, "
                "url-safe base64); create one with `crisisdesk encryption new-key`"
            )
    if keys:
        return keys
    if MODE == "test":
        return [base64.urlsafe_b64encode(b"test-only-encryption-key-32bytes").decode()]
    if MODE == "demo":
        key_file = VAR_DIR / "demo-encryption-key"
        if key_file.exists():
            return [key_file.read_text().strip()]
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        key_file.write_text(key)
        key_file.chmod(0o600)
        return [key]
    # Empty: the deploy check crisisdesk.E006 stops `serve`, and writing a clinical record fails
    # with a message naming the variable.
    return []


ENCRYPTION_KEYS = _encryption_keys()

ALLOWED_HOSTS = env.string_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if MODE != "production" else []
)
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "crisisdesk.core",
    "crisisdesk.centers",
    "crisisdesk.accounts",
    "crisisdesk.audit",
    "crisisdesk.places",
    "crisisdesk.people",
    "crisisdesk.incidents",
    "crisisdesk.intake",
    "crisisdesk.transfers",
    "crisisdesk.outbound",
    "crisisdesk.demo",
    "crisisdesk.triage",
    "crisisdesk.care",
    "crisisdesk.followups",
    "crisisdesk.cases",
    "crisisdesk.referrals",
    "crisisdesk.plans",
    "crisisdesk.consent",
    "crisisdesk.notices",
    "crisisdesk.directory",
    "crisisdesk.review",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "crisisdesk.core.middleware.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "crisisdesk.accounts.middleware.IdleSessionTimeoutMiddleware",
    "crisisdesk.core.middleware.CenterTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "crisisdesk.urls"
WSGI_APPLICATION = "crisisdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crisisdesk.core.context_processors.shell",
            ],
        },
    },
]


def _database(url: str | None) -> dict[str, Any]:
    if url is None:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'crisisdesk.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise ConfigError(f"DATABASE_URL is not a database URL we can use: {error}") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # Django's SQLite backend, with writers queueing on a file lock (crisisdesk/core/sqlite).
        config["ENGINE"] = "crisisdesk.core.sqlite"
        # WAL lets the console read while the worker writes; IMMEDIATE takes the write lock at
        # the start of a transaction so two writers queue instead of failing half-way.
        # Connections are kept between requests: opening one and running the PRAGMAs costs
        # more than a typical API request's queries.
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
            ),
        }
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        # A statement run five times on a connection is prepared. This reaches only the
        # server-binding cursors of `crisisdesk.core.bound_cursor` (the intake's hot path);
        # Django's own cursors bind on the client and are never prepared. Behind PgBouncer in
        # transaction mode, use a version that keeps prepared statements (1.21 or later).
        config["OPTIONS"] = {"prepare_threshold": 5}
    else:
        raise ConfigError(
            f"DATABASE_URL must start with sqlite:// or postgres://, got engine {engine!r}"
        )
    return config


DATABASES = {"default": _database(env.raw("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
if MODE == "test":
    # Still Argon2, with parameters cheap enough for a fast suite.
    PASSWORD_HASHERS = ["crisisdesk.accounts.hashers.FastArgon2PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection: failures counted per (account, client address) within the window.
LOGIN_MAX_FAILURES = env.integer("CRISISDESK_LOGIN_MAX_FAILURES", 5, minimum=1, maximum=100)
LOGIN_LOCKOUT_MINUTES = env.integer("CRISISDESK_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Forwarded headers are believed only when the direct peer is one of these proxies.
TRUSTED_PROXIES = env.networks("CRISISDESK_TRUSTED_PROXIES")

# An offer to the clinicians not accepted within this time records "clinician unavailable" and
# the CIT fallback.
TRANSFER_OFFER_SECONDS = env.integer(
    "CRISISDESK_TRANSFER_OFFER_SECONDS", 60, minimum=5, maximum=3600
)

# A service's capacity (beds, slots) older than this is shown as stale; a center may set its own.
CAPACITY_STALE_HOURS = env.integer("CRISISDESK_CAPACITY_STALE_HOURS", 12, minimum=1, maximum=720)

SESSION_IDLE_MINUTES = env.integer("CRISISDESK_SESSION_IDLE_MINUTES", 15, minimum=1, maximum=720)
SESSION_COOKIE_AGE = env.integer("CRISISDESK_SESSION_MAX_HOURS", 12, minimum=1, maximum=24) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_COOKIES = env.boolean("CRISISDESK_SECURE_COOKIES", MODE == "production")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env.integer("CRISISDESK_HSTS_SECONDS", 0, minimum=0)

LANGUAGE_CODE = "en-us"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Shown to users whose center has no time zone of its own; storage is always UTC.
DISPLAY_TIME_ZONE = env.time_zone("CRISISDESK_TIME_ZONE", "America/New_York")

STATIC_URL = "/static/"
# No collected copy: WhiteNoise serves straight from the installed packages.
STATIC_ROOT = None
# Served by WhiteNoise straight from the installed packages: nothing to collect before start.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOG_LEVEL = env.choice(
    "CRISISDESK_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Request logs carry paths only; bodies, which may hold clinical text, are never logged.
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

if MODE == "test":
    ALLOWED_HOSTS = ["*"] if env.raw("ALLOWED_HOSTS") is None else ALLOWED_HOSTS

AUTHENTICATION_BACKENDS = ["crisisdesk.accounts.backends.CenterUserBackend"]
LOGIN_URL_PATH = "/accounts/login/"

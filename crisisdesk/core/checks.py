"""System checks that refuse unsafe configuration at start-up (`crisisdesk check --deploy`).

Production mode is the default, so these run wherever CrisisDesk is served for real; demo and
test modes are exempt because they bind to local addresses and hold synthetic data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

MIN_SECRET_KEY_LENGTH = 50


# Deploy checks: run by `crisisdesk serve` and `crisisdesk check --deploy`, so that one-off
# commands (migrate, audit verify) still work on a machine without the serving secrets.
@register(Tags.security, deploy=True)
def check_production_safety(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.MODE != "production":
        return []
    messages: list[CheckMessage] = []
    key: str = settings.SECRET_KEY_FOR_CHECKS
    if not key:
        messages.append(
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY to a random string of at least 50 characters, for example "
                "the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(64))'.",
                id="crisisdesk.E001",
            )
        )
    elif len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        messages.append(
            Error(
                "SECRET_KEY is too short or too simple.",
                hint="Use at least 50 random characters.",
                id="crisisdesk.E002",
            )
        )
    if not settings.ENCRYPTION_KEYS:
        messages.append(
            Error(
                "CRISISDESK_ENCRYPTION_KEYS is not set.",
                hint="Clinical notes are encrypted at rest. Create a key with "
                "`crisisdesk encryption new-key` and keep it apart from database backups.",
                id="crisisdesk.E006",
            )
        )
    if settings.DEBUG:
        messages.append(
            Error(
                "DEBUG is on in production mode.",
                hint="Debug pages show settings and data to anyone; unset DEBUG.",
                id="crisisdesk.E003",
            )
        )
    if not settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "ALLOWED_HOSTS is empty.",
                hint="Set ALLOWED_HOSTS to the host names the service answers to.",
                id="crisisdesk.E004",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "ALLOWED_HOSTS contains '*'.",
                hint="Name the hosts; a wildcard allows host-header attacks.",
                id="crisisdesk.E005",
            )
        )
    if not settings.SESSION_COOKIE_SECURE:
        messages.append(
            Warning(
                "Session cookies are sent over plain HTTP (CRISISDESK_SECURE_COOKIES=false).",
                hint="Serve CrisisDesk over HTTPS and leave CRISISDESK_SECURE_COOKIES on.",
                id="crisisdesk.W001",
            )
        )
    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        messages.append(
            Warning(
                "The database is SQLite.",
                hint="SQLite suits one small center; use PostgreSQL (DATABASE_URL) for real "
                "deployments.",
                id="crisisdesk.W002",
            )
        )
    return messages

"""`crisisdesk flag --center CODE`: the center's active configuration, read from the database.

The only path of the command that needs Django: `cli.py` imports this module when `--center`
is given, so that every other use of the command starts in milliseconds and without a database.
"""

from __future__ import annotations

import os

from crisisdesk.review.flagger import FlaggerConfig, load_config_text


class CenterConfigError(Exception):
    """The center's configuration cannot be read; the message says why, for the command line."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")
    from django.apps import apps

    if apps.ready:  # inside `crisisdesk` management commands and the test suite
        return
    import django
    from django.core.exceptions import ImproperlyConfigured

    from crisisdesk.env import ConfigError as SettingsError

    try:
        django.setup()
    except (SettingsError, ImproperlyConfigured) as error:
        raise CenterConfigError(f"configuration error: {error}") from None


def center_config(code: str) -> FlaggerConfig:
    """The active configuration of the center with this code (the built-in default when the
    center has signed off none). Raises CenterConfigError, or ConfigError when the stored
    version does not load."""
    _setup_django()
    from django.db import DatabaseError

    from crisisdesk.centers.models import Center
    from crisisdesk.review.configs import active_version, config_of

    try:
        center = Center.objects.filter(code__iexact=code.strip()).first()
        if center is None:
            known = ", ".join(Center.objects.order_by("code").values_list("code", flat=True))
            raise CenterConfigError(
                f"--center: no center has the code {code!r} (centers: {known or 'none'})"
            )
        version = active_version(center.pk)
    except DatabaseError as error:
        raise CenterConfigError(
            f"--center: the database cannot be read ({error}); export the center's version "
            "and give it with --config FILE.yaml"
        ) from None
    if version is None:
        return config_of(None)
    # Loaded here, not through the page's fallback: a version that no longer loads is an
    # error on the command line (ConfigError: the command names each field and stops).
    return load_config_text(version.text, origin=f"center {center.code}, version {version.label}")

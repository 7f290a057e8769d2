"""Which flagger configuration a center uses, loaded once per version.

A center without an active version uses the built-in `default` configuration. A version's text
never changes, so its loaded configuration is cached by the version (`_key`); the flagger's own
cache (`flagger.compiled`, keyed by the configuration object) then compiles it once too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from crisisdesk.centers.models import Center
from crisisdesk.review.flagger import ConfigError, FlaggerConfig, builtin_config, load_config_text
from crisisdesk.review.flagger.config import BUILTIN_DIR
from crisisdesk.review.models import FlaggerVersion, FlaggerVersionStatus

DEFAULT_BUILTIN = "default"
CACHE_SIZE = 32  # versions in use at once: one per center, plus drafts under review

_cache: OrderedDict[tuple[int, str], FlaggerConfig] = OrderedDict()
_lock = threading.Lock()


def builtin_text(name: str = DEFAULT_BUILTIN) -> str:
    return (BUILTIN_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def _key(version: FlaggerVersion) -> tuple[int, str]:
    # The id and the creation time: ids alone can come back after a rolled-back insert on
    # SQLite (the test suite does it all the time), a version's creation time never does.
    return version.pk, version.created_at.isoformat()


def version_config(version: FlaggerVersion, text: str | None = None) -> FlaggerConfig:
    """The configuration of a stored version (`text`: its text, when it was read apart).
    Raises ConfigError if the text no longer loads (stored before the loader became
    stricter)."""
    key = _key(version)
    with _lock:
        config = _cache.get(key)
        if config is not None:
            _cache.move_to_end(key)
            return config
    config = load_config_text(version.text if text is None else text, origin=version.label)
    with _lock:
        _cache[key] = config
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return config


def active_version(center_id: int) -> FlaggerVersion | None:
    return FlaggerVersion.objects.filter(
        center_id=center_id, status=FlaggerVersionStatus.ACTIVE
    ).first()


def config_of(version: FlaggerVersion | None) -> FlaggerConfig:
    """A version's configuration; the built-in default for None, and for a stored version
    that no longer loads (the flagger must keep answering; the configuration page says why)."""
    if version is None:
        return builtin_config(DEFAULT_BUILTIN)
    try:
        return version_config(version)
    except ConfigError:
        return builtin_config(DEFAULT_BUILTIN)


def active_config(center: Center | int) -> tuple[FlaggerVersion | None, FlaggerConfig]:
    """The center's active version (None: the built-in default) and its configuration."""
    center_id = center if isinstance(center, int) else center.pk
    version = active_version(center_id)
    return version, config_of(version)


def active_configs(
    center_ids: set[int],
) -> dict[int, tuple[FlaggerVersion | None, FlaggerConfig]]:
    """Each center's active version and configuration, in one query (two the first time a
    version is seen: its text is read only then)."""
    rows = list(
        FlaggerVersion.objects.filter(
            center_id__in=center_ids, status=FlaggerVersionStatus.ACTIVE
        ).only("pk", "center_id", "name", "version", "created_at")
    )
    with _lock:
        missing = [row.pk for row in rows if _key(row) not in _cache]
    texts = (
        dict(FlaggerVersion.objects.filter(pk__in=missing).values_list("pk", "text"))
        if missing
        else {}
    )
    found: dict[int, tuple[FlaggerVersion | None, FlaggerConfig]] = {}
    for row in rows:
        try:
            config = version_config(row, texts.get(row.pk))
        except ConfigError:
            config = builtin_config(DEFAULT_BUILTIN)
        found[row.center_id] = (row, config)
    default = builtin_config(DEFAULT_BUILTIN)
    return {center_id: found.get(center_id, (None, default)) for center_id in center_ids}


def starter_text(center: Center) -> str:
    """What a center's first draft starts from: the default lexicon and a commented example."""
    return f"""\
# The flagger configuration of {center.name}. The format: crisisdesk/review/README.md.
name: {center.code}
version: "1"
description: First configuration of {center.name}.
# Start from the built-in lexicon (default) or from a built-in code map (san-diego, demo).
extends: default
# Your CAD's call-type codes and what each says by itself, for example:
#   "5150": {{label: MENTAL CASE, category: mental_health, weight: 0.9}}
#   CW: {{label: CHECK THE WELFARE, category: welfare_check, weight: 0.75}}
#   "417": {{label: THREATENING W/WEAPON, exclusions: {{weapon: threatened}}}}
call_types: {{}}
# Your own phrases, e.g. - {{phrase: "SEEING GHOSTS", category: mental_health, weight: 0.7}}
terms: []
# Abbreviations your call takers use, e.g. 10-96: MENTAL SUBJECT
abbreviations: {{}}
thresholds: {{candidate: 0.5, category: 0.4, uncertain_factor: 0.7, historical_factor: 0.5}}
"""

"""Application-level encryption of clinical text at rest.

Clinical notes, response plans and consent details are encrypted before they reach the database,
so a database dump, a backup or a replica holds ciphertext only. Keys come from the environment
(`CRISISDESK_ENCRYPTION_KEYS`, comma-separated Fernet keys): the first encrypts, every one
decrypts. Rotation: put a new key first, keep the old ones after it, run
`crisisdesk encryption rotate`, then drop the old keys once `crisisdesk encryption status` shows
no value left under them.

A stored value reads `enc1:<key id>:<Fernet token>`. The key id (a short hash of the key, never
the key) says which key to use without trying them all, and lets `status` count what each key
still protects.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

PREFIX = "enc1"


class DecryptionError(Exception):
    """A stored value cannot be read with any configured key."""


def key_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def is_valid_key(key: str) -> bool:
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True


def generate_key() -> str:
    return Fernet.generate_key().decode()


class Keyring:
    """The configured keys: the first encrypts, all decrypt."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ImproperlyConfigured(
                "CRISISDESK_ENCRYPTION_KEYS is not set: clinical records cannot be stored. "
                "Create a key with `crisisdesk encryption new-key`."
            )
        self.primary_id = key_id(keys[0])
        self.primary = Fernet(keys[0].encode())
        self.by_id = {key_id(key): Fernet(key.encode()) for key in keys}

    def encrypt(self, plain: str) -> str:
        token = self.primary.encrypt(plain.encode()).decode()
        return f"{PREFIX}:{self.primary_id}:{token}"

    def decrypt(self, stored: str) -> str:
        prefix, kid, token = _split(stored)
        fernet = self.by_id.get(kid)
        if prefix != PREFIX or fernet is None:
            raise DecryptionError(
                f"value was encrypted with key {kid!r}, which is not in CRISISDESK_ENCRYPTION_KEYS"
            )
        try:
            return fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise DecryptionError(f"value under key {kid!r} fails its integrity check") from None

    def is_current(self, stored: str) -> bool:
        return _split(stored)[1] == self.primary_id


def _split(stored: str) -> tuple[str, str, str]:
    parts = stored.split(":", 2)
    if len(parts) != 3:
        raise DecryptionError("value is not an encrypted CrisisDesk value")
    return parts[0], parts[1], parts[2]


@functools.cache
def _keyring_for(keys: tuple[str, ...]) -> Keyring:
    return Keyring(list(keys))


def keyring() -> Keyring:
    # Cached per key list, so tests that override the setting get a keyring of their own.
    return _keyring_for(tuple(settings.ENCRYPTION_KEYS))


def stored_key_id(stored: str) -> str:
    return _split(stored)[1]


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text encrypted before it is written; it cannot be searched or filtered in SQL."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or isinstance(value, Expression):
            return value
        return keyring().encrypt(str(value))

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        return keyring().decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        # Equality or LIKE on ciphertext would silently match nothing: refuse all but isnull.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value (dict or list) encrypted at rest."""

    description = "JSON encrypted at rest"
    # How django-stubs learns the Python type of a custom field (any JSON value).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def get_prep_value(self, value: Any) -> Any:
        if value is None or isinstance(value, Expression):
            return value
        return keyring().encrypt(json.dumps(value, sort_keys=True))

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None:
            return None
        return json.loads(keyring().decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), sort_keys=True)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


ENCRYPTED_FIELD_TYPES = (EncryptedTextField, EncryptedJSONField)


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    """Every model that has encrypted columns, with those columns."""
    for model in apps.get_models():
        fields: list[models.Field[Any, Any]] = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, ENCRYPTED_FIELD_TYPES)
        ]
        if fields:
            yield model, fields


def _stored_values(
    model: type[models.Model], field: models.Field[Any, Any]
) -> Iterator[tuple[Any, str]]:
    """(primary key, stored ciphertext) of every non-empty value of one column, unread."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(field.column)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk_column}, {column} FROM {table} "  # noqa: S608
            f"WHERE {column} IS NOT NULL ORDER BY {pk_column}"
        )
        yield from cursor.fetchall()


def key_usage() -> dict[str, dict[str, int]]:
    """How many stored values each key protects, per `app.model.field`."""
    usage: dict[str, dict[str, int]] = {}
    for model, fields in encrypted_fields():
        for field in fields:
            counts: dict[str, int] = {}
            for _pk, stored in _stored_values(model, field):
                kid = stored_key_id(stored)
                counts[kid] = counts.get(kid, 0) + 1
            usage[f"{model._meta.label_lower}.{field.name}"] = counts
    return usage


def rotate_column(model: type[models.Model], field: models.Field[Any, Any]) -> int:
    """Re-encrypts with the first key every value of one column that is under an older key."""
    ring = keyring()
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(field.column)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    stale = [
        (pk, stored) for pk, stored in _stored_values(model, field) if not ring.is_current(stored)
    ]
    with connection.cursor() as cursor:
        for pk, stored in stale:
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s",  # noqa: S608
                [ring.encrypt(ring.decrypt(stored)), pk],
            )
    return len(stale)

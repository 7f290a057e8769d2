"""Reading typed values out of decoded JSON, each error recorded with the path to its field.

Plain Python, no Django import. `FieldReader` never stops at the first problem: a getter that
finds a wrong value records it and returns an empty value, so that one pass over a document
lists everything wrong with it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from crisisdesk.intake.records import FieldError

ROOT = "(document)"
RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))\Z"
)
TIMESTAMP_HINT = "must be an RFC 3339 date-time with a UTC offset, e.g. 2026-11-20T14:05:00-05:00"
JSON_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "true or false"}


def parse_timestamp(value: str) -> datetime | None:
    """An RFC 3339 date-time with its offset, as an aware UTC datetime; None if it is not one.

    A time without an offset is refused rather than guessed: a CAD in another time zone would
    otherwise put every call hours off.
    """
    match = RFC3339.match(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    try:
        offset = timedelta(0)
        if not zulu:
            offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            micro,
            tzinfo=timezone(offset),
        )
    except ValueError:  # 2026-02-30, 25:00, an offset of a day or more
        return None
    return moment.astimezone(UTC)


def json_kind(value: object) -> str:
    """How JSON would name the type of a decoded value, for error messages."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return "null" if value is None else JSON_KINDS.get(type(value), type(value).__name__)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def clean(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and no CAD text needs one.
    return value.replace("\x00", "").strip()


class FieldReader:
    """Collects errors; its getters read one field of a JSON object at a given path."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path or ROOT, message))

    def text(
        self, body: dict[str, Any], key: str, path: str, *, required: bool = False, limit: int = 0
    ) -> str:
        """A string ('' when absent or null); `limit` is the column it will be stored in."""
        value = body.get(key)
        where = join(path, key)
        if value is None:
            if required:
                self.fail(where, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(where, f"must be a string, not {json_kind(value)}")
            return ""
        value = clean(value)
        if limit and len(value) > limit:
            self.fail(where, f"is longer than {limit} characters")
            return ""
        return value

    def texts(self, body: dict[str, Any], key: str, path: str) -> list[str]:
        value = body.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(join(path, key), "must be an array of strings")
            return []
        return [clean(item) for item in value]

    def timestamp(
        self, body: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> datetime | None:
        value = self.text(body, key, path, required=required)
        if not value:
            if required and isinstance(body.get(key), str):
                self.fail(join(path, key), TIMESTAMP_HINT)
            return None
        moment = parse_timestamp(value)
        if moment is None:
            self.fail(join(path, key), TIMESTAMP_HINT)
        return moment

    def reference_ids(self, body: dict[str, Any], key: str, path: str, many: bool) -> list[str]:
        """The `$ref` values of a reference (an object) or of an array of them."""
        value = body.get(key)
        if value is None:
            return []
        where = join(path, key)
        if many and not isinstance(value, list):
            self.fail(where, 'must be an array of references ({"$ref": ...})')
            return []
        ids = []
        for position, item in enumerate(value if many else [value]):
            item_path = f"{where}[{position}]" if many else where
            if not isinstance(item, dict):
                self.fail(
                    item_path, f'must be a reference ({{"$ref": ...}}), not {json_kind(item)}'
                )
                continue
            ref = self.text(item, "$ref", item_path, required=True)
            if ref:
                ids.append(ref)
        return ids

"""Typed HSDS values: from JSON or CSV text to Python, and back.

Every reader turns a value into the JSON type the schema expects first (CSV cells are text), the
schema is checked, then `to_python` makes dates, times and numbers of it. Problems raise
`ValueProblem` with a message written for the person who fixes the file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from crisisdesk.directory.hsds.tables import Field, Kind

JSONValue = str | int | float | bool | None
TIME_PATTERN = re.compile(
    r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
# DecimalField(max_digits=16, decimal_places=4) in the database.
DECIMAL_PLACES = 4
DECIMAL_LIMIT = Decimal(10) ** 12


class ValueProblem(ValueError):
    """A value that cannot be what its field says; the message quotes the value."""


@dataclass(frozen=True)
class ClockTime:
    """An HSDS opens_at/closes_at: a clock time and the UTC offset it was written with, if any
    ("Z", "-05:00"). Kept apart so that "open now" can read the clock time in the center's zone."""

    clock: time
    offset: str = ""

    def __str__(self) -> str:
        return self.clock.isoformat() + self.offset


def _quote(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def from_csv(field: Field, text: str) -> JSONValue:
    """A CSV cell as the JSON value the schema expects. An empty cell is None (stated empty),
    except in a required text column, where it is the empty text."""
    if text == "":
        return "" if field.required and field.kind.json_type == "string" else None
    if field.kind.json_type == "number":
        try:
            number = float(text.strip())
        except ValueError:
            raise ValueProblem(f"{_quote(text)} is not a number") from None
        return int(number) if number.is_integer() and "." not in text else number
    if field.kind is Kind.BOOLEAN:
        word = text.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValueProblem(f"{_quote(text)} is not true or false")
    return text


def to_python(field: Field, value: JSONValue) -> Any:
    """A schema-valid JSON value as the Python value we store. None stays None."""
    if value is None:
        return None
    kind = field.kind
    if kind is Kind.STRING:
        text = str(value)
        if field.max_length is not None and len(text) > field.max_length:
            raise ValueProblem(f"is longer than {field.max_length} characters ({len(text)})")
        return text
    if kind is Kind.BOOLEAN:
        return bool(value)
    if kind in (Kind.NUMBER, Kind.INTEGER, Kind.DECIMAL):
        return _number(kind, value)
    text = str(value).strip()
    if kind is Kind.DATE:
        return parse_date(text)
    if kind is Kind.DATETIME:
        return parse_datetime(text)
    return parse_time(text)


def _number(kind: Kind, value: JSONValue) -> int | float | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblem(f"{_quote(value)} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(f"{_quote(value)} is not a finite number")
    if kind is Kind.INTEGER:
        if isinstance(value, float) and not value.is_integer():
            raise ValueProblem(f"{_quote(value)} is not a whole number")
        return int(value)
    if kind is Kind.DECIMAL:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueProblem(f"{_quote(value)} is not a number") from None
        if abs(amount) >= DECIMAL_LIMIT or amount != round(amount, DECIMAL_PLACES):
            raise ValueProblem(
                f"{_quote(value)} is too large or has more than {DECIMAL_PLACES} decimal places"
            )
        return amount
    return float(value) if isinstance(value, float) else value


def parse_date(text: str) -> date:
    """YYYY-MM-DD. A date-time is taken for its date (some producers write midnight)."""
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(f"{_quote(text)} is not a date (YYYY-MM-DD)") from None


def parse_datetime(text: str) -> datetime:
    """ISO 8601, stored in UTC. Without an offset it is UTC, as HSDS says; a date is midnight."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueProblem(
            f"{_quote(text)} is not a date and time (ISO 8601, e.g. 2024-03-15T10:30:00Z)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_time(text: str) -> ClockTime:
    match = TIME_PATTERN.match(text)
    problem = ValueProblem(f"{_quote(text)} is not a time (HH:MM, optionally with Z or -05:00)")
    if match is None:
        raise problem
    try:
        clock = time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError:
        raise problem from None
    offset = match["offset"] or ""
    if offset and offset != "Z":
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if hours > 14 or minutes > 59:
            raise problem
        offset = f"{offset[0]}{hours:02d}:{minutes:02d}"
    return ClockTime(clock, offset)


def to_json(field: Field, value: Any) -> JSONValue:
    """A stored value as HSDS JSON: dates as text, whole numbers without a fraction."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, ClockTime):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    raise TypeError(f"{field.name}: cannot write {type(value).__name__}")


def to_csv(field: Field, value: Any) -> str:
    written = to_json(field, value)
    if written is None:
        return ""
    if isinstance(written, bool):
        return "true" if written else "false"
    return str(written)

"""What the readers produce: records per table, and problems that name table, row and field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Where a row came from: a CSV line number, or a position in a JSON document ("$[0].phones[1]").
Row = int | str


@dataclass(frozen=True)
class Problem:
    """One reason a row was refused. `row` is a CSV line number or a JSON position."""

    table: str
    row: Row
    id: str
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "id": self.id,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"line {self.row}" if isinstance(self.row, int) else self.row
        ident = f" (id {self.id})" if self.id else ""
        field_part = f" {self.field}:" if self.field else ""
        return f"{self.table} {where}{ident}:{field_part} {self.message}"


class HsdsFormatError(Exception):
    """The input as a whole cannot be read: not HSDS 3.0, not JSON, an HSDS 1.1 layout..."""


@dataclass
class Node:
    """One row as read, before checking: JSON-typed values of the fields it states (None for a
    stated empty value), and problems found while reading it."""

    table: str
    data: dict[str, Any]
    row: Row
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else ""


@dataclass
class Record:
    """One checked row: typed values of the fields it states. None means "stated empty"; a field
    that is absent was not stated, and an update leaves it as it was."""

    table: str
    id: str
    values: dict[str, Any]
    row: Row

    def get(self, name: str) -> Any:
        return self.values.get(name)


@dataclass
class Dataset:
    """Everything read from one input."""

    form: str  # what the input was recognised as, for the summary
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: int = 0

    def add(self, record: Record) -> None:
        self.records.setdefault(record.table, {})[record.id] = record

    def table(self, name: str) -> dict[str, Record]:
        return self.records.get(name, {})

    def count(self, name: str) -> int:
        return len(self.records.get(name, {}))

    def all_records(self) -> Iterator[Record]:
        for rows in self.records.values():
            yield from rows.values()

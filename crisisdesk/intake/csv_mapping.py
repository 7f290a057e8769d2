"""CSV mappings: a YAML file that says how one CAD's export becomes incidents. No Django import.

A new CAD layout needs only a new mapping file. `load_mapping` reads and validates one (by the
name of a built-in in `mappings/`, or by path) into a `CsvMapping`, and fails with a
`MappingError` naming the file and the key; `crisisdesk.intake.csv_convert.compile_mapping`
turns it into the fast per-row function. The format is described in `README_csv.md`.

Wherever a mapping says where a value comes from, it may write:
- `column_name`: one column, stripped;
- `[col_a, col_b]`: columns joined with a space, empty ones left out;
- `"{col_a} {col_b}"`: a template; runs of whitespace collapse, and a template whose columns
  are all empty gives "" (so `"Beat {beat}"` vanishes when beat is empty);
- `{value: "San Diego"}`: a constant.
"""

from __future__ import annotations

import re
import string
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import yaml

from crisisdesk.intake.csv_reader import CsvDialect
from crisisdesk.intake.records import CALLER_RELATIONS, STATUSES

# Built-in mappings ship inside the package (pyproject's package-data includes *.yaml).
BUILTIN_DIR = Path(__file__).resolve().parent / "mappings"

TOP_KEYS = frozenset(
    {
        "description",
        "source_system",
        "csv",
        "treat_as_empty",
        "external_id",
        "received_at",
        "updated_at",
        "call_type",
        "priority",
        "caller_relation",
        "status",
        "location",
        "notes",
    }
)
SOURCE_KEYS = frozenset({"column", "columns", "template", "value"})
LOCATION_PARTS = frozenset(
    {"address", "cross_street", "unit", "city", "region", "postal_code", "latitude", "longitude"}
)
YAML_BOOLEAN_HINT = "quote it: YAML reads yes/no/on/off as true/false"


class MappingError(Exception):
    """The mapping cannot be used; the message names the mapping file and the key."""


@dataclass(frozen=True)
class Source:
    """Where one value comes from: columns, a template or a constant (validated, not compiled)."""

    columns: tuple[str, ...] = ()
    template: str = ""
    constant: str | None = None


@dataclass(frozen=True)
class Timestamp:
    source: Source
    format: str
    time_zone: zoneinfo.ZoneInfo


@dataclass(frozen=True)
class ValueMap:
    """A coded column turned into our vocabulary; unknown values take `default` or are rejected."""

    source: Source
    values: dict[str, Any] | None  # None: the value passes through as it is
    default: Any = None
    has_default: bool = False


@dataclass(frozen=True)
class LookupFile:
    """A code table in CSV. Relative paths are tried next to the input file, then next to the
    mapping; with several, the first found is used (a table's name differs between sources)."""

    paths: tuple[str, ...]
    code_column: str
    text_column: str


@dataclass(frozen=True)
class CsvMapping:
    origin: Path
    source_system: str
    dialect: CsvDialect
    treat_as_empty: dict[str, frozenset[str]]
    external_id: Source
    received_at: Timestamp
    updated_at: Timestamp | None
    call_type_code: Source | None
    call_type_text: Source | None
    call_type_codes: dict[str, str]
    lookup_file: LookupFile | None
    priority: ValueMap | None
    caller_relation: ValueMap | None
    status: ValueMap | None
    location: dict[str, Source]
    notes: tuple[tuple[str, Source], ...]

    def columns(self) -> set[str]:
        """Every column the mapping reads, to check them all against the file's header."""
        sources = [self.external_id, self.received_at.source, *self.location.values()]
        sources += [note for _, note in self.notes]
        sources += [s for s in (self.call_type_code, self.call_type_text) if s is not None]
        if self.updated_at is not None:
            sources.append(self.updated_at.source)
        for value_map in (self.priority, self.caller_relation, self.status):
            if value_map is not None:
                sources.append(value_map.source)
        return {column for source in sources for column in source.columns}


def builtin_mappings() -> list[str]:
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))


def load_mapping(spec: str) -> CsvMapping:
    """A built-in mapping by name (`san-diego`) or a mapping file by path."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", spec) and not Path(spec).exists():
        path = BUILTIN_DIR / f"{spec}.yaml"
        if not path.is_file():
            raise MappingError(
                f"no built-in mapping {spec!r} (built-in: {', '.join(builtin_mappings())}); "
                "to use a mapping file, give its path"
            )
    else:
        path = Path(spec)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError(f"cannot read mapping {path}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise MappingError(f"{path}: not valid YAML: {error}") from None
    return _Validator(path).mapping(document)


class _Validator:
    def __init__(self, origin: Path) -> None:
        self.origin = origin

    def fail(self, key: str, message: str) -> NoReturn:
        raise MappingError(f"{self.origin}: {key}: {message}")

    def mapping(self, doc: Any) -> CsvMapping:
        if not isinstance(doc, dict):
            raise MappingError(f"{self.origin}: a mapping file holds a YAML mapping of keys")
        self.keys("(top level)", doc, TOP_KEYS, required={"source_system", "external_id"})
        if "received_at" not in doc:
            self.fail("received_at", "is required: every incident needs the time it came in")
        source_system = self.text("source_system", doc["source_system"])
        if len(source_system) > 64:
            self.fail("source_system", "is longer than 64 characters")
        received_at = self.timestamp("received_at", doc["received_at"], None)
        updated_at = None
        if "updated_at" in doc:
            updated_at = self.timestamp("updated_at", doc["updated_at"], received_at)
        call_type = self.section("call_type", doc.get("call_type", {}))
        self.keys("call_type", call_type, {"code", "text", "codes", "lookup_file"})
        code = text = None
        if "code" in call_type:
            code = self.source("call_type.code", call_type["code"])
        if "text" in call_type:
            text = self.source("call_type.text", call_type["text"])
        lookup = None
        if "lookup_file" in call_type:
            lookup = self.lookup(call_type["lookup_file"])
        return CsvMapping(
            origin=self.origin,
            source_system=source_system,
            dialect=self.dialect(self.section("csv", doc.get("csv", {}))),
            treat_as_empty=self.treat_as_empty(doc.get("treat_as_empty", {})),
            external_id=self.source("external_id", doc["external_id"]),
            received_at=received_at,
            updated_at=updated_at,
            call_type_code=code,
            call_type_text=text,
            call_type_codes=self.codes(call_type.get("codes", {})),
            lookup_file=lookup,
            priority=self.value_map("priority", doc.get("priority"), range(10)),
            caller_relation=self.value_map(
                "caller_relation", doc.get("caller_relation"), CALLER_RELATIONS
            ),
            status=self.value_map("status", doc.get("status"), STATUSES),
            location=self.location(self.section("location", doc.get("location", {}))),
            notes=self.notes(self.listed("notes", doc.get("notes", []))),
        )

    def treat_as_empty(self, node: Any) -> dict[str, frozenset[str]]:
        """Per column, values that mean "nothing" (San Diego's block number 0, a beat of -1)."""
        empty: dict[str, frozenset[str]] = {}
        for column, values in self.section("treat_as_empty", node).items():
            key = f"treat_as_empty.{column}"
            empty[self.text("treat_as_empty", column)] = frozenset(
                self.text(key, value) for value in self.listed(key, values)
            )
        return empty

    def keys(
        self,
        where: str,
        node: dict[Any, Any],
        allowed: set[str] | frozenset[str],
        *,
        required: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        for key in node:
            if key not in allowed:
                self.fail(where, f"unknown key {key!r} (known: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(node)):
            self.fail(key, "is required")

    def section(self, key: str, node: Any) -> dict[Any, Any]:
        if not isinstance(node, dict):
            self.fail(key, "must be a mapping of keys")
        return node

    def listed(self, key: str, node: Any) -> list[Any]:
        if not isinstance(node, list):
            self.fail(key, "must be a list")
        return node

    def text(self, key: str, node: Any) -> str:
        if isinstance(node, bool):
            self.fail(key, f"{node!r} is not a text value; {YAML_BOOLEAN_HINT}")
        if not isinstance(node, str | int) or str(node).strip() == "":
            self.fail(key, "must be a non-empty text value")
        return str(node).strip()

    def source(self, key: str, node: Any) -> Source:
        if isinstance(node, dict):
            given = SOURCE_KEYS & set(node)
            if len(given) != 1:
                self.fail(key, f"needs exactly one of {', '.join(sorted(SOURCE_KEYS))}")
            (kind,) = given
            node = node[kind]
            if kind == "value":
                return Source(constant=self.text(key, node))
            if kind == "template" and "{" not in str(node):
                self.fail(key, "a template names its columns in braces: '{column}'")
        if isinstance(node, list):
            if not node:
                self.fail(key, "names no column")
            return Source(columns=tuple(self.text(key, column) for column in node))
        name = self.text(key, node)
        if "{" not in name:
            return Source(columns=(name,))
        try:
            pieces = list(string.Formatter().parse(name))
        except ValueError as error:
            self.fail(key, f"bad template {name!r}: {error}")
        for _, column, format_spec, conversion in pieces:
            if format_spec or conversion or column == "":
                self.fail(key, f"bad template {name!r}: write plain {{column}} names")
        columns = tuple(column for _, column, _, _ in pieces if column is not None)
        return Source(columns=columns, template=name)

    def timestamp(self, key: str, node: Any, inherit: Timestamp | None) -> Timestamp:
        node = self.section(key, node)
        self.keys(key, node, SOURCE_KEYS | {"format", "time_zone"})
        source = self.source(key, {k: v for k, v in node.items() if k in SOURCE_KEYS})
        if inherit is None and not {"format", "time_zone"} <= set(node):
            self.fail(key, "needs a format (strptime, or 'iso') and a time_zone")
        form = self.text(f"{key}.format", node["format"]) if "format" in node else ""
        if form and form != "iso":
            sample = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
            try:
                datetime.strptime(sample.strftime(form), form)  # noqa: DTZ007 (a format check)
            except ValueError as error:
                self.fail(f"{key}.format", f"{form!r} is not a usable strptime format: {error}")
        zone_name = self.text(f"{key}.time_zone", node["time_zone"]) if "time_zone" in node else ""
        try:
            zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.fail(f"{key}.time_zone", f"{zone_name!r} is not an IANA time zone")
        if inherit is not None:
            return Timestamp(source, form or inherit.format, zone or inherit.time_zone)
        if zone is None:  # unreachable: checked above; keeps the type exact
            self.fail(key, "needs a time_zone")
        return Timestamp(source, form, zone)

    def codes(self, node: Any) -> dict[str, str]:
        codes = self.section("call_type.codes", node)
        return {
            self.text("call_type.codes", code): self.text(f"call_type.codes.{code}", text)
            for code, text in codes.items()
        }

    def lookup(self, node: Any) -> LookupFile:
        key = "call_type.lookup_file"
        if isinstance(node, str | list):
            node = {"path": node}
        node = self.section(key, node)
        self.keys(key, node, {"path", "code_column", "text_column"}, required={"path"})
        paths = node["path"] if isinstance(node["path"], list) else [node["path"]]
        return LookupFile(
            paths=tuple(self.text(f"{key}.path", path) for path in paths),
            code_column=self.text(f"{key}.code_column", node.get("code_column", "code")),
            text_column=self.text(f"{key}.text_column", node.get("text_column", "description")),
        )

    def value_map(self, key: str, node: Any, allowed: Any) -> ValueMap | None:
        if node is None:
            return None
        if not isinstance(node, dict):
            node = {"column": node}  # `priority: priority`: the column, passed through
        self.keys(key, node, SOURCE_KEYS | {"values", "default"})
        source = self.source(key, {k: v for k, v in node.items() if k in SOURCE_KEYS})
        values = None
        if "values" in node:
            values = {
                self.text(f"{key}.values", raw): self.target(f"{key}.values.{raw}", value, allowed)
                for raw, value in self.section(f"{key}.values", node["values"]).items()
            }
        has_default = "default" in node
        default = self.target(f"{key}.default", node["default"], allowed) if has_default else None
        return ValueMap(source, values, default, has_default)

    def target(self, key: str, value: Any, allowed: Any) -> Any:
        if value is None or (not isinstance(value, bool) and value in allowed):
            return value
        hint = f"; {YAML_BOOLEAN_HINT}" if isinstance(value, bool) else ""
        shown = "0-9" if isinstance(allowed, range) else ", ".join(allowed)
        self.fail(key, f"{value!r} is not one of {shown} (or null){hint}")

    def dialect(self, node: dict[Any, Any]) -> CsvDialect:
        keys = {"delimiter", "quotechar", "encoding", "has_header", "column_names"}
        self.keys("csv", node, keys)
        for key in ("delimiter", "quotechar"):
            if key in node and (not isinstance(node[key], str) or len(node[key]) != 1):
                self.fail(f"csv.{key}", "must be one character (write a tab as '\\t')")
        has_header = node.get("has_header", True)
        if not isinstance(has_header, bool):
            self.fail("csv.has_header", "must be true or false")
        names = tuple(
            self.text("csv.column_names", n)
            for n in self.listed("csv.column_names", node.get("column_names", []))
        )
        if not has_header and not names:
            self.fail("csv.column_names", "is required when has_header is false")
        return CsvDialect(
            delimiter=node.get("delimiter", ","),
            quotechar=node.get("quotechar", '"'),
            encoding=self.text("csv.encoding", node.get("encoding", "utf-8-sig")),
            has_header=has_header,
            column_names=names,
        )

    def location(self, node: dict[Any, Any]) -> dict[str, Source]:
        if node:
            self.keys("location", node, LOCATION_PARTS, required={"address"})
        return {part: self.source(f"location.{part}", value) for part, value in node.items()}

    def notes(self, node: list[Any]) -> tuple[tuple[str, Source], ...]:
        notes: list[tuple[str, Source]] = []
        for number, item in enumerate(node, start=1):
            where = f"notes[{number}]"
            item = self.section(where, item)
            self.keys(where, item, {"text", "ref"}, required={"text"})
            # The ref keeps a re-import from adding the same note twice; keep it stable.
            ref = self.text(f"{where}.ref", item.get("ref", f"note{number}"))
            if ref in {seen for seen, _ in notes}:
                self.fail(f"{where}.ref", f"{ref!r} is used by another note")
            notes.append((ref, self.source(f"{where}.text", item["text"])))
        return tuple(notes)

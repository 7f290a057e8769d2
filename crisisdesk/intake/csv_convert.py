"""A `CsvMapping` compiled against one file's header: row values in, `IncidentData` out.

Plain Python, no Django import. Everything that can be decided once (column positions, the
call-type lookup, the time parser) is decided in `compile_mapping`, so converting a row is a few
list lookups and one time parse: the CSV intake must keep up with 20,000 rows a second.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import Any

from crisisdesk.intake.csv_mapping import CsvMapping, MappingError, Source, Timestamp, ValueMap
from crisisdesk.intake.csv_reader import CsvFileError, read_code_lookup
from crisisdesk.intake.records import (
    CALLER_RELATIONS,
    STATUSES,
    FieldError,
    IncidentData,
    LocationData,
    NoteData,
)

# The database's column sizes. A longer value is rejected with its row here: on PostgreSQL it
# would otherwise fail the whole batch it is in.
MAX_LENGTHS = {
    "external_id": 64,
    "call_type.code": 32,
    "call_type.text": 200,
    "location.address": 300,
    "location.unit": 50,
    "location.city": 100,
    "location.region": 50,
    "location.postal_code": 20,
}
COORDINATE_STEP = Decimal("0.000001")
MAX_EXTERNAL_ID = MAX_LENGTHS["external_id"]
MAX_CODE = MAX_LENGTHS["call_type.code"]
MAX_TEXT = MAX_LENGTHS["call_type.text"]
_new_record = object.__new__
# The fields `RowConverter.__call__` sets, which must be every field of IncidentData.
RECORD_FIELDS = (
    "source_system",
    "external_id",
    "received_at",
    "updated_at",
    "call_type_code",
    "call_type_text",
    "priority",
    "caller_relation",
    "status",
    "location",
    "people",
    "notes",
)
if tuple(field.name for field in dataclasses.fields(IncidentData)) != RECORD_FIELDS:
    raise RuntimeError("IncidentData changed: update RowConverter.__call__ and RECORD_FIELDS")

Getter = Callable[[list[str]], str]


def compile_mapping(mapping: CsvMapping, header: list[str], *, input_path: Path) -> RowConverter:
    """Compile against a file's header. MappingError for a column the file lacks or a lookup
    file that cannot be found or read."""
    missing = sorted(mapping.columns() - set(header))
    if missing:
        raise MappingError(
            f"{mapping.origin}: the file {input_path.name} has no column "
            f"{', '.join(map(repr, missing))} (its columns: {', '.join(header)})"
        )
    codes = dict(mapping.call_type_codes)
    if mapping.lookup_file is not None:
        lookup = mapping.lookup_file
        path = _find_lookup(mapping, lookup.paths, input_path)
        try:
            from_file = read_code_lookup(
                path, code_column=lookup.code_column, text_column=lookup.text_column
            )
        except CsvFileError as error:
            raise MappingError(f"{mapping.origin}: call_type.lookup_file: {error}") from None
        codes = {**from_file, **codes}  # inline codes win over the file
    return RowConverter(mapping, {name: at for at, name in enumerate(header)}, codes)


def _find_lookup(mapping: CsvMapping, names: tuple[str, ...], input_path: Path) -> Path:
    # A relative path is looked for next to the data first (CAD code tables travel with
    # their exports, and built-in mappings live far from both), then next to the mapping.
    folders = [input_path.parent, mapping.origin.parent]
    candidates = [
        Path(name) if Path(name).is_absolute() else folder / name
        for name in names
        for folder in folders
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise MappingError(
        f"{mapping.origin}: call_type.lookup_file: {' or '.join(names)} not found "
        f"(looked in {', '.join(dict.fromkeys(str(folder) for folder in folders))})"
    )


class RowConverter:
    """One compiled mapping: `converter(values)` is the row's `IncidentData` or a `FieldError`.

    Written for speed, as it runs once per row: getters are closures over column positions,
    coded values are dictionary lookups, and rows at the same place share one `LocationData`.
    """

    def __init__(self, mapping: CsvMapping, index: dict[str, int], codes: dict[str, str]) -> None:
        def compile_(source: Source) -> Getter:
            return _compile(source, index, mapping.treat_as_empty)

        self.source_system = mapping.source_system
        self.codes = codes
        self.external_id = compile_(mapping.external_id)
        self.received_at = compile_(mapping.received_at.source), _parser(mapping.received_at)
        self.updated_at = None
        if mapping.updated_at is not None:
            self.updated_at = compile_(mapping.updated_at.source), _parser(mapping.updated_at)
        self.code = _NOTHING if mapping.call_type_code is None else compile_(mapping.call_type_code)
        self.text = _NOTHING if mapping.call_type_text is None else compile_(mapping.call_type_text)
        self.priority = _coded("priority", mapping.priority, compile_)
        self.caller_relation = _coded("caller_relation", mapping.caller_relation, compile_)
        self.status = _coded("status", mapping.status, compile_)
        # Constant location parts (a city name) are read once; only the others per row.
        self.location_parts = {
            part: source.constant or ""
            for part in LOCATION_ORDER
            if (source := mapping.location.get(part, Source(constant=""))).constant is not None
        }
        self.location_getters = [
            (part, compile_(source))
            for part, source in mapping.location.items()
            if part not in self.location_parts
        ]
        # The raw values of the location's columns are the cache key: a tuple built in C, so a
        # place seen before costs no template work.
        columns = sorted(
            {c for part, _ in self.location_getters for c in mapping.location[part].columns}
        )
        positions = [index[name] for name in columns]
        self.location_key: Callable[[list[str]], tuple[str, ...]] = (
            itemgetter(*positions)
            if len(positions) > 1
            else lambda row: tuple(row[at] for at in positions)
        )
        self.locations: dict[tuple[str, ...], LocationData | FieldError] = {}
        self.notes = [(f"csv:{ref}", compile_(source)) for ref, source in mapping.notes]

    def __call__(self, row: list[str]) -> IncidentData | FieldError:
        external_id = self.external_id(row)
        if not external_id:
            return FieldError("external_id", "is empty")
        if len(external_id) > MAX_EXTERNAL_ID:
            return _too_long("external_id", external_id)
        received_at = _timestamp(self.received_at, row, "received_at")
        if isinstance(received_at, FieldError):
            return received_at
        updated_at: datetime | None = None
        if self.updated_at is not None:
            parsed = _timestamp(self.updated_at, row, "updated_at")
            if isinstance(parsed, FieldError):
                return parsed
            updated_at = parsed
        code = self.code(row)
        # A text column wins; else the lookup. An unknown code keeps an empty text: the call
        # happened, only the lookup is behind, and rejecting it would lose a real call.
        text = self.text(row) or self.codes.get(code, "")
        if len(code) > MAX_CODE:
            return _too_long("call_type.code", code)
        if len(text) > MAX_TEXT:
            return _too_long("call_type.text", text)
        priority = self.priority(row)
        if isinstance(priority, FieldError):
            return priority
        caller_relation = self.caller_relation(row)
        if isinstance(caller_relation, FieldError):
            return caller_relation
        status = self.status(row)
        if isinstance(status, FieldError):
            return status
        location = self._location(row)
        if isinstance(location, FieldError):
            return location
        notes: tuple[NoteData, ...] = ()
        if self.notes:
            notes = tuple(
                NoteData(ref=ref, at=received_at, text=note)
                for ref, getter in self.notes
                if (note := getter(row))
            )
        # What `IncidentData(...)` makes, made without its frozen __init__, which sets each of
        # the fields through object.__setattr__ and took a quarter of this function's time.
        data: IncidentData = _new_record(IncidentData)
        data.__dict__.update(
            source_system=self.source_system,
            external_id=external_id,
            received_at=received_at,
            updated_at=updated_at,
            call_type_code=code,
            call_type_text=text,
            priority=priority,
            caller_relation=caller_relation or "",
            status=status,
            location=location,
            people=(),
            notes=notes,
        )
        return data

    def _location(self, row: list[str]) -> LocationData | FieldError | None:
        key = self.location_key(row)
        known = self.locations.get(key)
        if known is None:
            if len(self.locations) > 100_000:  # a bound on memory over a huge file
                self.locations.clear()
            parts = self.location_parts | {part: get(row) for part, get in self.location_getters}
            known = self.locations[key] = _location(parts)
        if isinstance(known, LocationData) and not known.address:
            return None  # neither address nor cross street: no location
        return known


# Every part a location may have; address and cross street are joined into the address.
LOCATION_ORDER = (
    "address",
    "cross_street",
    "unit",
    "city",
    "region",
    "postal_code",
    "latitude",
    "longitude",
)
MISSING = object()
# Priorities pass through as the digits 0-9 (a lookup, faster than parsing each row).
PRIORITY_DIGITS: dict[str, Any] = {str(number): number for number in range(10)}


def _coded(
    name: str, value_map: ValueMap | None, compile_: Callable[[Source], Getter]
) -> Callable[[list[str]], Any]:
    """A coded column (priority, caller relation, status) as one dictionary lookup per row."""
    if value_map is None:
        return lambda row: None
    getter = compile_(value_map.source)
    if value_map.values is not None:
        table = dict(value_map.values)
    elif name == "priority":
        table = dict(PRIORITY_DIGITS)
    else:
        table = {
            value: value for value in (CALLER_RELATIONS if name == "caller_relation" else STATUSES)
        }
    if value_map.values is None or not value_map.has_default:
        table.setdefault("", value_map.default)

    def coded(row: list[str]) -> Any:
        text = getter(row)
        value = table.get(text, MISSING)
        return _map_value(name, value_map, text) if value is MISSING else value

    return coded


def _location(parts: dict[str, str]) -> LocationData | FieldError:
    address = " / ".join(part for part in (parts["address"], parts["cross_street"]) if part)
    if not address:
        return LocationData(address="")  # no location: the caller gives None
    for name, limit in LOCATION_LIMITS:
        if len(parts[name]) > limit:
            return _too_long(f"location.{name}", parts[name])
    if len(address) > MAX_LENGTHS["location.address"]:
        return _too_long("location.address", address)
    coordinates: dict[str, Decimal | None] = {}
    for name, limit in (("latitude", 90), ("longitude", 180)):
        text = parts[name]
        if not text:
            coordinates[name] = None
            continue
        try:
            value = Decimal(text).quantize(COORDINATE_STEP)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or not -limit <= value <= limit:
            return FieldError(f"location.{name}", f"{text!r} is not a {name}")
        coordinates[name] = value
    return LocationData(
        address=address,
        unit=parts["unit"],
        city=parts["city"],
        region=parts["region"],
        postal_code=parts["postal_code"],
        latitude=coordinates["latitude"],
        longitude=coordinates["longitude"],
    )


LOCATION_LIMITS = [
    (name, MAX_LENGTHS[f"location.{name}"]) for name in ("unit", "city", "region", "postal_code")
]


def _too_long(name: str, value: str) -> FieldError:
    limit = MAX_LENGTHS[name]
    return FieldError(name, f"is longer than {limit} characters ({len(value)})")


def _nothing(row: list[str]) -> str:
    return ""


_NOTHING: Getter = _nothing


def _compile(source: Source, index: dict[str, int], empty: dict[str, frozenset[str]]) -> Getter:
    if source.constant is not None:
        constant = source.constant
        return lambda row: constant
    positions = [index[name] for name in source.columns]
    blanks = [empty.get(name, frozenset()) for name in source.columns]
    if not source.template and len(positions) == 1:
        at, blank = positions[0], blanks[0]
        if blank:
            return lambda row: "" if (value := row[at].strip()) in blank else value
        return lambda row: row[at].strip()

    if any(blanks):
        pairs = list(zip(positions, blanks, strict=True))

        def column_values(row: list[str]) -> list[str]:
            return ["" if (value := row[at].strip()) in blank else value for at, blank in pairs]

    else:

        def column_values(row: list[str]) -> list[str]:
            return [row[at].strip() for at in positions]

    if not source.template:
        return lambda row: " ".join(value for value in column_values(row) if value)
    # The template again with positional fields: "{a} {b}" -> "{} {}", literal braces escaped.
    layout = "".join(
        text.replace("{", "{{").replace("}", "}}") + ("{}" if name is not None else "")
        for text, name, _, _ in string.Formatter().parse(source.template)
    ).format

    def from_template(row: list[str]) -> str:
        values = column_values(row)
        if not any(values):
            return ""
        return " ".join(layout(*values).split())

    return from_template


def _parser(spec: Timestamp) -> Callable[[str], datetime]:
    """A fast parse for the common ISO layout (strptime is the slowest step per row)."""
    zone, form = spec.time_zone, spec.format

    def localize(moment: datetime) -> datetime:
        if moment.tzinfo is None:
            # Ambiguous local times (the hour repeated in autumn) take the first occurrence.
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(UTC)

    if form in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        separator = form[8]
        # The zone's offset from UTC for each local hour ("2023-01-01 05"): converting through
        # the time zone was most of the cost of a parse, and an export's rows share few hours.
        offsets: dict[str, timedelta | None] = {}

        def parse_iso(text: str) -> datetime:
            if len(text) != 19 or text[10] != separator:
                raise ValueError(text)
            moment = datetime.fromisoformat(text)
            hour = text[:13]
            try:
                offset = offsets[hour]
            except KeyError:
                if len(offsets) > 100_000:  # a bound on memory over a huge file
                    offsets.clear()
                offset = offsets[hour] = _hour_offset(moment, zone)
            if offset is None or moment.tzinfo is not None:
                return localize(moment)
            # As localize() would give it; combine() takes the zone without replace()'s
            # keyword parsing, which costs more than the rest of the parse.
            utc = moment - offset
            return datetime.combine(utc.date(), utc.time(), UTC)

        return parse_iso
    if form == "iso":
        return lambda text: localize(datetime.fromisoformat(text))
    return lambda text: localize(datetime.strptime(text, form))  # noqa: DTZ007 (localized)


def _hour_offset(moment: datetime, zone: tzinfo) -> timedelta | None:
    """The zone's UTC offset for every local time in `moment`'s hour, or None when it changes
    within the hour (a transition at half past, in a few zones). Where a transition skips or
    repeats the whole hour, both ends give the offset of its first occurrence, as `localize`
    does for every time in it."""
    start = moment.replace(minute=0, second=0, microsecond=0, tzinfo=zone)
    end = start.replace(minute=59, second=59, microsecond=999_999)
    offset = start.utcoffset()
    return offset if offset == end.utcoffset() else None


def _timestamp(
    compiled: tuple[Getter, Callable[[str], datetime]], row: list[str], name: str
) -> datetime | FieldError:
    getter, parse = compiled
    text = getter(row)
    if not text:
        return FieldError(name, "is empty")
    try:
        return parse(text)
    except ValueError:
        return FieldError(name, f"{text!r} is not a time in the mapping's format")


def _map_value(name: str, value_map: ValueMap, text: str) -> Any:
    if value_map.values is not None:
        if text in value_map.values:
            return value_map.values[text]
        if value_map.has_default:
            return value_map.default
        if not text:
            return None
        return FieldError(name, f"{text!r} is not in the mapping's {name} values")
    if not text:
        return value_map.default
    if name == "priority":
        if text.isascii() and text.isdigit() and int(text) <= 9:
            return int(text)
        return FieldError(name, f"{text!r} is not a priority from 0 to 9")
    allowed = CALLER_RELATIONS if name == "caller_relation" else STATUSES
    if text.lower() not in allowed:
        return FieldError(name, f"{text!r} is not one of {', '.join(allowed)}")
    return text.lower()

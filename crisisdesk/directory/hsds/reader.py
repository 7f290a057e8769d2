"""Reading any HSDS 3.0 input into a `Dataset`: a JSON file, a CSV data package (folder or zip).

`read_path` and `read_upload` raise `HsdsFormatError` when the input as a whole cannot be read
(not JSON, not UTF-8, an HSDS 1.x layout, no HSDS table at all). Problems with single rows are
not raised: they are in `Dataset.errors`, and the rows are left out (`Dataset.rejected`).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from crisisdesk.directory.hsds.legacy import legacy_json_message, legacy_package_message
from crisisdesk.directory.hsds.reading_csv import (
    read_csv_header,
    read_csv_tables,
    read_tabular_json,
)
from crisisdesk.directory.hsds.reading_json import read_json_document
from crisisdesk.directory.hsds.records import Dataset, HsdsFormatError, Node, Problem, Record
from crisisdesk.directory.hsds.tables import TABLES_BY_CSV
from crisisdesk.directory.hsds.validation import check_node, coerce_scalars, unknown_fields

# A zip bomb must not fill the disk or the memory: HSDS packages of whole states are ~100 MB.
MAX_PACKAGE_BYTES = 512 * 1024 * 1024


def read_path(path: Path) -> Dataset:
    if path.is_dir():
        files = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}
        return read_package(files, f"folder {path.name}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HsdsFormatError(f"cannot read {path}: {error.strerror or error}") from None
    return read_upload(path.name, data)


def read_upload(name: str, data: bytes) -> Dataset:
    """A file by its name and bytes: a zip of a CSV package, or a JSON document."""
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        return read_package(_unzip(data), f"zip {name}")
    if name.lower().endswith(".csv"):
        raise HsdsFormatError(
            f"{name} is a single CSV file; import the whole data package "
            "(its folder, or a zip of it) so that rows can be linked across tables"
        )
    return read_json_bytes(data)


def _unzip(data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise HsdsFormatError("the file is not a valid zip archive") from None
    files: dict[str, bytes] = {}
    total = 0
    with archive:
        for info in archive.infolist():
            path = PurePosixPath(info.filename)
            if info.is_dir() or "__MACOSX" in path.parts or path.name.startswith("."):
                continue
            total += info.file_size
            if total > MAX_PACKAGE_BYTES:
                raise HsdsFormatError("the zip holds more than 512 MB once unpacked")
            if path.name in files:
                raise HsdsFormatError(f"the zip holds {path.name} twice (in two folders)")
            files[path.name] = archive.read(info)
    return files


def _text(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HsdsFormatError(f"{name} is not UTF-8 text (byte {error.start})") from None


def read_package(files: dict[str, bytes], origin: str) -> Dataset:
    """A CSV data package: file name → bytes (other files are ignored)."""
    texts = {name: _text(name, data) for name, data in files.items() if name.endswith(".csv")}
    datapackage, warnings = _datapackage(files.get("datapackage.json"))
    message = legacy_package_message(
        {name: read_csv_header(text) for name, text in texts.items()}, datapackage
    )
    if message:
        raise HsdsFormatError(message)
    if not any(name in TABLES_BY_CSV for name in texts):
        raise HsdsFormatError(
            f"{origin} holds no HSDS 3.0 table (services.csv, organizations.csv, "
            "locations.csv, ...)"
        )
    nodes, read_warnings = read_csv_tables(texts)
    return build_dataset(
        f"HSDS 3.0 CSV data package ({origin})", nodes, warnings + read_warnings, nested=False
    )


def _datapackage(data: bytes | None) -> tuple[dict[str, Any] | None, list[str]]:
    if data is None:
        return None, ["datapackage.json is missing; the CSV files were read by their names"]
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        # The official examples' datapackage.json is a link stored as text: not fatal.
        return None, ["datapackage.json is not valid JSON; the CSV files were read by their names"]
    return (parsed if isinstance(parsed, dict) else None), []


def read_json_bytes(data: bytes) -> Dataset:
    text = _text("the file", data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise HsdsFormatError(
            f"the file is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    message = legacy_json_message(document)
    if message:
        raise HsdsFormatError(message)
    if isinstance(document, dict) and document and all(k.endswith(".csv") for k in document):
        nodes, warnings = read_tabular_json(document)
        return build_dataset("HSDS 3.0 tabular JSON", nodes, warnings, nested=False)
    form, nodes = read_json_document(document)
    return build_dataset(form, nodes, [], nested=True)


def build_dataset(form: str, nodes: list[Node], warnings: list[str], *, nested: bool) -> Dataset:
    """Checks every node and merges occurrences of one id. In nested JSON one id may appear in
    several places (merged, first value wins on a disagreement, with a warning); in a table an
    id used twice is a problem of the later row."""
    dataset = Dataset(form=form, warnings=list(warnings))
    merged: dict[tuple[str, str], Record] = {}
    refused: set[tuple[str, str]] = set()
    anonymous_refusals = 0
    ignored: dict[str, set[str]] = {}
    coerced: set[str] = set()
    for node in nodes:
        ignored.setdefault(node.table, set()).update(unknown_fields(node))
        coerced.update(f"{node.table}.{name}" for name in coerce_scalars(node))
        record = None if node.problems else check_node(node)
        key = (node.table, node.id)
        if record is None:
            dataset.errors.extend(node.problems)
            if node.id:
                refused.add(key)
            else:
                anonymous_refusals += 1
            continue
        first = merged.get(key)
        if first is None:
            merged[key] = record
        elif nested:
            dataset.warnings.extend(_merge(first, record))
        else:
            dataset.errors.append(
                Problem(
                    node.table, node.row, node.id, "id", f"is used again (first at {first.row})"
                )
            )
            anonymous_refusals += 1
    for key, record in merged.items():
        if key not in refused:
            dataset.add(record)
    dataset.rejected = len(refused) + anonymous_refusals
    if coerced:
        listed = ", ".join(sorted(coerced))
        dataset.warnings.append(f"numbers read as text or text as numbers in: {listed}")
    for name, fields in sorted(ignored.items()):
        if fields:
            listed = ", ".join(sorted(fields))
            dataset.warnings.append(f"{name}: ignored fields not in HSDS 3.0: {listed}")
    return dataset


def _merge(first: Record, later: Record) -> list[str]:
    """Fills what the first occurrence left unsaid; reports disagreements."""
    warnings = []
    for name, value in later.values.items():
        if first.values.get(name) is None:
            if value is not None:
                first.values[name] = value
        elif value is not None and value != first.values[name]:
            warnings.append(
                f"{first.table} {first.id}: {name} differs between {first.row} and {later.row}; "
                "the first is kept"
            )
    return warnings

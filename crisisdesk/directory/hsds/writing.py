"""Writing HSDS 3.0: nested JSON documents (the API's shapes and the JSON export) and the tabular
form (a CSV data package).

Input is a `RecordStore`: rows per table as dicts of typed values keyed by HSDS field names,
references as HSDS ids. Whoever fills it decides what may be shown (confidential addresses are
left out before they get here).

Shapes, as in the HSDS OpenAPI and the official examples:
- full: a row's fields, its nested single objects and all its nested arrays, recursively; a
  table already on the way down is not nested again (a service inside an organization does not
  repeat the organization);
- basic: a row's fields and its nested single objects (basic themselves), no arrays: the items of
  the API's list pages.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from crisisdesk.directory.hsds.reading_json import TABLE_MARK
from crisisdesk.directory.hsds.tables import (
    HSDS_TABLES,
    TABLES,
    Child,
    Table,
    is_extension,
    table,
)
from crisisdesk.directory.hsds.values import JSONValue, to_csv, to_json

Row = dict[str, Any]


class RecordStore:
    """Rows per table, in the order given, with the indexes nesting needs built on demand."""

    def __init__(self, rows: dict[str, list[Row]] | None = None) -> None:
        self._rows: dict[str, dict[str, Row]] = {}
        self._children: dict[tuple[str, str], dict[str, list[Row]]] = {}
        for name, table_rows in (rows or {}).items():
            self.extend(name, table_rows)

    def extend(self, name: str, rows: Iterable[Row]) -> None:
        target = self._rows.setdefault(name, {})
        for row in rows:
            target[row["id"]] = row
        self._children = {key: index for key, index in self._children.items() if key[0] != name}

    def rows(self, name: str) -> Iterator[Row]:
        yield from self._rows.get(name, {}).values()

    def get(self, name: str, hsds_id: str | None) -> Row | None:
        return self._rows.get(name, {}).get(hsds_id) if hsds_id else None

    def count(self, name: str) -> int:
        return len(self._rows.get(name, {}))

    def children(self, child: Child, parent_id: str) -> list[Row]:
        key = (child.table, child.link)
        index = self._children.get(key)
        if index is None:
            index = {}
            for row in self.rows(child.table):
                link = row.get(child.link)
                if link:
                    index.setdefault(link, []).append(row)
            self._children[key] = index
        return index.get(parent_id, [])


def fields_json(spec: Table, row: Row) -> dict[str, JSONValue]:
    """A row's own fields: those with a value, and the required ones always."""
    out: dict[str, JSONValue] = {}
    for field in spec.fields:
        value = row.get(field.name)
        if value is None or value == "":
            if field.required:
                out[field.name] = ""
            continue
        out[field.name] = to_json(field, value)
    return out


def nest(
    store: RecordStore,
    table_name: str,
    row: Row,
    *,
    full: bool,
    path: tuple[str, ...] = (),
    basic_children: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    spec = table(table_name)
    out: dict[str, Any] = dict(fields_json(spec, row))
    on_path = (*path, table_name)
    for single in spec.singles:
        target = store.get(single.table, row.get(single.field))
        if target is not None and single.table not in on_path:
            out[single.prop] = nest(store, single.table, target, full=full, path=on_path)
    if not full:
        return out
    for child in spec.children:
        if child.table in on_path:
            continue
        rows = store.children(child, row["id"])
        if not rows and is_extension(child.prop):
            continue
        child_full = child.table not in basic_children
        out[child.prop] = [
            nest(store, child.table, item, full=child_full, path=on_path) for item in rows
        ]
    return out


def service_document(store: RecordStore, row: Row, *, full: bool) -> dict[str, Any]:
    return nest(store, "service", row, full=full)


def organization_document(
    store: RecordStore, row: Row, *, full: bool, full_service: bool
) -> dict[str, Any]:
    """HSDS: a full organization lists its services with their own fields only, unless
    `full_service` asks for them fully nested."""
    if not (full or full_service):
        return nest(store, "organization", row, full=False)
    basic: frozenset[str] = frozenset() if full_service else frozenset({"service"})
    return nest(store, "organization", row, full=True, basic_children=basic)


def export_documents(store: RecordStore) -> list[dict[str, Any]]:
    """The JSON export: every organization, fully nested with its services; then the services
    without an organization; then, so that nothing is lost, every row that neither reaches (a
    taxonomy term no service uses, a phone whose service is missing), fully nested too and
    marked with its table in `crisisdesk_table` (HSDS objects carry no type of their own)."""
    documents = [
        organization_document(store, row, full=True, full_service=True)
        for row in store.rows("organization")
    ]
    for row in store.rows("service"):
        if store.get("organization", row.get("organization_id")) is None:
            documents.append(service_document(store, row, full=True))
    seen: dict[str, set[str]] = {}
    for document in documents:
        _visit("organization" if "services" in document else "service", document, seen)
    for spec in TABLES:
        for row in store.rows(spec.name):
            if row["id"] in seen.get(spec.name, ()):
                continue
            document = {TABLE_MARK: spec.name, **nest(store, spec.name, row, full=True)}
            _visit(spec.name, document, seen)
            documents.append(document)
    return documents


def _visit(name: str, document: dict[str, Any], seen: dict[str, set[str]]) -> None:
    seen.setdefault(name, set()).add(document["id"])
    spec = table(name)
    for single in spec.singles:
        if isinstance(document.get(single.prop), dict):
            _visit(single.table, document[single.prop], seen)
    for child in spec.children:
        for item in document.get(child.prop, []):
            _visit(child.table, item, seen)


def tabular_rows(store: RecordStore, spec: Table) -> list[dict[str, JSONValue]]:
    return [fields_json(spec, row) for row in store.rows(spec.name)]


def csv_text(store: RecordStore, spec: Table) -> str:
    """One table as CSV: every column of the table, in HSDS order, a header line first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.field_names)
    for row in store.rows(spec.name):
        writer.writerow([to_csv(field, row.get(field.name)) for field in spec.fields])
    return buffer.getvalue()


def csv_package(store: RecordStore, name: str = "crisisdesk-directory") -> dict[str, str]:
    """File name → text of a CSV data package: every HSDS table (empty ones with their header),
    the crisis extension tables that have rows, and `datapackage.json` describing them."""
    files: dict[str, str] = {}
    resources = []
    for spec in TABLES:
        if spec not in HSDS_TABLES and store.count(spec.name) == 0:
            continue
        files[spec.csv] = csv_text(store, spec)
        resources.append(
            {
                "name": spec.name,
                "path": spec.csv,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": field.name, "type": field.kind.json_type} for field in spec.fields
                    ],
                    "primaryKey": "id",
                },
            }
        )
    datapackage = {
        "name": name,
        "title": "Open Referral HSDS 3.0 data package",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    files["datapackage.json"] = json.dumps(datapackage, indent=2) + "\n"
    return files

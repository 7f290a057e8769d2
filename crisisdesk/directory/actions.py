"""Changes to the directory. Every one runs in one transaction with its audit row.

`do_import_directory` writes a `Dataset` (read by `hsds.reader`) into one center's directory:
records are matched by HSDS id, so importing the same data again changes nothing and a newer
file updates in place. A field the data does not state keeps its value; a field stated empty
is emptied. Records absent from the data are left alone: a file may hold part of a directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.directory.hsds.records import Dataset, Problem, Record
from crisisdesk.directory.hsds.tables import table
from crisisdesk.directory.models import HsdsRecord
from crisisdesk.directory.search_index import refresh_search_index
from crisisdesk.directory.storage import (
    MODELS,
    WRITE_ORDER,
    apply_record,
    manager,
    model_field,
    snapshot,
    stored_fields,
)

BATCH_SIZE = 500
SUMMARY_TABLES = ("organization", "service", "location")


@dataclass
class ImportResult:
    """What an import did. `written` is False when errors stopped an all-or-nothing import."""

    written: bool
    imported: dict[str, int] = field(default_factory=dict)  # table → records written
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[Problem] = field(default_factory=list)
    unresolved: int = 0  # references to records the directory does not have

    def summary(self) -> dict[str, Any]:
        """The command's `--json` object."""
        return {
            "organizations": self.imported.get("organization", 0),
            "services": self.imported.get("service", 0),
            "locations": self.imported.get("location", 0),
            "rejected": self.rejected,
            "errors": [error.as_dict() for error in self.errors],
        }


@transaction.atomic
def do_import_directory(
    dataset: Dataset,
    *,
    center: Center,
    partial: bool,
    actor: User | SystemActor,
    source: str = "",
) -> ImportResult:
    """All or nothing unless `partial`: with any error and no `partial`, nothing is written."""
    result = ImportResult(written=False, rejected=dataset.rejected, errors=list(dataset.errors))
    if dataset.errors and not partial:
        return result
    pks = {name: _existing_pks(center, name) for name in WRITE_ORDER}
    for name in WRITE_ORDER:
        records = dataset.table(name)
        if records:
            _upsert(center, name, records.values(), pks, result)
            result.imported[name] = len(records)
    result.unresolved = _link_unresolved(center, pks)
    result.written = True
    # Search reads its own index: rebuilt in the same transaction, so a search never sees the
    # new services without their words (crisisdesk/directory/search_index.py).
    refresh_search_index(center)
    record_event(
        actor=actor,
        center=center,
        event_type="directory.imported",
        object_type="directory",
        object_id=center.code,
        details={
            "form": dataset.form,
            "source": source,
            "partial": partial,
            "imported": result.imported,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
            "unresolved_references": result.unresolved,
        },
    )
    return result


def _existing_pks(center: Center, name: str) -> dict[str, int]:
    rows = manager(name).filter(center=center).values_list("hsds_id", "pk")
    return {hsds_id: pk for hsds_id, pk in rows}


def _upsert(
    center: Center,
    name: str,
    records: Iterable[Record],
    pks: dict[str, dict[str, int]],
    result: ImportResult,
) -> None:
    model = MODELS[name]
    spec = table(name)
    fields = stored_fields(name)
    records = list(records)
    existing: dict[str, HsdsRecord] = {}
    known = [record.id for record in records if record.id in pks[name]]
    for start in range(0, len(known), BATCH_SIZE):
        chunk = known[start : start + BATCH_SIZE]
        for obj in manager(name).filter(center=center, hsds_id__in=chunk):
            existing[obj.hsds_id] = obj
    new: list[HsdsRecord] = []
    changed: list[HsdsRecord] = []
    for record in records:
        found = existing.get(record.id)
        if found is None:
            created = model(center=center, hsds_id=record.id)
            apply_record(created, spec, record.values, pks)
            new.append(created)
            continue
        obj = found
        before = snapshot(obj, name)
        apply_record(obj, spec, record.values, pks)
        if snapshot(obj, name) != before:
            changed.append(obj)
    manager(name).bulk_create(new, batch_size=BATCH_SIZE)
    if changed:
        manager(name).bulk_update(changed, fields, batch_size=BATCH_SIZE)
    pks[name].update({obj.hsds_id: obj.pk for obj in new})
    result.created += len(new)
    result.updated += len(changed)
    result.unchanged += len(records) - len(new) - len(changed)


def _link_unresolved(center: Center, pks: dict[str, dict[str, int]]) -> int:
    """Links references whose record has arrived (in this import or an earlier one: the order
    of files does not matter). Returns how many references still point nowhere."""
    remaining = 0
    for name in WRITE_ORDER:
        spec = table(name)
        pending = list(manager(name).filter(center=center).exclude(unresolved_references={}))
        linked: list[HsdsRecord] = []
        for obj in pending:
            unresolved = dict(obj.unresolved_references)
            for hsds_field, target_id in list(unresolved.items()):
                target_table = spec.references.get(hsds_field) or (
                    "service" if hsds_field == "link_id" else ""
                )
                target = pks.get(target_table, {}).get(target_id)
                if target is not None:
                    attribute = (
                        "service" if hsds_field == "link_id" else model_field(name, hsds_field)
                    )
                    setattr(obj, f"{attribute}_id", target)
                    del unresolved[hsds_field]
            if unresolved != obj.unresolved_references:
                obj.unresolved_references = unresolved
                linked.append(obj)
            remaining += len(unresolved)
        if linked:
            manager(name).bulk_update(linked, stored_fields(name), batch_size=BATCH_SIZE)
    return remaining


@transaction.atomic
def do_record_directory_export(
    *,
    center: Center,
    export_format: str,
    counts: dict[str, int],
    include_confidential: bool,
    actor: User | SystemActor,
) -> None:
    """An export is a read, but one of a whole directory (and, when asked, of confidential
    addresses): the audit trail says who took it."""
    record_event(
        actor=actor,
        center=center,
        event_type="directory.exported",
        object_type="directory",
        object_id=center.code,
        details={
            "format": export_format,
            "counts": counts,
            "include_confidential": include_confidential,
        },
    )

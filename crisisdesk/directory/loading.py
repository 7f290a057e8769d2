"""Reading the directory back as HSDS rows (`hsds.writing.RecordStore`), for the API and exports.

`DirectoryLoader` loads what nested documents about some services, services at locations or
organizations need, one query per table (about twenty, whatever the page size), or the whole
directory of a center. Confidential locations lose their addresses, coordinates, directions and
external identifiers here unless `include_confidential`: nothing after this point can show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from crisisdesk.centers.models import Center
from crisisdesk.directory.hsds.tables import Table, table
from crisisdesk.directory.hsds.values import ClockTime
from crisisdesk.directory.hsds.writing import RecordStore, Row
from crisisdesk.directory.storage import CLOCK_FIELDS, MODELS, manager, model_field

# What a confidential location keeps to itself besides its addresses.
CONFIDENTIAL_LOCATION_FIELDS = (
    "latitude",
    "longitude",
    "transportation",
    "external_identifier",
    "external_identifier_type",
)
ID_CHUNK = 2000


def _columns(spec: Table) -> list[str]:
    columns = ["pk", "hsds_id", "unresolved_references"]
    for field in spec.fields:
        if field.name == "id":
            continue
        attribute = model_field(spec.name, field.name)
        if field.references:
            columns.append(f"{attribute}__hsds_id")
        elif field.name in CLOCK_FIELDS:
            columns += [field.name, f"{field.name}_offset"]
        else:
            columns.append(attribute)
    return columns


def hsds_row(spec: Table, values: dict[str, Any]) -> Row:
    """A `values()` row of a model as an HSDS row."""
    unresolved = values.get("unresolved_references") or {}
    row: Row = {"id": values["hsds_id"]}
    for field in spec.fields:
        if field.name == "id":
            continue
        attribute = model_field(spec.name, field.name)
        if field.references:
            row[field.name] = values[f"{attribute}__hsds_id"] or unresolved.get(field.name)
        elif field.name in CLOCK_FIELDS:
            clock = values[field.name]
            row[field.name] = ClockTime(clock, values[f"{field.name}_offset"]) if clock else None
        else:
            value = values[attribute]
            row[field.name] = None if value == "" or value is False else value
    return row


class DirectoryLoader:
    def __init__(self, center: Center, *, include_confidential: bool = False) -> None:
        self.center = center
        self.include_confidential = include_confidential
        self.store = RecordStore()
        self.pks: dict[str, set[int]] = {name: set() for name in MODELS}

    def _load(self, name: str, condition: Q) -> None:
        spec = table(name)
        queryset = manager(name).filter(center=self.center).filter(condition)
        if self.pks[name]:
            queryset = queryset.exclude(pk__in=self.pks[name])
        rows = []
        for values in queryset.distinct().order_by("pk").values(*_columns(spec)):
            self.pks[name].add(values["pk"])
            row = hsds_row(spec, values)
            hide = not self.include_confidential and row.get("crisisdesk_confidential")
            if name == "location" and hide:
                for hidden in CONFIDENTIAL_LOCATION_FIELDS:
                    row[hidden] = None
            rows.append(row)
        self.store.extend(name, rows)

    def _in(self, relation: str, name: str) -> Q:
        return Q(**{f"{relation}__in": sorted(self.pks[name])})

    def everything(self) -> RecordStore:
        for name in MODELS:
            condition = Q()
            if name == "address" and not self.include_confidential:
                condition = ~Q(location__confidential=True)
            self._load(name, condition)
        return self.store

    def services(self, service_pks: Iterable[int], *, full: bool) -> RecordStore:
        self._load("service", Q(pk__in=list(service_pks)))
        self._load("organization", self._in("services", "service"))
        self._load("program", self._in("services", "service"))
        if full:
            self._around_services()
        return self.store

    def service_at_locations(self, pks: Iterable[int], *, full: bool) -> RecordStore:
        self._load("service_at_location", Q(pk__in=list(pks)))
        self._load("service", self._in("service_at_locations", "service_at_location"))
        self._load("location", self._in("service_at_locations", "service_at_location"))
        self._load("organization", self._in("services", "service"))
        self._load("program", self._in("services", "service"))
        if full:
            self._around_services()
        return self.store

    def organizations(self, pks: Iterable[int], *, full: bool, full_service: bool) -> RecordStore:
        self._load("organization", Q(pk__in=list(pks)))
        if full or full_service:
            self._load("service", self._in("organization", "organization"))
            self._load("program", self._in("organization", "organization"))
            self._around_services()
        return self.store

    def taxonomies(self, pks: Iterable[int]) -> RecordStore:
        self._load("taxonomy", Q(pk__in=list(pks)))
        return self.store

    def taxonomy_terms(self, pks: Iterable[int]) -> RecordStore:
        self._load("taxonomy_term", Q(pk__in=list(pks)))
        self._load("taxonomy", self._in("terms", "taxonomy_term"))
        return self.store

    def _around_services(self) -> None:
        """Everything nested inside full services and their organizations."""
        self._load("organization", self._in("services", "service"))
        self._load(
            "program", self._in("services", "service") | self._in("organization", "organization")
        )
        self._load("service_at_location", self._in("service", "service"))
        self._load(
            "location",
            self._in("service_at_locations", "service_at_location")
            | self._in("organization", "organization"),
        )
        for name in ("service_area", "cost_option", "required_document", "crisisdesk_intake_point"):
            self._load(name, self._in("service", "service"))
        self._load(
            "funding", self._in("service", "service") | self._in("organization", "organization")
        )
        self._load("organization_identifier", self._in("organization", "organization"))
        if self.include_confidential:
            self._load("address", self._in("location", "location"))
        else:
            self._load(
                "address", self._in("location", "location") & Q(location__confidential=False)
            )
        self._load("accessibility", self._in("location", "location"))
        self._load(
            "contact",
            self._in("organization", "organization")
            | self._in("service", "service")
            | self._in("service_at_location", "service_at_location")
            | self._in("location", "location"),
        )
        self._load(
            "phone",
            self._in("organization", "organization")
            | self._in("service", "service")
            | self._in("service_at_location", "service_at_location")
            | self._in("location", "location")
            | self._in("contact", "contact"),
        )
        self._load(
            "language",
            self._in("service", "service")
            | self._in("location", "location")
            | self._in("phone", "phone"),
        )
        self._load(
            "schedule",
            self._in("service", "service")
            | self._in("location", "location")
            | self._in("service_at_location", "service_at_location")
            | self._in("intake_point", "crisisdesk_intake_point"),
        )
        loaded_ids = [row["id"] for name in MODELS for row in self.store.rows(name)]
        self._load_linked("attribute", "link_id", loaded_ids)
        self._load("taxonomy_term", self._in("attributes", "attribute"))
        self._load("taxonomy", self._in("terms", "taxonomy_term"))
        described = loaded_ids + [row["id"] for row in self.store.rows("attribute")]
        self._load_linked("metadata", "resource_id", described)

    def _load_linked(self, name: str, column: str, hsds_ids: list[str]) -> None:
        for start in range(0, len(hsds_ids), ID_CHUNK):
            self._load(name, Q(**{f"{column}__in": hsds_ids[start : start + ID_CHUNK]}))

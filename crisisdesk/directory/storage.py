"""Between HSDS records (field names as in HSDS, references as HSDS ids) and our models.

Most HSDS fields are model fields of the same name. The exceptions are listed here: `id` is
`hsds_id`, a reference `organization_id` is the foreign key `organization` (kept in
`unresolved_references` while its record is missing), a schedule's `opens_at` is a clock time
plus `opens_at_offset`, and the `crisisdesk_` extension fields have plain names. Nothing here
writes to the database (`actions` does).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models

from crisisdesk.directory import models as directory
from crisisdesk.directory.hsds.tables import Table, table
from crisisdesk.directory.hsds.values import ClockTime

MODELS: dict[str, type[directory.HsdsRecord]] = {
    "taxonomy": directory.Taxonomy,
    "taxonomy_term": directory.TaxonomyTerm,
    "organization": directory.Organization,
    "program": directory.Program,
    "service": directory.Service,
    "location": directory.Location,
    "service_at_location": directory.ServiceAtLocation,
    "crisisdesk_intake_point": directory.IntakePoint,
    "contact": directory.Contact,
    "phone": directory.Phone,
    "language": directory.Language,
    "schedule": directory.Schedule,
    "address": directory.Address,
    "accessibility": directory.Accessibility,
    "service_area": directory.ServiceArea,
    "cost_option": directory.CostOption,
    "required_document": directory.RequiredDocument,
    "funding": directory.Funding,
    "organization_identifier": directory.OrganizationIdentifier,
    "attribute": directory.Attribute,
    "metadata": directory.Metadata,
    "meta_table_description": directory.MetaTableDescription,
}
# The order of writing: a table after the tables it points at (self-references and the rare
# forward reference are linked after all tables are written).
WRITE_ORDER = tuple(MODELS)
MODEL_FIELD_NAMES = {
    ("taxonomy_term", "parent_id"): "parent",
    ("taxonomy_term", "taxonomy_id"): "taxonomy_detail",
    ("schedule", "crisisdesk_intake_point_id"): "intake_point",
    ("location", "crisisdesk_confidential"): "confidential",
    ("service", "crisisdesk_last_verified_at"): "last_verified_at",
}
CLOCK_FIELDS = frozenset({"opens_at", "closes_at"})
# Attribute.link_entity values that name a table other than service: no `service` link then.
NOT_SERVICE_ENTITIES = frozenset(name for name in MODELS if name != "service")


def manager(table_name: str) -> models.Manager[directory.HsdsRecord]:
    """The default manager of a table's model (`objects`, which the abstract base cannot name)."""
    return MODELS[table_name]._default_manager


@cache
def model_field(table_name: str, hsds_field: str) -> str:
    """The model field an HSDS field is stored in (a foreign key's name, not its `_id`)."""
    if hsds_field == "id":
        return "hsds_id"
    mapped = MODEL_FIELD_NAMES.get((table_name, hsds_field))
    if mapped:
        return mapped
    if table(table_name).references.get(hsds_field):
        return hsds_field.removesuffix("_id")
    return hsds_field


def _blank(field: Any, value: Any) -> Any:
    # Text columns hold "" for "nothing", as Django does; the others NULL.
    if value is None and isinstance(field, models.CharField | models.TextField):
        return ""
    return value


def apply_record(
    obj: directory.HsdsRecord,
    spec: Table,
    values: dict[str, Any],
    pks: dict[str, dict[str, int]],
) -> None:
    """Sets the fields a record states on `obj` (unsaved changes only). A reference whose record
    is not in `pks` is kept in `unresolved_references`."""
    meta = obj._meta
    unresolved = dict(obj.unresolved_references or {})
    for name, value in values.items():
        if name == "id":
            continue
        target_table = spec.references.get(name)
        attribute = model_field(spec.name, name)
        if target_table:
            target = pks.get(target_table, {}).get(value) if value else None
            setattr(obj, f"{attribute}_id", target)
            if value and target is None:
                unresolved[name] = value
            else:
                unresolved.pop(name, None)
        elif name in CLOCK_FIELDS:
            clock = value if isinstance(value, ClockTime) else None
            setattr(obj, name, clock.clock if clock else None)
            setattr(obj, f"{name}_offset", clock.offset if clock else "")
        elif spec.name == "location" and attribute == "confidential":
            obj.confidential = bool(value)  # type: ignore[attr-defined]
        else:
            setattr(obj, attribute, _blank(meta.get_field(attribute), value))
    if isinstance(obj, directory.Attribute):
        unresolved.pop("link_id", None)
        obj.service_id = None
        if obj.link_id and obj.link_entity not in NOT_SERVICE_ENTITIES:
            obj.service_id = pks.get("service", {}).get(obj.link_id)
            if obj.service_id is None and obj.link_entity == "service":
                unresolved["link_id"] = obj.link_id  # linked when the service arrives
    obj.unresolved_references = unresolved


@cache
def stored_fields(table_name: str) -> list[str]:
    """The model fields an import may change (for `bulk_update`)."""
    model = MODELS[table_name]
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in ("id", "center", "hsds_id")
        and not (table_name == "service" and field.name == "last_verified_by")
    ]


def snapshot(obj: directory.HsdsRecord, table_name: str) -> tuple[Any, ...]:
    """The values an import may change, to tell an update from a row left as it was."""
    return tuple(getattr(obj, attname) for attname in _stored_attnames(table_name))


@cache
def _stored_attnames(table_name: str) -> tuple[str, ...]:
    meta = MODELS[table_name]._meta
    return tuple(meta.get_field(name).attname for name in stored_fields(table_name))  # type: ignore[union-attr]

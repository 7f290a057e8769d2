"""Recognising data in an older HSDS layout (1.x, 2.0), which we refuse with a message saying
what gave it away and what HSDS 3.0 calls it now. Importing it as 3.0 would silently lose
opening hours, addresses and categories, which 3.0 keeps in other tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Tables (CSV files, or datapackage resources) that HSDS 3.0 no longer has.
LEGACY_TABLES = {
    "regular_schedules": "schedules",
    "holiday_schedules": "schedules",
    "physical_addresses": "addresses (address_type physical)",
    "postal_addresses": "addresses (address_type postal)",
    "eligibility": "service.eligibility_description, minimum_age, maximum_age and attributes",
    "service_taxonomy": "attributes",
    "taxonomy": "taxonomy_terms and taxonomies",
    "payment_accepted": "cost_options",
    "service_attributes": "attributes",
    "other_attributes": "attributes",
    "location_taxonomy": "attributes",
    "holiday_schedule": "schedules",
}
# Keys of nested JSON objects (the HSDA 1.x API) that HSDS 3.0 replaced.
LEGACY_KEYS = {
    "regular_schedules": "schedules",
    "holiday_schedules": "schedules",
    "physical_address": "addresses",
    "physical_addresses": "addresses",
    "postal_address": "addresses",
    "postal_addresses": "addresses",
    "eligibility": "eligibility_description",
    "service_taxonomy": "attributes",
    "payment_accepted": "cost_options",
    "service_attributes": "attributes",
    "other_attributes": "attributes",
}
# Columns of tables that kept their name but changed their columns.
LEGACY_COLUMNS = {
    ("languages.csv", "language"): "languages.csv has name and code",
    ("phones.csv", "language"): "phone languages are rows of languages.csv",
    ("phones.csv", "department"): "phones.csv has no department",
}
ADVICE = (
    "Convert it to HSDS 3.0 first (Open Referral's 3.0 migration guide maps every table), "
    "or ask the publisher for an HSDS 3.0 export."
)


def _message(found: list[str]) -> str:
    return (
        "this looks like HSDS 1.x/2.0, not HSDS 3.0: it has "
        + "; ".join(found)
        + ". Nothing was imported. "
        + ADVICE
    )


def legacy_package_message(
    file_columns: dict[str, list[str]], datapackage: dict[str, Any] | None
) -> str | None:
    """`file_columns`: CSV file name → its header. None when nothing older was recognised."""
    found: list[str] = []
    for name in sorted(file_columns):
        stem = name.removesuffix(".csv")
        if stem in LEGACY_TABLES:
            found.append(f"{name} (3.0: {LEGACY_TABLES[stem]})")
        for column in file_columns[name]:
            hint = LEGACY_COLUMNS.get((name, column))
            if hint:
                found.append(f"column {column} in {name} ({hint})")
    if datapackage is not None:
        for resource in _resources(datapackage):
            if resource in LEGACY_TABLES and f"{resource}.csv" not in file_columns:
                found.append(f"resource {resource} in datapackage.json")
    locations = file_columns.get("locations.csv")
    no_addresses = "addresses.csv" not in file_columns
    if locations is not None and "location_type" not in locations and no_addresses:
        found.append("locations.csv without location_type and no addresses.csv")
    return _message(found) if found else None


def _resources(datapackage: dict[str, Any]) -> Iterable[str]:
    resources = datapackage.get("resources")
    if not isinstance(resources, list):
        return []
    names = []
    for resource in resources:
        if isinstance(resource, dict):
            # The path, not the name: 3.0 names taxonomies.csv "taxonomy" (1.1: taxonomy.csv).
            path = str(resource.get("path") or "")
            names.append(path.rsplit("/", 1)[-1].removesuffix(".csv") if path else "")
    return names


def legacy_json_message(document: Any) -> str | None:
    found: dict[str, str] = {}
    _walk(document, found, depth=0)
    if not found:
        return None
    return _message([f'"{key}" (3.0: {hint})' for key, hint in sorted(found.items())])


def _walk(value: Any, found: dict[str, str], depth: int) -> None:
    # A few levels are enough: the old keys sit on services and locations.
    if depth > 6 or len(found) >= 5:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LEGACY_KEYS:
                found[key] = LEGACY_KEYS[key]
            _walk(item, found, depth + 1)
    elif isinstance(value, list):
        for item in value[:50]:
            _walk(item, found, depth + 1)

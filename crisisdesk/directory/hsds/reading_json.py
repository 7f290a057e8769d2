"""Nested HSDS 3.0 JSON, in the shapes the HSDS API answers with and the official examples use:
one object or a list of them (services, organizations, services at locations, locations,
taxonomies, taxonomy terms), or a page of an API list (`{"total_items", ..., "contents": [...]}`).

Every object becomes a `Node` of its table. A nested row points back at its parent by position
(a phone inside `service.phones` belongs to that service) unless it says otherwise, and a parent
keeps the id of a nested single object (`service.organization` gives `organization_id`). The same
id may appear in several places (the official examples repeat a phone under the service, its
location and its contact): `reader` merges the occurrences.
"""

from __future__ import annotations

from typing import Any

from crisisdesk.directory.hsds.records import HsdsFormatError, Node, Problem
from crisisdesk.directory.hsds.tables import TABLES_BY_NAME, table

# Marks a top-level object of our JSON export that is not a service or an organization.
TABLE_MARK = "crisisdesk_table"

API_ROOT_KEYS = frozenset({"version", "profile", "openapi_url"})
ORGANIZATION_KEYS = frozenset(
    {
        "services",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "parent_organization_id",
        "organization_identifiers",
        "programs",
        "locations",
    }
)
SERVICE_KEYS = frozenset(
    {"status", "service_at_locations", "service_areas", "eligibility_description", "cost_options"}
)
TERM_KEYS = frozenset({"taxonomy_detail", "parent_id", "term_uri", "code", "taxonomy_id"})


def classify(obj: dict[str, Any]) -> str | None:
    """Which table a top-level object belongs to, from the keys only that table has."""
    keys = obj.keys()
    if obj.get(TABLE_MARK) in TABLES_BY_NAME:
        return str(obj[TABLE_MARK])
    if "location_type" in keys or "addresses" in keys or "accessibility" in keys:
        return "location"
    if isinstance(obj.get("service"), dict) or (
        isinstance(obj.get("location"), dict) and "name" not in keys
    ):
        return "service_at_location"
    if keys & SERVICE_KEYS or isinstance(obj.get("organization"), dict):
        return "service"
    if keys & TERM_KEYS or isinstance(obj.get("taxonomy"), str):
        return "taxonomy_term"
    if keys & ORGANIZATION_KEYS:
        return "organization"
    if "id" in keys and "name" in keys and ("version" in keys or "uri" in keys):
        return "taxonomy"
    if "id" in keys and "name" in keys:
        return "organization"
    return None


def _items(document: Any) -> tuple[list[Any], str]:
    if isinstance(document, list):
        return document, "a list"
    if not isinstance(document, dict):
        raise HsdsFormatError(
            f"the JSON document is a {type(document).__name__}; HSDS data is an object or a list"
        )
    if document.keys() >= API_ROOT_KEYS and "id" not in document:
        raise HsdsFormatError(
            "this is the root document of an HSDS API (version, profile, openapi_url), not data"
        )
    if isinstance(document.get("contents"), list) and "total_items" in document:
        return document["contents"], "a page of an HSDS API list"
    return [document], "one object"


def read_json_document(document: Any) -> tuple[str, list[Node]]:
    """The nodes of a nested HSDS document, and a description of what it was recognised as."""
    items, shape = _items(document)
    kinds = [classify(item) if isinstance(item, dict) else None for item in items]
    known = [kind for kind in kinds if kind is not None]
    if items and not known:
        first = items[0]
        keys = ", ".join(sorted(first)[:12]) if isinstance(first, dict) else type(first).__name__
        raise HsdsFormatError(
            f"cannot tell which HSDS 3.0 table the objects belong to (keys: {keys})"
        )
    fallback = max(set(known), key=known.count) if known else "service"
    nodes: list[Node] = []
    counts: dict[str, int] = {}
    for index, item in enumerate(items):
        kind = kinds[index] or fallback
        if isinstance(item, dict) and item.get(TABLE_MARK) in TABLES_BY_NAME:
            kind = item[TABLE_MARK]
            item = {key: value for key, value in item.items() if key != TABLE_MARK}
        counts[kind] = counts.get(kind, 0) + 1
        position = f"$[{index}]" if shape != "one object" else "$"
        if shape == "a page of an HSDS API list":
            position = f"$.contents[{index}]"
        _flatten(item, kind, position, {}, nodes)
    what = ", ".join(_counted(kind, count) for kind, count in sorted(counts.items()))
    return f"HSDS 3.0 JSON, {shape} ({what or 'empty'})", nodes


def _counted(kind: str, count: int) -> str:
    if count == 1:
        return f"1 {kind}"
    return f"{count} {kind[:-1]}ies" if kind.endswith("y") else f"{count} {kind}s"


def _flatten(
    obj: Any, table_name: str, position: str, implied: dict[str, str], nodes: list[Node]
) -> None:
    if not isinstance(obj, dict):
        problem = Problem(table_name, position, "", "", f"is {type(obj).__name__}, not an object")
        nodes.append(Node(table_name, {}, position, [problem]))
        return
    spec = table(table_name)
    data = dict(obj)
    for field_name, value in implied.items():
        if data.get(field_name) in (None, ""):
            data[field_name] = value
    for single in spec.singles:
        nested = obj.get(single.prop)
        if not isinstance(nested, dict):
            continue
        nested_id = nested.get("id")
        if isinstance(nested_id, str) and data.get(single.field) in (None, ""):
            data[single.field] = nested_id
        _flatten(nested, single.table, f"{position}.{single.prop}", {}, nodes)
    nodes.append(Node(table_name, data, position))
    own_id = obj.get("id")
    for child in spec.children:
        rows = obj.get(child.prop)
        if not isinstance(rows, list):
            continue  # a wrong shape is reported when the node is checked
        link: dict[str, str] = {}
        if isinstance(own_id, str) and own_id:
            link[child.link] = own_id
            if child.table == "attribute":
                link["link_entity"] = table_name
            elif child.table == "metadata":
                link["resource_type"] = table_name
        for index, row in enumerate(rows):
            _flatten(row, child.table, f"{position}.{child.prop}[{index}]", link, nodes)

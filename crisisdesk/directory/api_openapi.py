"""The HSDS 3.0 part of our OpenAPI document (`crisisdesk.api.openapi` merges it in).

Object schemas are generated from the same table definitions the importer validates with
(`hsds.validation.row_schema`), so the document cannot drift from what the API writes.
"""

from __future__ import annotations

from typing import Any

from crisisdesk.directory.api_params import DEFAULT_PER_PAGE, MAX_PER_PAGE
from crisisdesk.directory.hsds.validation import row_schema

OBJECTS = {
    "HsdsService": "service",
    "HsdsOrganization": "organization",
    "HsdsServiceAtLocation": "service_at_location",
    "HsdsTaxonomy": "taxonomy",
    "HsdsTaxonomyTerm": "taxonomy_term",
}


def _schema(table_name: str) -> dict[str, Any]:
    schema = {key: value for key, value in row_schema(table_name).items() if key != "$schema"}
    schema["description"] = (
        f"An HSDS 3.0 {table_name} (openreferral.org); nested arrays and objects hold rows of "
        "the tables of those names. Fields without a value are left out."
    )
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


PARAMETERS: dict[str, dict[str, Any]] = {
    "HsdsSearch": _query(
        "search",
        "Words that must all appear (name, description, organization).",
        {"type": "string"},
    ),
    "HsdsPage": _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    "HsdsPerPage": _query(
        "per_page",
        f"Items per page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    ),
    "HsdsFormat": _query("format", "Only `json` is offered.", {"type": "string", "enum": ["json"]}),
    "HsdsTaxonomyTermId": _query(
        "taxonomy_term_id", "Services with this taxonomy term.", {"type": "string"}
    ),
    "HsdsTaxonomyId": _query(
        "taxonomy_id", "Services with any term of this taxonomy.", {"type": "string"}
    ),
    "HsdsOrganizationId": _query(
        "organization_id", "Services of this organization.", {"type": "string"}
    ),
    "HsdsModifiedAfter": _query(
        "modified_after",
        "Services whose last_modified is at or after this time (ISO 8601; UTC without offset).",
        {"type": "string", "format": "date-time"},
    ),
    "HsdsMinimal": _query(
        "minimal", "Only each service's id and last_modified.", {"type": "boolean"}
    ),
    "HsdsFull": _query("full", "Fully nested objects instead of basic ones.", {"type": "boolean"}),
    "HsdsFullService": _query(
        "full_service", "An organization's services fully nested.", {"type": "boolean"}
    ),
    "HsdsPostcode": _query(
        "postcode",
        "Services at a location with an address of this postcode (never a confidential one).",
        {"type": "string"},
    ),
    "HsdsTopOnly": _query("top_only", "Only terms without a parent.", {"type": "boolean"}),
    "HsdsParentId": _query("parent_id", "Only the children of this term.", {"type": "string"}),
}


def _params(*names: str) -> list[dict[str, str]]:
    return [{"$ref": f"#/components/parameters/Hsds{name}"} for name in names]


def _page_of(name: str) -> dict[str, Any]:
    return {
        "allOf": [
            _ref("HsdsPage"),
            {"type": "object", "properties": {"contents": {"type": "array", "items": _ref(name)}}},
        ]
    }


def _errors(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Errors")}}}


def _get(operation: str, summary: str, schema: dict[str, Any], params: list[Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": summary, "content": {"application/json": {"schema": schema}}},
        "401": _errors("No valid integration token (missing, wrong or revoked)."),
        "405": _errors("Only GET is accepted."),
    }
    if any("/Hsds" in str(param) for param in params):
        responses["400"] = _errors("A parameter cannot be read; the error names it.")
    if any(param.get("in") == "path" for param in params):
        responses["404"] = _errors("No such record in this center's directory.")
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "tags": ["HSDS 3.0"],
            "parameters": params,
            "responses": responses,
        }
    }


ID_PARAMETER = {"name": "hsds_id", "in": "path", "required": True, "schema": {"type": "string"}}
LIST_PARAMS = ("Search", "Page", "PerPage", "Format")

PATHS: dict[str, Any] = {
    "/hsds/": _get(
        "getHsdsApiMetaInformation",
        "The HSDS version and profile of this API.",
        _ref("HsdsRoot"),
        [],
    ),
    "/hsds/services": _get(
        "getHsdsServices",
        "A page of services (basic, `full`, or `minimal`).",
        _page_of("HsdsService"),
        _params(
            *LIST_PARAMS,
            "TaxonomyTermId",
            "TaxonomyId",
            "OrganizationId",
            "ModifiedAfter",
            "Minimal",
            "Full",
        ),
    ),
    "/hsds/services/{hsds_id}": _get(
        "getHsdsService", "A fully nested service.", _ref("HsdsService"), [ID_PARAMETER]
    ),
    "/hsds/organizations": _get(
        "getHsdsOrganizations",
        "A page of organizations.",
        _page_of("HsdsOrganization"),
        _params(*LIST_PARAMS, "Full", "FullService"),
    ),
    "/hsds/organizations/{hsds_id}": _get(
        "getHsdsOrganization",
        "A fully nested organization; its services basic unless `full_service`.",
        _ref("HsdsOrganization"),
        [ID_PARAMETER, *_params("FullService")],
    ),
    "/hsds/service_at_locations": _get(
        "getHsdsServiceAtLocations",
        "A page of services at locations.",
        _page_of("HsdsServiceAtLocation"),
        _params(
            *LIST_PARAMS,
            "TaxonomyTermId",
            "TaxonomyId",
            "OrganizationId",
            "ModifiedAfter",
            "Full",
            "Postcode",
        ),
    ),
    "/hsds/service_at_locations/{hsds_id}": _get(
        "getHsdsServiceAtLocation",
        "A fully nested service at a location.",
        _ref("HsdsServiceAtLocation"),
        [ID_PARAMETER],
    ),
    "/hsds/taxonomies": _get(
        "getHsdsTaxonomies",
        "A page of taxonomies.",
        _page_of("HsdsTaxonomy"),
        _params(*LIST_PARAMS),
    ),
    "/hsds/taxonomies/{hsds_id}": _get(
        "getHsdsTaxonomy", "A taxonomy.", _ref("HsdsTaxonomy"), [ID_PARAMETER]
    ),
    "/hsds/taxonomy_terms": _get(
        "getHsdsTaxonomyTerms",
        "A page of taxonomy terms.",
        _page_of("HsdsTaxonomyTerm"),
        _params(*LIST_PARAMS, "TaxonomyId", "TopOnly", "ParentId"),
    ),
    "/hsds/taxonomy_terms/{hsds_id}": _get(
        "getHsdsTaxonomyTerm", "A taxonomy term.", _ref("HsdsTaxonomyTerm"), [ID_PARAMETER]
    ),
}

SCHEMAS: dict[str, Any] = {
    "HsdsRoot": {
        "type": "object",
        "required": ["version"],
        "properties": {
            "version": {"type": "string"},
            "profile": {"type": "string"},
            "openapi_url": {"type": "string"},
        },
    },
    "HsdsPage": {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer", "description": "Items on this page."},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array"},
        },
    },
    **{name: _schema(table_name) for name, table_name in OBJECTS.items()},
}

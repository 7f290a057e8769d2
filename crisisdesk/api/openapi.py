"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

Written by hand, next to the views it describes; a test checks that it is a valid OpenAPI
document and that it names exactly the routes the URLconf has, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from crisisdesk import __version__
from crisisdesk.accounts.permissions import public
from crisisdesk.directory import api_openapi as hsds_openapi
from crisisdesk.directory import capacity_openapi

ERRORS = {"$ref": "#/components/schemas/Errors"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERRORS}}}


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


REFUSALS = {
    "401": _error("No valid integration token (missing, wrong or revoked)."),
    "405": _error("Only POST is accepted."),
    "413": _error("The body is larger than 1 MiB."),
    "415": _error("The body is not UTF-8 JSON."),
}

SCHEMA: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "CrisisDesk API",
        "version": __version__,
        "description": (
            "For CAD and other systems of a 911 center. Every call authenticates with an "
            "integration token (`Authorization: Bearer ...`) that belongs to one center; an "
            "administrator creates it on the CAD integrations page or with "
            '`crisisdesk token create`. Errors always come as `{"errors": [{"path", '
            '"message"}]}`, the path pointing at the offending field.'
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"integrationToken": []}],
    "paths": {
        "/incidents/eido": {
            "post": {
                "operationId": "receiveEido",
                "summary": "Send one NENA EIDO document (new incident or update).",
                "description": (
                    "Idempotent: the same document twice gives one incident and no duplicate "
                    "notes; a later update merges; an update older than one already received "
                    "never overwrites newer state. A document that fails validation answers 400 "
                    "and is kept in a quarantine where an administrator can fix and replay it."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Eido"}}
                    },
                },
                "responses": {
                    "201": _ok("A new incident.", {"$ref": "#/components/schemas/Ingested"}),
                    "200": _ok(
                        "An existing incident, updated or unchanged.",
                        {"$ref": "#/components/schemas/Ingested"},
                    ),
                    "400": _ok(
                        "Not valid JSON or not a valid EIDO; quarantined.",
                        {"$ref": "#/components/schemas/Quarantined"},
                    ),
                    **REFUSALS,
                },
            }
        },
        "/protocols/{name}/evaluate": {
            "post": {
                "operationId": "evaluateProtocol",
                "summary": "Evaluate answers against a triage protocol or instrument.",
                "parameters": [
                    {
                        "name": "name",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                        "example": "diversion-standard",
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["answers"],
                                "properties": {
                                    "answers": {
                                        "type": "object",
                                        "description": (
                                            "Question id to answer: yes/no as JSON booleans, "
                                            "choices as strings, numbers as numbers."
                                        ),
                                        "additionalProperties": {
                                            "type": ["boolean", "string", "number"]
                                        },
                                    }
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": _ok("The evaluation.", {"$ref": "#/components/schemas/Evaluation"}),
                    "400": _error("Invalid answers; each error names the question."),
                    "404": _error("No protocol of that name."),
                    **REFUSALS,
                },
            }
        },
        # Open Referral HSDS 3.0, read-only: written next to its views.
        **hsds_openapi.PATHS,
        # Providers' capacity updates (the directory's search side).
        **capacity_openapi.PATHS,
    },
    "components": {
        "parameters": hsds_openapi.PARAMETERS,
        "securitySchemes": {
            "integrationToken": {"type": "http", "scheme": "bearer"},
            **capacity_openapi.SECURITY_SCHEMES,
        },
        "schemas": {
            "Errors": {
                "type": "object",
                "required": ["errors"],
                "properties": {
                    "errors": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["path", "message"],
                            "properties": {
                                "path": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    }
                },
            },
            "Quarantined": {
                "allOf": [
                    {"$ref": "#/components/schemas/Errors"},
                    {
                        "type": "object",
                        "properties": {"quarantine_id": {"type": ["integer", "null"]}},
                    },
                ]
            },
            "Eido": {
                "type": "object",
                "description": (
                    "A NENA Emergency Incident Data Object (NENA-STA-021.1b). CrisisDesk reads "
                    "the incident, call, notes, location, person, callback, agency and agent "
                    "components and ignores the rest."
                ),
                "required": ["$id", "lastUpdateTimeStamp"],
                "properties": {
                    "$id": {"type": "string", "description": "The incident tracking id."},
                    "lastUpdateTimeStamp": {"type": "string", "format": "date-time"},
                },
                "additionalProperties": True,
            },
            "Ingested": {
                "type": "object",
                "required": ["outcome", "incident_id", "external_id"],
                "properties": {
                    "outcome": {"enum": ["created", "updated", "unchanged"]},
                    "incident_id": {"type": "integer"},
                    "external_id": {"type": "string"},
                },
            },
            "Evaluation": {
                "type": "object",
                "required": [
                    "protocol",
                    "version",
                    "complete",
                    "outcome",
                    "reasons",
                    "flags",
                    "next_questions",
                ],
                "properties": {
                    "protocol": {"type": "string"},
                    "version": {"type": "string"},
                    "complete": {"type": "boolean"},
                    "outcome": {"type": ["string", "null"]},
                    "reasons": {"type": "array", "items": {"type": "string"}},
                    "flags": {"type": "array", "items": {"type": "string"}},
                    "next_questions": {"type": "array", "items": {"type": "string"}},
                },
            },
            **hsds_openapi.SCHEMAS,
            **capacity_openapi.SCHEMAS,
        },
    },
}


@public
@require_GET
def openapi_schema(request: HttpRequest) -> HttpResponse:
    """The API's description; public, like any published interface, and without data."""
    return JsonResponse(SCHEMA)

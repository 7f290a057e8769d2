"""The capacity endpoint's part of our OpenAPI document (`crisisdesk.api.openapi` merges it)."""

from __future__ import annotations

from typing import Any

from crisisdesk.directory.capacity_views import MAX_BODY_BYTES
from crisisdesk.directory.search_actions import MAX_FIGURE, NOTE_LENGTH, RATE_LIMIT


def _error(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Errors"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


FIGURE = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_FIGURE}

SECURITY_SCHEMES: dict[str, Any] = {
    "capacityToken": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "The secret of a provider's capacity link (made by a directory manager on the "
            "service's page); it may update one service, or every service of one organization."
        ),
    }
}

SCHEMAS: dict[str, Any] = {
    "CapacityUpdate": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "service_id": {
                "type": "string",
                "description": "The HSDS service id; may be left out by a one-service link.",
            },
            "service_at_location_id": {
                "type": ["string", "null"],
                "description": "For a service counting beds per location: that location's "
                "HSDS service_at_location id.",
            },
            "unit": {"enum": ["beds", "slots"], "default": "beds"},
            "available": FIGURE,
            "total": FIGURE,
            "waitlist": FIGURE,
            "accepting_referrals": {"type": ["boolean", "null"]},
            "note": {"type": "string", "maxLength": NOTE_LENGTH},
        },
    },
    "Capacity": {
        "type": "object",
        "required": ["service_id", "unit", "updated_at", "stale_after_hours"],
        "properties": {
            "service_id": {"type": "string"},
            "service_at_location_id": {"type": ["string", "null"]},
            "unit": {"enum": ["beds", "slots"]},
            "available": {"type": ["integer", "null"]},
            "total": {"type": ["integer", "null"]},
            "waitlist": {"type": ["integer", "null"]},
            "accepting_referrals": {"type": ["boolean", "null"]},
            "note": {"type": "string"},
            "updated_at": {"type": "string", "format": "date-time"},
            "stale_after_hours": {"type": "integer"},
        },
    },
}

PATHS: dict[str, Any] = {
    "/directory/capacity": {
        "post": {
            "operationId": "updateCapacity",
            "summary": "A provider sets a service's current beds or slots.",
            "description": (
                "Each field is the new value (null: unknown). The update is timestamped by the "
                "server and audited with the link's label; figures older than the center's stale "
                f"age are shown as stale. At most {RATE_LIMIT} updates an hour per link."
            ),
            "security": [{"capacityToken": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CapacityUpdate"}}
                },
            },
            "responses": {
                "200": {
                    "description": "Saved.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Capacity"}}
                    },
                },
                "400": _error("Invalid figures; each error names its field."),
                "401": _error("No valid capacity link secret (missing, wrong or revoked)."),
                "405": _error("Only POST is accepted."),
                "413": _error(f"The body is larger than {MAX_BODY_BYTES} bytes."),
                "415": _error("The body is not UTF-8 JSON."),
                "429": _error("Too many updates through this link within the hour."),
            },
        }
    }
}

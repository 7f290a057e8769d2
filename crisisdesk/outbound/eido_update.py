"""The EIDO update CrisisDesk sends to a center's CAD. Plain Python, no Django import.

A minimal NENA EIDO (NENA-STA-021) document: the incident it is about, who updated it, its
status, and one plain-text note saying what happened. The CAD already holds the call; it needs
to know how its handling changed, not the clinical record. So the note says the outcome (and,
for a call returned to 911, why, because the call taker acts on it) and nothing else: no
encounter notes, no risk screens, no names. No person, location or agent component is sent.

Fields the schema requires are all present: `$id`, `lastUpdateTimeStamp` and
`updatedByAgencyReference` on the document and on every component; `eidoVersion`,
`issuingElementIdentification` and `agencyComponent` on the document;
`incidentTypeCommonRegistryText` on the incident; `notesActionComments` on the note.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

EIDO_VERSION = "1.0"
ISSUING_ELEMENT = "crisisdesk"
# The registry words our own intake (and most CADs) read as the four incident statuses.
STATUS_REGISTRY_TEXT = {
    "pending": "Pending",
    "active": "Active",
    "closed": "Closed",
    "cancelled": "Cancelled",
}
UNKNOWN_INCIDENT_TYPE = "Unknown"

# What the CAD is told, by outcome of a transfer (`TransferState` values). Outcomes only.
TRANSFER_NOTES = {
    "accepted": "Transfer accepted by clinician",
    "resolved_by_phone": "Resolved by phone by a clinician",
    "team_requested": "Clinician requested a response team",
    "returned_to_911": "Returned to 911",
    "ems_fire": "Handed to EMS / fire by a clinician",
    "clinician_unavailable": "No clinician accepted the transfer in time: CIT officer fallback",
}
# The reason a call goes back to 911 is the one free text the CAD gets; a long one is cut.
MAX_RETURN_REASON = 300


def transfer_note(outcome: str, return_reason: str = "") -> str:
    """The note for a transfer outcome. Only a return to 911 carries its reason."""
    note = TRANSFER_NOTES[outcome]
    reason = " ".join(return_reason.split())
    if outcome == "returned_to_911" and reason:
        if len(reason) > MAX_RETURN_REASON:
            reason = reason[: MAX_RETURN_REASON - 1] + "…"
        note = f"{note}: {reason}"
    return note


@dataclass(frozen=True)
class IncidentUpdate:
    """Everything the document says, as plain values."""

    tracking_id: str  # the incident's id in the CAD (our `Incident.external_id`)
    agency_id: str  # who is updating: the center's CrisisDesk
    updated_at: datetime  # time zone aware
    status: str  # one of STATUS_REGISTRY_TEXT's keys
    internal_status: str  # what happened in CrisisDesk words, e.g. `transfer.accepted`
    note: str  # plain text; escaped into the HTML5 the schema asks for
    note_id: str  # unique per update, so a receiver never stores a note twice
    call_type_code: str = ""
    call_type_text: str = ""


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, e.g. 2026-11-20T14:00:00.000+00:00."""
    if moment.tzinfo is None:
        raise ValueError("EIDO timestamps need a time zone aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def build_incident_update(update: IncidentUpdate) -> dict[str, Any]:
    if update.status not in STATUS_REGISTRY_TEXT:
        raise ValueError(f"unknown incident status {update.status!r}")
    if not update.tracking_id or not update.agency_id or not update.note_id:
        raise ValueError("an EIDO update needs a tracking id, an agency id and a note id")
    stamp = timestamp(update.updated_at)
    prologue = {
        "lastUpdateTimeStamp": stamp,
        "updatedByAgencyReference": {"$ref": update.agency_id},
    }
    incident: dict[str, Any] = {
        "$id": update.tracking_id,
        **prologue,
        "incidentTrackingIdentifier": update.tracking_id,
        "incidentTypeCommonRegistryText": (
            update.call_type_text or update.call_type_code or UNKNOWN_INCIDENT_TYPE
        ),
        "incidentStatusCommonRegistryText": [STATUS_REGISTRY_TEXT[update.status]],
        "incidentStatusInternalText": [update.internal_status],
        "notesReference": [{"$ref": update.note_id}],
    }
    if update.call_type_code:
        incident["incidentTypeInternalCode"] = update.call_type_code
    if update.call_type_text:
        incident["incidentTypeInternalText"] = update.call_type_text
    return {
        "$id": update.tracking_id,
        **prologue,
        "eidoVersion": EIDO_VERSION,
        "issuingElementIdentification": ISSUING_ELEMENT,
        "incidentComponent": incident,
        "notesComponent": [
            {
                "$id": update.note_id,
                **prologue,
                "notesActionComments": html.escape(update.note),
            }
        ],
        "agencyComponent": [
            {
                "$id": update.agency_id,
                **prologue,
                # The clinicians work inside the 911 center and take calls it transfers.
                "agencyRoleDescriptionRegistryText": ["CallReceiving"],
                "agencyType": ["psap"],
            }
        ],
    }

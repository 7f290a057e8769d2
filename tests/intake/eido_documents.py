"""Small EIDO documents for tests, built in code (the NENA sample is read from ../shared/data).

`eido()` is a complete, valid document for one behavioral-health call in Metro: an incident,
a call, its callback, a caller, a location in PIDF-LO, an agency, an agent and notes. Tests
change what they need with keyword arguments or by editing the returned dict.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
METRO_OFFSET = timezone(timedelta(hours=-6))
INCIDENT_ID = "urn:emergency:uid:incidentid:mc0001:cad.metro.example"
SAMPLE = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eido"
).resolve() / "sample_call_transfer_eido.json"


def nena_sample_path() -> Path:
    """The NENA sample document; the test is skipped where ../shared/data is not present."""
    if not SAMPLE.is_file():
        pytest.skip(f"the NENA EIDO sample is not at {SAMPLE}")
    return SAMPLE


def nena_sample() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(nena_sample_path().read_text())
    return document


def stamp(moment: datetime) -> str:
    """RFC 3339 in Metro's local offset, as a CAD would send it."""
    return moment.astimezone(METRO_OFFSET).isoformat()


def pidf(
    *,
    house: str = "12",
    street: str = "Oak",
    suffix: str = "St",
    city: str = "Metro",
    state: str = "IL",
    postal_code: str = "60601",
    point: tuple[str, str] | None = None,
) -> str:
    civic = (
        '<civicAddress xmlns="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr">'
        f"<country>US</country><A1>{state}</A1><A3>{city}</A3><HNO>{house}</HNO>"
        f"<RD>{street}</RD><STS>{suffix}</STS><PC>{postal_code}</PC></civicAddress>"
        if street
        else ""
    )
    geo = (
        f'<gml:Point xmlns:gml="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::4326">'
        f"<gml:pos>{point[0]} {point[1]}</gml:pos></gml:Point>"
        if point
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" entity="pres:caller@metro.example">'
        f"<tuple id='t1'><status><gp:geopriv><gp:location-info>{civic}{geo}</gp:location-info>"
        "</gp:geopriv></status></tuple></presence>"
    )


def comment_xml(*texts: str) -> str:
    comments = "".join(f'<com:Comment xml:lang="en">{text}</com:Comment>' for text in texts)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><com:EmergencyCallData.Comment '
        'xmlns:com="urn:ietf:params:xml:ns:EmergencyCallData:Comment">'
        f"<com:DataProviderReference>cad@metro.example</com:DataProviderReference>{comments}"
        "</com:EmergencyCallData.Comment>"
    )


def prologue(component_id: str, updated: datetime) -> dict[str, Any]:
    return {
        "$id": component_id,
        "lastUpdateTimeStamp": stamp(updated),
        "updatedByAgencyReference": {"$ref": "metro.example"},
    }


def eido(
    *,
    incident_id: str = INCIDENT_ID,
    updated: datetime = T0,
    priority: int | None = 2,
    status: str = "Pending",
    notes: tuple[tuple[str, str], ...] = (("note-1", "RP STATES SON OFF MEDS, PACING"),),
    location: str | None = None,
) -> dict[str, Any]:
    """A valid EIDO for call MC-1. `notes` are ($id, HTML text) pairs."""
    incident: dict[str, Any] = {
        **prologue("incident-1", updated),
        "incidentTypeCommonRegistryText": "Behavioral",
        "incidentTypeInternalCode": "5150",
        "incidentTypeInternalText": "MENTAL HEALTH CRISIS",
        "incidentStatusCommonRegistryText": [status],
        "locationReference": [{"$ref": "location-1"}],
        "personReference": [{"$ref": "person-1"}],
    }
    if priority is not None:
        incident["incidentCommonPriorityNumber"] = priority
    return {
        **prologue(incident_id, updated),
        "eidoVersion": "1.0",
        "issuingElementIdentification": "cad.metro.example",
        "agencyComponent": [
            {
                **prologue("metro.example", T0 - timedelta(days=300)),
                "agencyRoleDescriptionRegistryText": ["CallReceiving"],
                "agencyType": ["psap"],
            }
        ],
        "agentComponent": [
            {
                **prologue("CT104", T0),
                "agentRoleRegistryText": ["Call Taking"],
                "agencyReference": {"$ref": "metro.example"},
            }
        ],
        "incidentComponent": incident,
        "callComponent": [
            {
                **prologue("call-1", T0),
                "standardPrimaryCallType": "emergency",
                "direction": "incoming",
                "callStateRegistryText": "callAnswered",
                "callStartTimestamp": stamp(T0 - timedelta(minutes=2)),
                "callBackReference": {"$ref": "callback-1"},
                "personReference": [{"$ref": "person-1"}],
                "locationReference": [{"$ref": "location-1"}],
                "agentReference": [{"$ref": "CT104"}],
            }
        ],
        "callbackComponent": [
            {
                **prologue("callback-1", T0),
                "callBackInformationUri": [
                    "sip:+15552010001@carrier.example",
                    "tel:+1-555-201-0001",
                ],
            }
        ],
        "locationComponent": [
            {
                **prologue("location-1", T0),
                "locationTypeDescriptionRegistryText": "Incident",
                "locationByValue": location if location is not None else pidf(),
            }
        ],
        "personComponent": [
            {
                **prologue("person-1", T0),
                "personIncidentRoleRegistryText": ["Caller"],
                "ncPersonComponent": {
                    "name": [
                        {
                            "personGivenName": [{"value": "Ana"}],
                            "personSurName": [{"value": "Reyes"}],
                        }
                    ]
                },
                "callBackReference": {"$ref": "callback-1"},
            }
        ],
        "notesComponent": [
            {
                **prologue(note_id, updated),
                "notesActionComments": text,
                "agentReference": {"$ref": "CT104"},
            }
            for note_id, text in notes
        ],
    }

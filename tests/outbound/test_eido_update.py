"""Building the EIDO update document (plain Python, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisdesk.intake.eido import parse_eido
from crisisdesk.outbound.eido_update import (
    MAX_RETURN_REASON,
    IncidentUpdate,
    build_incident_update,
    transfer_note,
)

SCHEMA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eido").resolve() / (
    "openapi.yaml"
)
AT = datetime(2026, 11, 20, 8, 5, 30, 250000, tzinfo=timezone(timedelta(hours=-6)))


def update(**changes: Any) -> IncidentUpdate:
    values: dict[str, Any] = {
        "tracking_id": "urn:emergency:uid:incidentid:mc0001:cad.metro.example",
        "agency_id": "crisisdesk.metro",
        "updated_at": AT,
        "status": "active",
        "internal_status": "transfer.accepted",
        "note": "Transfer accepted by clinician",
        "note_id": "urn:crisisdesk:note:1",
        "call_type_code": "5150",
        "call_type_text": "MENTAL HEALTH CRISIS",
    }
    values.update(changes)
    return IncidentUpdate(**values)


def required_fields(schemas: dict[str, Any], name: str) -> set[str]:
    """Every `required` property of a schema, following `allOf` and `$ref`."""
    schema = schemas[name]
    fields = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        if "$ref" in part:
            fields |= required_fields(schemas, part["$ref"].rsplit("/", 1)[-1])
        fields |= set(part.get("required", []))
    return fields


def test_the_document_names_the_incident_the_agency_and_the_time_in_utc() -> None:
    document = build_incident_update(update())
    assert document["$id"] == "urn:emergency:uid:incidentid:mc0001:cad.metro.example"
    assert document["lastUpdateTimeStamp"] == "2026-11-20T14:05:30.250+00:00"
    assert document["updatedByAgencyReference"] == {"$ref": "crisisdesk.metro"}
    assert document["eidoVersion"] == "1.0"
    incident = document["incidentComponent"]
    assert incident["incidentTrackingIdentifier"] == document["$id"]
    assert incident["incidentTypeCommonRegistryText"] == "MENTAL HEALTH CRISIS"
    assert incident["incidentTypeInternalCode"] == "5150"
    assert incident["incidentStatusCommonRegistryText"] == ["Active"]
    assert incident["incidentStatusInternalText"] == ["transfer.accepted"]
    assert incident["notesReference"] == [{"$ref": "urn:crisisdesk:note:1"}]
    [note] = document["notesComponent"]
    assert note["$id"] == "urn:crisisdesk:note:1"
    assert note["notesActionComments"] == "Transfer accepted by clinician"
    assert document["agencyComponent"][0]["$id"] == "crisisdesk.metro"


def test_it_carries_nothing_but_the_incident_the_note_and_the_agency() -> None:
    document = build_incident_update(update())
    assert set(document) == {
        "$id",
        "lastUpdateTimeStamp",
        "updatedByAgencyReference",
        "eidoVersion",
        "issuingElementIdentification",
        "incidentComponent",
        "notesComponent",
        "agencyComponent",
    }


def test_it_has_every_field_the_nena_schema_requires() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the NENA EIDO schema is not at {SCHEMA}")
    schemas = yaml.safe_load(SCHEMA.read_text())["components"]["schemas"]
    document = build_incident_update(update())
    parts = {
        "EmergencyIncidentDataObjectType": [document],
        "IncidentInformationType": [document["incidentComponent"]],
        "NotesType": document["notesComponent"],
        "AgencyType": document["agencyComponent"],
    }
    for type_name, components in parts.items():
        required = required_fields(schemas, type_name)
        assert required, type_name
        for component in components:
            assert required <= set(component), (type_name, required - set(component))


def test_our_own_eido_intake_reads_it_back_as_the_same_incident() -> None:
    data, errors = parse_eido(build_incident_update(update()), source_system="cad")
    assert errors == []
    assert data is not None
    assert data.external_id == "urn:emergency:uid:incidentid:mc0001:cad.metro.example"
    assert data.status == "active"
    assert data.updated_at == AT
    assert [note.text for note in data.notes] == ["Transfer accepted by clinician"]


def test_the_note_is_escaped_into_html_and_reads_back_as_the_same_text() -> None:
    document = build_incident_update(update(note="Returned to 911: risk <rose> & caller left"))
    assert document["notesComponent"][0]["notesActionComments"] == (
        "Returned to 911: risk &lt;rose&gt; &amp; caller left"
    )
    data, _ = parse_eido(document, source_system="cad")
    assert data is not None
    assert data.notes[0].text == "Returned to 911: risk <rose> & caller left"


def test_an_unknown_call_type_still_fills_the_required_registry_text() -> None:
    incident = build_incident_update(update(call_type_code="", call_type_text=""))[
        "incidentComponent"
    ]
    assert incident["incidentTypeCommonRegistryText"] == "Unknown"
    assert "incidentTypeInternalCode" not in incident
    coded = build_incident_update(update(call_type_text=""))["incidentComponent"]
    assert coded["incidentTypeCommonRegistryText"] == "5150"


def test_it_refuses_a_naive_time_and_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="time zone aware"):
        build_incident_update(update(updated_at=datetime(2026, 11, 20, 8, 0)))  # noqa: DTZ001
    with pytest.raises(ValueError, match="unknown incident status"):
        build_incident_update(update(status="paused"))
    assert build_incident_update(update(updated_at=AT.astimezone(UTC)))["lastUpdateTimeStamp"]


def test_transfer_notes_say_the_outcome_and_only_a_return_says_why() -> None:
    assert transfer_note("accepted") == "Transfer accepted by clinician"
    assert transfer_note("resolved_by_phone", "ignored") == "Resolved by phone by a clinician"
    assert transfer_note("returned_to_911", "  caller\nrefused ") == (
        "Returned to 911: caller refused"
    )
    assert transfer_note("returned_to_911") == "Returned to 911"


def test_a_long_return_reason_is_cut() -> None:
    note = transfer_note("returned_to_911", "x" * 1000)
    assert note.endswith("x…")
    assert len(note) == len("Returned to 911: ") + MAX_RETURN_REASON

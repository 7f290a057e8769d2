"""The EIDO reader on its own: plain Python, no database."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from crisisdesk.intake.eido import ROOT, parse_eido, parse_eido_json, parse_timestamp
from crisisdesk.intake.records import FieldError, IncidentData
from tests.intake.eido_documents import INCIDENT_ID, T0, comment_xml, eido, nena_sample, pidf


def parsed(document: object) -> IncidentData:
    data, errors = parse_eido(document, source_system="metro-cad")
    assert errors == []
    assert data is not None
    return data


def errors_of(document: object) -> dict[str, str]:
    data, errors = parse_eido(document, source_system="metro-cad")
    assert data is None
    return {error.path: error.message for error in errors}


# The NENA sample


def test_the_nena_sample_maps_to_one_incident_with_its_caller_location_and_comment() -> None:
    data = parsed(nena_sample())
    assert data.external_id == "urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us"
    # callStartTimestamp 14:40-04:00 is earlier than the document's 14:43:49.439-04:00.
    assert data.received_at == datetime(2021, 4, 30, 18, 40, tzinfo=UTC)
    assert data.updated_at == datetime(2021, 4, 30, 18, 43, 49, 439000, tzinfo=UTC)
    assert data.location is not None
    assert (data.location.address, data.location.city, data.location.region) == (
        "42 W CELLULAR STREET",
        "Wilmington",
        "DE",
    )
    [caller] = data.people
    assert (caller.ref, caller.role, caller.phones) == (
        "123e4567-abcd-12d3-a456-426614174000",
        "caller",
        ("8195551212",),
    )
    [comment] = data.notes
    assert comment.text == "This is an example text."
    assert comment.ref == "123e4567-e89b-12d3-a456-426614174002"
    assert comment.author == "state.pa.us"
    # No incidentComponent: no call type, priority or status to set.
    assert (data.call_type_code, data.priority, data.status) == ("", None, None)


# Mapping


def test_a_full_document_maps_incident_location_people_and_notes() -> None:
    data = parsed(eido())
    assert data.source_system == "metro-cad"
    assert data.external_id == INCIDENT_ID
    assert (data.call_type_code, data.call_type_text) == ("5150", "MENTAL HEALTH CRISIS")
    assert (data.priority, data.status) == (2, "pending")
    assert data.location is not None
    assert (data.location.address, data.location.city, data.location.postal_code) == (
        "12 OAK ST",
        "Metro",
        "60601",
    )
    [person] = data.people
    assert (person.given_name, person.family_name, person.role) == ("Ana", "Reyes", "caller")
    assert person.phones == ("+1-555-201-0001",)  # the tel: URI, not the sip: one
    [note] = data.notes
    assert (note.ref, note.text, note.author) == (
        "note-1",
        "RP STATES SON OFF MEDS, PACING",
        "CT104 (metro.example)",
    )


def test_times_are_utc_and_the_call_start_is_when_it_was_received() -> None:
    data = parsed(eido(updated=T0 + timedelta(minutes=30)))
    assert data.received_at == T0 - timedelta(minutes=2)
    assert data.updated_at == T0 + timedelta(minutes=30)
    assert data.received_at.tzinfo is UTC
    assert data.notes[0].at == T0 + timedelta(minutes=30)


def test_the_incident_tracking_identifier_names_the_incident_when_present() -> None:
    document = eido()
    document["incidentComponent"]["incidentTrackingIdentifier"] = "MC-2026-000123"
    assert parsed(document).external_id == "MC-2026-000123"


def test_an_incident_component_may_also_come_as_an_array() -> None:
    document = eido()
    document["incidentComponent"] = [document["incidentComponent"]]
    assert parsed(document).call_type_code == "5150"


def test_the_common_incident_type_is_the_fallback_call_type_text() -> None:
    document = eido()
    del document["incidentComponent"]["incidentTypeInternalText"]
    assert parsed(document).call_type_text == "Behavioral"


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Pending", "pending"),
        ("Dispatched", "active"),
        ("On Scene", "active"),
        ("Closed", "closed"),
        ("CANCELED", "cancelled"),
    ],
)
def test_status_words_map_to_our_statuses(word: str, status: str) -> None:
    assert parsed(eido(status=word)).status == status


def test_an_unknown_status_word_leaves_the_status_alone() -> None:
    assert parsed(eido(status="AwaitingSupervisorReview")).status is None


def test_html_notes_become_plain_text() -> None:
    html = (
        "<p>RP STATES SON &amp; DAUGHTER ARGUING</p><p>NO WEAPONS<br>CALM NOW</p>"
        "<script>alert(1)</script><ul><li>ON MEDS</li></ul>"
    )
    [note] = parsed(eido(notes=(("note-1", html),))).notes
    assert note.text == "RP STATES SON & DAUGHTER ARGUING\nNO WEAPONS\nCALM NOW\nON MEDS"


def test_an_empty_note_adds_nothing() -> None:
    assert parsed(eido(notes=(("note-1", "<p> </p>"),))).notes == ()


def test_comments_in_additional_data_become_notes_with_stable_refs() -> None:
    document = eido(notes=())
    document["additionalDataComponent"] = [
        {
            "$id": "ad-1",
            "lastUpdateTimeStamp": "2026-11-20T14:01:00Z",
            "updatedByAgencyReference": {"$ref": "metro.example"},
            "additionalDataByValue": comment_xml("CALLER IS THE PATIENT", "SPEAKS SPANISH"),
        }
    ]
    notes = parsed(document).notes
    assert [(note.ref, note.text) for note in notes] == [
        ("ad-1", "CALLER IS THE PATIENT"),
        ("ad-1#comment2", "SPEAKS SPANISH"),
    ]
    assert notes[0].author == "metro.example"


def test_a_geodetic_point_gives_coordinates_even_without_a_street() -> None:
    location = parsed(eido(location=pidf(street="", point=("41.8781", "-87.6298")))).location
    assert location is not None
    assert (location.latitude, location.longitude) == (Decimal("41.878100"), Decimal("-87.629800"))
    assert location.address == "41.878100, -87.629800"


def test_a_caller_who_is_also_the_patient_is_first_party() -> None:
    document = eido()
    document["personComponent"][0]["personIncidentRoleRegistryText"] = ["Caller", "Patient"]
    data = parsed(document)
    assert data.caller_relation == "first"
    assert data.people[0].role == "caller"


def test_the_caller_relation_is_left_blank_when_it_cannot_be_told() -> None:
    assert parsed(eido()).caller_relation == ""


def test_niem_birth_date_and_language_are_read() -> None:
    document = eido()
    document["personComponent"][0]["ncPersonComponent"].update(
        birthDate=[{"date": [{"value": "1990-02-03"}]}],
        primaryLanguage=[{"languageCode": [{"value": "spa"}]}],
    )
    [person] = parsed(document).people
    assert (person.date_of_birth, person.preferred_language) == (date(1990, 2, 3), "spa")


def test_the_caller_without_a_callback_of_their_own_gets_the_calls() -> None:
    document = eido()
    del document["personComponent"][0]["callBackReference"]
    assert parsed(document).people[0].phones == ("+1-555-201-0001",)


def test_unknown_fields_and_components_are_ignored() -> None:
    document = eido()
    document["futureComponent"] = [{"anything": True}]
    document["incidentComponent"]["newField"] = {"nested": [1, 2]}
    document["callComponent"][0]["verstat"] = "TN-Validation-Passed"
    assert parsed(document).external_id == INCIDENT_ID


def test_a_very_long_note_id_is_hashed_the_same_way_every_time() -> None:
    long_id = "urn:note:" + "x" * 200
    first = parsed(eido(notes=((long_id, "TEXT"),))).notes[0].ref
    again = parsed(eido(notes=((long_id, "TEXT"),))).notes[0].ref
    assert first == again
    assert first.startswith("sha256:") and len(first) <= 128


# Errors


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert errors_of([eido()]) == {ROOT: "must be a JSON object, not an array"}


def test_missing_required_parts_are_named_by_path() -> None:
    document = eido()
    del document["$id"]
    del document["lastUpdateTimeStamp"]
    del document["callComponent"][0]["$id"]
    del document["notesComponent"][0]["notesActionComments"]
    assert errors_of(document) == {
        "$id": "is required",
        "lastUpdateTimeStamp": "is required",
        "callComponent[0].$id": "is required",
        "notesComponent[0].notesActionComments": "is required",
    }


def test_every_wrong_type_is_reported_not_just_the_first() -> None:
    document = eido()
    document["incidentComponent"]["incidentCommonPriorityNumber"] = "2"
    document["incidentComponent"]["incidentStatusCommonRegistryText"] = "Pending"
    document["callComponent"][0]["callStartTimestamp"] = 1700000000
    document["personComponent"] = {"$id": "person-1"}
    document["notesComponent"][0]["notesActionComments"] = ["RP STATES"]
    errors = errors_of(document)
    assert errors["incidentComponent.incidentCommonPriorityNumber"].startswith("must be a whole")
    assert errors["incidentComponent.incidentStatusCommonRegistryText"] == (
        "must be an array of strings"
    )
    assert errors["callComponent[0].callStartTimestamp"] == "must be a string, not a number"
    assert errors["personComponent"] == "must be an array of objects, not an object"
    assert errors["notesComponent[0].notesActionComments"] == "must be a string, not an array"
    # The incident's personReference now points nowhere, and says so too.
    assert "incidentComponent.personReference[0].$ref" in errors


@pytest.mark.parametrize("priority", [-1, 10, True, 2.5])
def test_a_priority_outside_0_to_9_is_an_error(priority: object) -> None:
    document = eido()
    document["incidentComponent"]["incidentCommonPriorityNumber"] = priority
    assert "incidentComponent.incidentCommonPriorityNumber" in errors_of(document)


@pytest.mark.parametrize(
    "value", ["2026-11-20T14:00:00", "2026-11-20", "20 Nov 2026 14:00", "2026-02-30T10:00:00Z"]
)
def test_a_time_without_an_offset_or_that_does_not_exist_is_an_error(value: str) -> None:
    document = eido()
    document["lastUpdateTimeStamp"] = value
    assert errors_of(document)["lastUpdateTimeStamp"].startswith("must be an RFC 3339 date-time")


def test_references_that_point_nowhere_are_errors() -> None:
    document = eido()
    document["callComponent"][0]["callBackReference"] = {"$ref": "callback-9"}
    document["notesComponent"][0]["agentReference"] = {"ref": "CT104"}
    errors = errors_of(document)
    assert errors["callComponent[0].callBackReference.$ref"] == (
        "refers to no callbackComponent (no such $id)"
    )
    assert errors["notesComponent[0].agentReference.$ref"] == "is required"


def test_two_components_with_one_id_are_an_error() -> None:
    document = eido(notes=(("note-1", "A"), ("note-1", "B")))
    assert errors_of(document) == {"notesComponent[1].$id": "repeats the $id of notesComponent[0]"}


def test_malformed_location_xml_is_an_error_at_its_path() -> None:
    errors = errors_of(eido(location="<presence><civicAddress>"))
    assert errors["locationComponent[0].locationByValue"].startswith("is not well-formed XML")


def test_location_xml_with_entity_declarations_is_refused() -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><presence>&lol;</presence>'
    errors = errors_of(eido(location=laughs))
    assert errors == {
        "locationComponent[0].locationByValue": "XML with a DTD or entity declarations is refused"
    }


def test_coordinates_out_of_range_are_an_error() -> None:
    errors = errors_of(eido(location=pidf(point=("91", "10"))))
    assert "outside latitude" in errors["locationComponent[0].locationByValue"]


def test_an_incident_id_longer_than_we_store_is_an_error() -> None:
    assert errors_of(eido(incident_id="urn:" + "9" * 80)) == {"$id": "is longer than 64 characters"}


def test_invalid_json_is_reported_with_its_position() -> None:
    data, errors = parse_eido_json('{"$id": "x",\n "lastUpdateTimeStamp": }', source_system="m")
    assert data is None
    assert errors == [
        FieldError(ROOT, "is not valid JSON: Expecting value at line 2 column 25 (character 37)")
    ]


def test_json_nested_too_deeply_is_an_error_not_a_crash() -> None:
    data, errors = parse_eido_json("[" * 100_000, source_system="m")
    assert data is None
    assert errors[0].message.endswith("nested too deeply")


# Timestamps


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-04-30T14:42:00.0-04:00", datetime(2021, 4, 30, 18, 42, tzinfo=UTC)),
        ("2021-04-30T14:43:49.439-04:00", datetime(2021, 4, 30, 18, 43, 49, 439000, tzinfo=UTC)),
        ("2026-11-20t14:00:00z", datetime(2026, 11, 20, 14, tzinfo=UTC)),
        ("2026-11-20T14:00:00.123456789+05:30", datetime(2026, 11, 20, 8, 30, 0, 123456, UTC)),
    ],
)
def test_rfc_3339_times_become_aware_utc(value: str, expected: datetime) -> None:
    assert parse_timestamp(value) == expected


def test_the_reader_is_plain_python_without_django() -> None:
    check = (
        "import sys, crisisdesk.intake.eido; "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    # Our own interpreter and a fixed script.
    result = subprocess.run([sys.executable, "-c", check], check=False)  # noqa: S603
    assert result.returncode == 0

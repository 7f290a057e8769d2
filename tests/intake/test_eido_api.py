"""`POST /api/v1/incidents/eido` end to end: tokens, idempotency, ordering, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentPerson
from crisisdesk.intake.api import MAX_BODY_BYTES
from crisisdesk.intake.models import IntegrationToken, QuarantinedDocument
from crisisdesk.intake.tokens import do_create_integration_token, do_revoke_integration_token
from tests.conftest import SETUP, Personas
from tests.intake.eido_documents import INCIDENT_ID, T0, eido, nena_sample

URL = reverse("api:incidents_eido")
Send = Callable[..., Any]


@pytest.fixture
def metro_secret(personas: Personas) -> str:
    _, secret = do_create_integration_token(
        center=personas.metro, name="Metro CAD", source_system="metro-cad", actor=SETUP
    )
    return secret


@pytest.fixture
def send(metro_secret: str) -> Send:
    """POSTs a document (a dict, or raw bytes/str) with Metro's token unless told otherwise."""

    def post(
        document: object,
        *,
        secret: str | None = metro_secret,
        content_type: str = "application/json",
    ) -> Any:
        body = document if isinstance(document, bytes | str) else json.dumps(document)
        headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
        return Client().post(URL, data=body, content_type=content_type, headers=headers)

    return post


def quarantined() -> QuarantinedDocument:
    return QuarantinedDocument.objects.get()


# Taking documents


def test_a_new_document_creates_the_incident_and_answers_201(send: Send) -> None:
    response = send(eido())
    assert response.status_code == 201
    incident = Incident.objects.get()
    assert response.json() == {
        "outcome": "created",
        "incident_id": incident.pk,
        "external_id": INCIDENT_ID,
    }
    assert (incident.source_system, incident.call_type_code, incident.priority) == (
        "metro-cad",
        "5150",
        2,
    )
    assert incident.location is not None and incident.location.address == "12 OAK ST"
    caller = IncidentPerson.objects.get(incident=incident)
    assert caller.person.full_name == "Ana Reyes"
    assert IncidentEvent.objects.get(kind="note").text == "RP STATES SON OFF MEDS, PACING"


def test_the_audit_trail_names_the_token_that_sent_it(send: Send) -> None:
    send(eido())
    token = IntegrationToken.objects.get()
    event = AuditEvent.objects.get(event_type="incident.created")
    assert event.actor_username == f"system:integration-token-{token.pk}"
    assert verify_audit_chain().intact


def test_the_same_document_twice_gives_one_incident_and_no_duplicate_notes(send: Send) -> None:
    send(eido())
    changed_at = Incident.objects.get().updated_at
    response = send(eido())
    assert response.status_code == 200
    assert response.json()["outcome"] == "unchanged"
    assert Incident.objects.count() == 1
    assert IncidentEvent.objects.filter(kind="note").count() == 1
    assert IncidentPerson.objects.count() == 1
    # Pollers use updated_at as the change token: a resend must not look like a change.
    assert Incident.objects.get().updated_at == changed_at


def test_a_later_update_merges_new_notes_and_fields(send: Send) -> None:
    send(eido())
    later = eido(
        updated=T0 + timedelta(minutes=5),
        priority=1,
        status="Dispatched",
        notes=(("note-1", "RP STATES SON OFF MEDS, PACING"), ("note-2", "SUBJ NOW OUTSIDE")),
    )
    response = send(later)
    assert (response.status_code, response.json()["outcome"]) == (200, "updated")
    incident = Incident.objects.get()
    assert (incident.priority, incident.status) == (1, "active")
    assert incident.source_updated_at == T0 + timedelta(minutes=5)
    notes = IncidentEvent.objects.filter(kind="note").order_by("at", "pk")
    assert [note.text for note in notes] == ["RP STATES SON OFF MEDS, PACING", "SUBJ NOW OUTSIDE"]


def test_an_older_update_arriving_late_never_overwrites_newer_state(send: Send) -> None:
    send(eido(updated=T0 + timedelta(minutes=10), priority=1, status="Closed"))
    late = eido(
        updated=T0 + timedelta(minutes=3),
        priority=4,
        status="Dispatched",
        notes=(("note-0", "EARLIER NOTE, SENT LATE"),),
    )
    response = send(late)
    assert response.status_code == 200
    incident = Incident.objects.get()
    assert (incident.priority, incident.status) == (1, "closed")
    assert incident.source_updated_at == T0 + timedelta(minutes=10)
    # The late note is history we did not have: it is kept.
    assert IncidentEvent.objects.filter(source_ref="note-0").exists()


def test_a_duplicate_costs_fewer_queries_than_a_new_document(send: Send) -> None:
    with CaptureQueriesContext(connection) as new:
        send(eido())
    with CaptureQueriesContext(connection) as duplicate:
        send(eido())
    writes = [
        q["sql"] for q in duplicate.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert len(duplicate.captured_queries) < len(new.captured_queries) / 2


def test_the_nena_sample_is_taken_through_the_api(send: Send) -> None:
    document = nena_sample()
    assert send(document).status_code == 201
    assert send(document).json()["outcome"] == "unchanged"
    incident = Incident.objects.get()
    assert incident.location is not None and incident.location.city == "Wilmington"
    assert IncidentEvent.objects.get(kind="note").text == "This is an example text."


# Bad documents: 400, each error with its path, the raw document kept in quarantine


def test_invalid_json_is_400_with_the_position_and_is_quarantined(send: Send) -> None:
    raw = '{"$id": "urn:x",\n "lastUpdateTimeStamp": "2026-11-20T14:00:00Z",,}'
    response = send(raw)
    assert response.status_code == 400
    body = response.json()
    [error] = body["errors"]
    assert error["path"] == "(document)"
    assert "line 2 column 48" in error["message"]
    held = quarantined()
    assert body["quarantine_id"] == held.pk
    assert (held.raw, held.channel, held.source_system, held.status) == (
        raw,
        "api",
        "metro-cad",
        "held",
    )
    assert held.errors == body["errors"]
    assert not Incident.objects.exists()


def test_wrong_types_are_400_listing_each_path(send: Send) -> None:
    document = eido()
    document["lastUpdateTimeStamp"] = 20261120
    document["incidentComponent"]["incidentCommonPriorityNumber"] = "high"
    document["callComponent"][0]["callStartTimestamp"] = "yesterday"
    response = send(document)
    assert response.status_code == 400
    paths = [error["path"] for error in response.json()["errors"]]
    assert paths == [
        "lastUpdateTimeStamp",
        "incidentComponent.incidentCommonPriorityNumber",
        "callComponent[0].callStartTimestamp",
    ]
    assert json.loads(quarantined().raw) == document


def test_missing_required_parts_are_400(send: Send) -> None:
    document = eido()
    del document["$id"]
    del document["notesComponent"][0]["$id"]
    response = send(document)
    assert response.status_code == 400
    assert {error["path"] for error in response.json()["errors"]} == {
        "$id",
        "notesComponent[0].$id",
    }
    assert quarantined().errors == response.json()["errors"]


def test_a_body_that_is_not_utf8_is_400_and_kept(send: Send) -> None:
    response = send(b'{"$id": "caf\xe9"}')
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "is not UTF-8 (byte 12)"
    assert quarantined().raw == '{"$id": "caf\ufffd"}'


def test_an_oversized_body_is_413_and_nothing_is_stored(send: Send) -> None:
    document = eido(notes=(("note-1", "X" * (MAX_BODY_BYTES + 1)),))
    response = send(document)
    assert response.status_code == 413
    assert "larger than" in response.json()["errors"][0]["message"]
    assert not QuarantinedDocument.objects.exists()
    assert not Incident.objects.exists()


def test_a_wrong_content_type_is_415(send: Send) -> None:
    response = send(json.dumps(eido()), content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["errors"] == [
        {"path": "Content-Type", "message": "send the document as application/json (UTF-8)"}
    ]
    assert not Incident.objects.exists()


def test_a_structured_json_media_type_is_accepted(send: Send) -> None:
    response = send(json.dumps(eido()), content_type="application/emergency.eido+json")
    assert response.status_code == 201


def test_get_is_405_for_a_valid_token(metro_secret: str) -> None:
    response = Client().get(URL, HTTP_AUTHORIZATION=f"Bearer {metro_secret}")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


# Tokens


def test_a_missing_token_is_401_with_a_bearer_challenge(send: Send) -> None:
    response = send(eido(), secret=None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="crisisdesk"'
    assert response.json()["errors"][0]["path"] == "Authorization"
    assert not Incident.objects.exists()
    assert not QuarantinedDocument.objects.exists()


@pytest.mark.parametrize("secret", ["not-a-real-token", "", "a b"])
def test_a_wrong_token_is_401(send: Send, secret: str) -> None:
    response = send(eido(), secret=secret)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert not Incident.objects.exists()


def test_a_revoked_token_is_401_at_once(send: Send) -> None:
    assert send(eido()).status_code == 201
    do_revoke_integration_token(IntegrationToken.objects.get(), actor=SETUP)
    assert send(eido()).status_code == 401


def test_a_session_is_no_credential_for_the_api(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    response = client_for(personas.admin).post(
        URL, data=json.dumps(eido()), content_type="application/json"
    )
    assert response.status_code == 401


def test_another_centers_token_writes_only_to_its_own_center(
    personas: Personas, send: Send
) -> None:
    send(eido(priority=2))
    _, northfield_secret = do_create_integration_token(
        center=personas.northfield, name="North CAD", source_system="metro-cad", actor=SETUP
    )
    # The same incident id, sent with Northfield's token, cannot touch Metro's incident.
    response = send(eido(updated=T0 + timedelta(hours=1), priority=0), secret=northfield_secret)
    assert (response.status_code, response.json()["outcome"]) == (201, "created")
    metro, northfield = (
        Incident.objects.get(center=personas.metro),
        Incident.objects.get(center=personas.northfield),
    )
    assert (metro.priority, northfield.priority) == (2, 0)
    # Its bad documents go to Northfield's quarantine, not Metro's.
    send("not json", secret=northfield_secret)
    assert quarantined().center == personas.northfield


def test_last_use_is_recorded_at_most_once_a_minute(send: Send) -> None:
    send(eido())
    token = IntegrationToken.objects.get()
    first_use = token.last_used_at
    assert first_use is not None
    with CaptureQueriesContext(connection) as queries:
        send(eido())
    assert IntegrationToken.objects.get().last_used_at == first_use
    assert not [
        q
        for q in queries.captured_queries
        if "intake_integrationtoken" in q["sql"] and q["sql"].startswith("UPDATE")
    ]
    IntegrationToken.objects.update(last_used_at=first_use - timedelta(minutes=2))
    send(eido())
    assert IntegrationToken.objects.get().last_used_at > first_use  # type: ignore[operator]

"""The incident list and the incident page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.actions import do_change_incident_status
from crisisdesk.incidents.models import IncidentStatus
from tests.conftest import SETUP, Personas, make_incident

ClientFor = Callable[[User], Client]


def test_a_clinician_sees_the_incidents_of_their_center_only(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "MET-1")
    make_incident(personas.northfield, "NOR-1")
    response = client_for(personas.clinician).get("/incidents/")
    assert response.status_code == 200
    assert b"MET-1" in response.content
    assert b"NOR-1" not in response.content


def test_another_centers_incident_answers_404(personas: Personas, client_for: ClientFor) -> None:
    theirs = make_incident(personas.northfield, "NOR-1")
    mine = make_incident(personas.metro, "MET-1")
    assert client_for(personas.clinician).get(f"/incidents/{theirs.pk}/").status_code == 404
    assert client_for(personas.outsider).get(f"/incidents/{mine.pk}/").status_code == 404
    assert client_for(personas.clinician).get("/incidents/987654/").status_code == 404


def test_roles_without_incident_access_are_refused(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    for user in (personas.analyst, personas.peer_support, personas.admin):
        client = client_for(user)
        assert client.get("/incidents/").status_code == 403
        assert client.get(f"/incidents/{incident.pk}/").status_code == 403


def test_the_incident_page_shows_the_timeline_and_logs_the_read(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro, "MET-7", note="SUBJ HEARING VOICES, NO WEAPONS")
    do_change_incident_status(incident, status=IncidentStatus.ACTIVE, actor=SETUP)
    response = client_for(personas.clinician).get(f"/incidents/{incident.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "MET-7" in body
    assert "SUBJ HEARING VOICES, NO WEAPONS" in body
    assert "pending → active" in body
    read = AuditEvent.objects.get(event_type="incident.viewed")
    assert read.actor == personas.clinician
    assert read.object_id == str(incident.pk)


def test_times_are_shown_in_the_center_time_zone(personas: Personas, client_for: ClientFor) -> None:
    received = timezone.now().replace(hour=15, minute=30, second=0, microsecond=0)
    incident = make_incident(personas.metro, "MET-TZ", received_at=received)
    body = client_for(personas.clinician).get(f"/incidents/{incident.pk}/").content.decode()
    # Metro is America/Chicago: 15:30 UTC is 09:30 or 10:30 there, never 15:30.
    assert "15:30" not in body.split("Received")[1].split("</dd>")[0]
    assert "C" in body.split("Received")[1].split("</dd>")[0]  # CST or CDT


def test_search_finds_by_number_call_type_address_and_note(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "MET-A", call_type_text="WELFARE CHECK", address="12 OAK ST")
    make_incident(
        personas.metro, "MET-B", call_type_text="TRAFFIC COLLISION", note="TWO CARS, NO INJURIES"
    )
    client = client_for(personas.clinician)

    def found(query: str) -> set[str]:
        body = client.get("/incidents/", {"q": query}).content.decode()
        return {number for number in ("MET-A", "MET-B") if f">{number}<" in body}

    assert found("MET-A") == {"MET-A"}
    assert found("welfare") == {"MET-A"}
    assert found("oak st") == {"MET-A"}
    assert found("no injuries") == {"MET-B"}


def test_filters_by_status_priority_caller_and_dates(
    personas: Personas, client_for: ClientFor
) -> None:
    old = make_incident(
        personas.metro, "MET-OLD", priority=1, received_at=timezone.now() - timedelta(days=10)
    )
    make_incident(personas.metro, "MET-NEW", priority=3, caller_relation="first")
    do_change_incident_status(old, status=IncidentStatus.CLOSED, actor=SETUP)
    client = client_for(personas.clinician)

    def found(**params: str) -> set[str]:
        body = client.get("/incidents/", params).content.decode()
        return {number for number in ("MET-OLD", "MET-NEW") if f">{number}<" in body}

    assert found(status="open") == {"MET-NEW"}
    assert found(status="closed") == {"MET-OLD"}
    assert found(priority="1") == {"MET-OLD"}
    assert found(caller_relation="first") == {"MET-NEW"}
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert found(since=since) == {"MET-NEW"}


def test_a_bad_filter_value_is_reported_not_crashed(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.clinician).get(
        "/incidents/", {"since": "2026-02-10", "until": "2026-02-01", "priority": "banana"}
    )
    assert response.status_code == 200
    assert b"The end date is before the start date." in response.content
    assert b"Select a valid choice" in response.content


def test_an_htmx_search_returns_only_the_results_fragment(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "MET-1")
    response = client_for(personas.clinician).get(
        "/incidents/", {"q": "MET"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="incident-results"
    )
    body = response.content.decode()
    assert "MET-1" in body
    assert "<html" not in body


def test_the_list_uses_a_fixed_number_of_queries(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.clinician)
    make_incident(personas.metro, "MET-1")
    client.get("/incidents/")
    with CaptureQueriesContext(connection) as few:
        client.get("/incidents/")
    for n in range(2, 12):
        make_incident(personas.metro, f"MET-{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/incidents/")
    assert len(many) == len(few)
    # Session, user, roles, center, the page and its count, and the header's unread notices.
    assert len(many) <= 9

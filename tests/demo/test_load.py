"""Loading a generated city into the database: counts, timelines, audit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.demo.city import NORTHFIELD, City, generate_city
from crisisdesk.demo.load import load_city
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentPerson
from crisisdesk.people.models import Person, PersonAddress, PersonAlias, PersonPhone
from crisisdesk.places.models import Location, location_match_key

ANCHOR = datetime(2026, 3, 14, 17, 42, tzinfo=UTC)


@pytest.fixture(scope="module")
def small_city() -> City:
    return generate_city(2026, ANCHOR, scale=0.02)


def expected_events(city: City) -> int:
    return sum(
        1 + len(i.notes) + (i.dispatched_at is not None) + (i.closed_at is not None)
        for i in city.incidents
    )


@pytest.mark.django_db
def test_it_loads_every_row_of_the_city(small_city: City) -> None:
    center = load_city(small_city)

    assert center.code == "riverton" and center.time_zone == "America/Chicago"
    assert Location.objects.filter(center=center).count() == len(small_city.locations)
    assert Person.objects.filter(center=center).count() == len(small_city.people)
    people = small_city.people
    assert PersonAlias.objects.count() == sum(len(p.aliases) for p in people)
    assert PersonPhone.objects.count() == sum(len(p.phones) for p in people)
    assert PersonAddress.objects.count() == sum(p.home is not None for p in people)
    assert Incident.objects.filter(center=center).count() == len(small_city.incidents) == 200
    assert IncidentPerson.objects.count() == sum(len(i.people) for i in small_city.incidents)
    assert IncidentEvent.objects.count() == expected_events(small_city)


@pytest.mark.django_db
def test_it_writes_one_summary_audit_row_and_keeps_the_chain_intact(small_city: City) -> None:
    center = load_city(small_city)

    loaded = AuditEvent.objects.get(event_type="demo.city_loaded")
    assert loaded.center == center
    assert loaded.actor_username == "system:demo"
    assert loaded.details["counts"]["incidents"] == 200
    assert loaded.details["counts"]["incident_events"] == expected_events(small_city)
    assert loaded.details["seed"] == 2026
    types = sorted(AuditEvent.objects.values_list("event_type", flat=True))
    assert types == ["center.created", "demo.city_loaded"]
    assert verify_audit_chain().intact


@pytest.mark.django_db
def test_it_keeps_each_incident_as_generated(small_city: City) -> None:
    load_city(small_city)
    generated = small_city.incidents[0]

    stored = Incident.objects.get(external_id=generated.external_id)
    assert stored.source_system == "riverton-cad"
    assert stored.received_at == generated.received_at
    assert stored.call_type_code == generated.call_type.code
    assert stored.call_type_text == generated.call_type.text
    assert stored.priority == generated.priority
    assert stored.status == generated.status
    assert stored.closed_at == generated.closed_at
    assert stored.caller_relation == generated.caller_relation
    if generated.location is not None:
        assert stored.location is not None
        assert stored.location.address == small_city.locations[generated.location].address


@pytest.mark.django_db
def test_it_builds_each_timeline_from_received_to_closed(small_city: City) -> None:
    load_city(small_city)
    generated = next(i for i in small_city.incidents if i.status == "closed")
    incident = Incident.objects.get(external_id=generated.external_id)

    events = list(incident.events.order_by("at", "pk"))
    assert events[0].kind == "received"
    assert events[0].at == generated.received_at
    assert events[0].source == "riverton-cad"
    assert events[0].text == f"Received from riverton-cad as {generated.external_id}."
    notes = [event for event in events if event.kind == "note"]
    assert [note.text for note in notes] == [note.text for note in generated.notes]
    assert [note.source for note in notes] == [note.source for note in generated.notes]
    statuses = [event.data for event in events if event.kind == "status"]
    assert statuses == [{"old": "pending", "new": "active"}, {"old": "active", "new": "closed"}]
    assert events[-1].kind == "status" and events[-1].at == generated.closed_at


@pytest.mark.django_db
def test_it_stores_match_keys_and_normalized_phone_numbers(small_city: City) -> None:
    load_city(small_city)

    for location in Location.objects.all():
        assert location.match_key == location_match_key(
            location.address, location.unit, location.city
        )
        assert location.city == "Riverton" and location.region == "ST"
    for phone in PersonPhone.objects.all():
        assert len(phone.number) == 11 and phone.number.startswith("1555")


@pytest.mark.django_db
def test_it_keeps_two_centers_apart(small_city: City) -> None:
    riverton = load_city(small_city)
    northfield = load_city(generate_city(2026, ANCHOR, scale=0.02, profile=NORTHFIELD))

    for incident in Incident.objects.select_related("location"):
        assert incident.location is None or incident.location.center_id == incident.center_id
    for link in IncidentPerson.objects.select_related("incident", "person"):
        assert link.person.center_id == link.incident.center_id
    assert Incident.objects.filter(center=northfield, external_id__startswith="NF").exists()
    assert not Incident.objects.filter(center=riverton, external_id__startswith="NF").exists()
    assert AuditEvent.objects.filter(event_type="demo.city_loaded").count() == 2
    assert verify_audit_chain().intact

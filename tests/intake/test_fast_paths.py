"""The plain-SQL helpers of the intake hot path write and read what the ORM would.

`insert_linked` and `find_or_insert` (crisisdesk/core/fast_insert.py) take one statement on
PostgreSQL and several elsewhere; `instance_from_row` (crisisdesk/intake/raw_rows.py) builds
what `Model.objects.raw()` builds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisisdesk.audit.models import AuditEvent
from crisisdesk.core.fast_insert import find_or_insert, insert, insert_linked
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentPerson
from crisisdesk.incidents.queue_version import bump_queue, bump_statement, queue_version
from crisisdesk.intake.actions import do_ingest_incident
from crisisdesk.intake.raw_rows import instance_from_row
from crisisdesk.intake.records import IncidentData, LocationData
from crisisdesk.people.models import Person, PersonPhone
from crisisdesk.places.models import Location
from tests.conftest import SETUP, Personas

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def new_incident(personas: Personas, external_id: str = "FP-1") -> Incident:
    return Incident(
        center=personas.metro,
        source_system="fast-cad",
        external_id=external_id,
        received_at=T0,
        call_type_code="5150",
        priority=1,
        status="pending",
    )


def test_insert_linked_fills_foreign_keys_from_earlier_instances(personas: Personas) -> None:
    incident = new_incident(personas)
    first = IncidentEvent(incident=incident, at=T0, kind="received", source="fast-cad", text="a")
    note = IncidentEvent(incident=incident, at=T0, kind="note", source_ref="n1", text="b")
    person = Person(center=personas.metro, given_name="Ana")
    phones = [PersonPhone(person=person, number=f"1555000000{n}") for n in range(2)]
    link = IncidentPerson(incident=incident, person=person, role="caller", source_ref="p1")
    with CaptureQueriesContext(connection) as queries:
        insert_linked([incident, first, note, person, *phones, link])
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
    stored = Incident.objects.get(pk=incident.pk)
    assert (stored.external_id, stored.priority, stored.received_at) == ("FP-1", 1, T0)
    assert stored.created_at is not None  # auto_now_add, as save() sets it
    events = IncidentEvent.objects.filter(incident=stored).order_by("pk")
    assert [(event.kind, event.text) for event in events] == [("received", "a"), ("note", "b")]
    saved_link = IncidentPerson.objects.get(incident=stored)
    assert (saved_link.person.given_name, saved_link.role) == ("Ana", "caller")
    assert sorted(saved_link.person.phones.values_list("number", flat=True)) == [
        "15550000000",
        "15550000001",
    ]
    # Every instance a later one refers to has its key; the links point at them.
    assert person.pk == saved_link.person_id and link.incident_id == incident.pk


def test_insert_linked_refuses_a_link_to_an_instance_it_does_not_insert_first(
    personas: Personas,
) -> None:
    incident = new_incident(personas)
    event = IncidentEvent(incident=incident, at=T0, kind="note", text="orphan")
    with pytest.raises(ValueError, match="neither saved nor inserted before"):
        insert_linked([event, incident])
    assert not Incident.objects.filter(external_id="FP-1").exists()


def test_find_or_insert_takes_the_oldest_match_else_inserts(personas: Personas) -> None:
    older = Location.objects.create(center=personas.metro, address="12 Oak St", city="Metro")
    Location.objects.create(center=personas.metro, address="12 OAK ST", city="METRO")

    def candidate(address: str) -> Location:
        return Location(
            center=personas.metro,
            address=address,
            city="Metro",
            region="IL",
            match_key=f"{address} METRO".upper(),
        )

    with CaptureQueriesContext(connection) as queries:
        found = find_or_insert(candidate("12 oak st"), ("center", "match_key"), ("address",))
    assert found.pk == older.pk
    assert found.address == "12 Oak St"  # as stored, not as this message spells it
    assert found.center_id == personas.metro.pk
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
    new = candidate("14 ELM ST")
    created = find_or_insert(new, ("center", "match_key"), ("address",))
    assert created is new and created.pk is not None
    stored = Location.objects.get(pk=created.pk)
    assert (stored.address, stored.region, stored.match_key) == (
        "14 ELM ST",
        "IL",
        "14 ELM ST METRO",
    )


def test_instance_from_row_builds_what_raw_builds(personas: Personas) -> None:
    incident = new_incident(personas)
    insert(incident)
    table = Incident._meta.db_table
    with connection.cursor() as cursor:
        # Columns in another order than the model's, and one that is no field.
        cursor.execute(
            f"SELECT status, 'extra' AS note, received_at, id, center_id, external_id, "  # noqa: S608
            f"cit_fallback FROM {table} WHERE id = %s",
            [incident.pk],
        )
        row = cursor.fetchone()
        names = [column[0] for column in cursor.description]
    built, extra = instance_from_row(Incident, connection.alias, names, row)
    raw = next(iter(Incident.objects.raw(f"SELECT * FROM {table} WHERE id = %s", [incident.pk])))  # noqa: S608
    assert extra == {"note": "extra"}
    for name in ("id", "status", "received_at", "center_id", "external_id", "cit_fallback"):
        assert getattr(built, name) == getattr(raw, name), name
    assert built.received_at == T0 and built.cit_fallback is False
    fields = {field.attname for field in Incident._meta.concrete_fields}
    assert built.get_deferred_fields() == fields - set(names)


def test_a_moved_incident_names_the_stored_location_in_its_audit_row(
    personas: Personas,
) -> None:
    stored = Location.objects.create(center=personas.metro, address="14 Elm St", city="Metro")
    first = IncidentData(
        source_system="fast-cad",
        external_id="FP-9",
        received_at=T0,
        updated_at=T0,
        location=LocationData(address="12 OAK ST", city="Metro"),
    )
    do_ingest_incident(first, center=personas.metro, actor=SETUP)
    moved = replace(
        first,
        updated_at=T0 + timedelta(minutes=1),
        location=LocationData("14 ELM ST", city="METRO"),
    )
    assert do_ingest_incident(moved, center=personas.metro, actor=SETUP).outcome == "updated"
    assert Incident.objects.get(external_id="FP-9").location_id == stored.pk
    audit = AuditEvent.objects.filter(event_type="incident.updated").latest("seq")
    assert audit.details["new"]["location"] == "14 Elm St, Metro"
    assert audit.details["old"]["location"] == "12 OAK ST, Metro"


def test_insert_linked_runs_independent_updates_in_the_same_trip(personas: Personas) -> None:
    bump_queue(personas.metro.pk)  # the center's version row exists from here on
    before = queue_version(personas.metro.pk)
    incident = new_incident(personas, "FP-2")
    received = IncidentEvent(incident=incident, at=T0, kind="received", text="r")
    with CaptureQueriesContext(connection) as queries:
        counts = insert_linked(
            [incident, received],
            also=[bump_statement(personas.metro.pk), bump_statement(personas.northfield.pk)],
        )
    assert counts == [1, int(queue_version(personas.northfield.pk) > 0)]
    assert queue_version(personas.metro.pk) == before + 1
    assert Incident.objects.filter(external_id="FP-2").exists()
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1

"""Writes a generated demo city into the database, fast.

Tens of thousands of rows go in with `bulk_create` inside one transaction, so a half-loaded city
never exists. The center itself is created through `do_create_center` (with its audit row) and
the load as a whole is recorded by one `demo.city_loaded` audit row with the counts; the
individual synthetic rows are not audited one by one, as they describe no real person or event.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db import models, transaction

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.actions import do_create_center
from crisisdesk.centers.models import Center
from crisisdesk.demo.city import City, CityIncident
from crisisdesk.incidents.models import (
    Incident,
    IncidentEvent,
    IncidentEventKind,
    IncidentPerson,
)
from crisisdesk.people.models import (
    Person,
    PersonAddress,
    PersonAlias,
    PersonPhone,
    normalize_phone,
)
from crisisdesk.people.search_keys import person_search_fields
from crisisdesk.places.models import Location, location_match_key

DEMO_ACTOR = SystemActor("demo")
BATCH_SIZE = 1000

M = TypeVar("M", bound=models.Model)


def _insert(model: type[M], rows: list[M], center: Center | None = None) -> list[M]:
    """Bulk-inserts rows and makes sure each one has its primary key afterwards."""
    created = model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
    if created and created[0].pk is None:
        # Backends that cannot return ids from a bulk insert: read them back in insert order.
        if center is None:
            raise RuntimeError(f"cannot read back the ids of {model.__name__} rows")
        ids = model._default_manager.filter(center=center).order_by("pk")
        for row, pk in zip(created, ids.values_list("pk", flat=True), strict=True):
            row.pk = pk
    return created


@transaction.atomic
def load_city(city: City) -> Center:
    """Creates the city's center and everything in it; returns the center."""
    profile = city.profile
    center = do_create_center(
        code=profile.code, name=profile.name, time_zone=profile.time_zone, actor=DEMO_ACTOR
    )
    locations = _insert(
        Location,
        [
            Location(
                center=center,
                address=place.address,
                unit=place.unit,
                city=profile.name,
                region=profile.region,
                postal_code=place.postal_code,
                latitude=place.latitude,
                longitude=place.longitude,
                match_key=location_match_key(place.address, place.unit, profile.name),
            )
            for place in city.locations
        ],
        center,
    )
    people = _insert(
        Person,
        [
            Person(
                center=center,
                given_name=person.given_name,
                family_name=person.family_name,
                date_of_birth=person.date_of_birth,
                preferred_language=person.preferred_language,
                # bulk_create skips Person.save(), which computes the search keys.
                **person_search_fields(person.given_name, person.family_name),
            )
            for person in city.people
        ],
        center,
    )
    aliases: list[PersonAlias] = []
    phones: list[PersonPhone] = []
    addresses: list[PersonAddress] = []
    for person_row, person in zip(people, city.people, strict=True):
        aliases += [PersonAlias(person=person_row, name=name) for name in person.aliases]
        phones += [
            PersonPhone(person=person_row, number=normalize_phone(number), kind=kind)
            for number, kind in person.phones
        ]
        if person.home is not None:
            addresses.append(PersonAddress(person=person_row, location=locations[person.home]))
    _insert(PersonAlias, aliases)
    _insert(PersonPhone, phones)
    _insert(PersonAddress, addresses)

    incidents = _insert(
        Incident,
        [
            Incident(
                center=center,
                source_system=profile.source_system,
                external_id=incident.external_id,
                received_at=incident.received_at,
                call_type_code=incident.call_type.code,
                call_type_text=incident.call_type.text,
                priority=incident.priority,
                location=None if incident.location is None else locations[incident.location],
                caller_relation=incident.caller_relation,
                status=incident.status,
                closed_at=incident.closed_at,
            )
            for incident in city.incidents
        ],
        center,
    )
    involvements: list[IncidentPerson] = []
    events: list[IncidentEvent] = []
    for row, incident in zip(incidents, city.incidents, strict=True):
        involvements += [
            IncidentPerson(incident=row, person=people[index], role=role)
            for index, role in incident.people
        ]
        events += _timeline(row, incident, profile.source_system)
    _insert(IncidentPerson, involvements)
    _insert(IncidentEvent, events)

    counts = {
        "locations": len(locations),
        "people": len(people),
        "person_aliases": len(aliases),
        "person_phones": len(phones),
        "person_addresses": len(addresses),
        "incidents": len(incidents),
        "incident_people": len(involvements),
        "incident_events": len(events),
    }
    record_event(
        actor=DEMO_ACTOR,
        center=center,
        event_type="demo.city_loaded",
        obj=center,
        details={
            "seed": city.seed,
            "anchor": city.anchor,
            "scale": city.scale,
            "source_system": profile.source_system,
            "counts": counts,
        },
    )
    return center


def _timeline(row: Incident, incident: CityIncident, source_system: str) -> list[IncidentEvent]:
    """Received, the call takers' notes, then dispatch and closing as status changes."""
    events = [
        IncidentEvent(
            incident=row,
            at=incident.received_at,
            kind=IncidentEventKind.RECEIVED,
            source=source_system,
            text=f"Received from {source_system} as {incident.external_id}.",
        )
    ]
    events += [
        IncidentEvent(
            incident=row,
            at=note.at,
            kind=IncidentEventKind.NOTE,
            source=note.source,
            text=note.text,
        )
        for note in incident.notes
    ]
    if incident.dispatched_at is not None:
        events.append(_status(row, incident.dispatched_at, source_system, "pending", "active"))
    if incident.closed_at is not None:
        old = "active" if incident.status == "closed" else "pending"
        events.append(_status(row, incident.closed_at, source_system, old, incident.status))
    return events


def _status(row: Incident, at: datetime, source: str, old: str, new: str) -> IncidentEvent:
    return IncidentEvent(
        incident=row,
        at=at,
        kind=IncidentEventKind.STATUS,
        source=source,
        data={"old": old, "new": new},
    )

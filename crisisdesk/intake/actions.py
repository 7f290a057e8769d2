"""Applying an incoming CAD message to our records: create, merge or leave unchanged.

One rule for every format (EIDO, CSV, ...):
- the incident is found by (center, source system, external id); none: it is created;
- notes and people carry the sender's ids, so a resend adds nothing twice;
- an update whose sender timestamp is older than the one we hold changes no incident field
  (it may still add notes we did not have: they are history, not state);
- each applied message writes one audit row, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.core.bound_cursor import bound_cursor
from crisisdesk.core.fast_insert import find_or_insert, insert_linked
from crisisdesk.incidents.models import (
    OPEN_STATUSES,
    Incident,
    IncidentEvent,
    IncidentEventKind,
    IncidentPerson,
)
from crisisdesk.incidents.queue_version import bump_statement, finish_bump, touch_incident
from crisisdesk.intake.raw_rows import instance_from_row
from crisisdesk.intake.records import IncidentData, LocationData, NoteData, PersonData
from crisisdesk.people.models import Person, PersonPhone, normalize_phone
from crisisdesk.places.models import Location, location_match_key


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    incident: Incident
    notes_added: int = 0


def do_ingest_incident(
    data: IncidentData, *, center: Center, actor: User | SystemActor
) -> IngestResult:
    # CAD systems resend a lot. A message that would change nothing is answered from a plain
    # read, without taking the database's write lock that every writer queues for.
    existing = _find_incident(data, center, lock=False)
    if existing is not None and _changes_nothing(existing, data):
        return IngestResult(Outcome.UNCHANGED, existing)
    try:
        # Not there a moment ago: create without looking again. If another writer created it
        # since, the unique constraint stops the insert and the retry below merges instead.
        return _ingest(data, center=center, actor=actor, new=existing is None)
    except IntegrityError:
        # Two copies of a new incident raced (PostgreSQL); the loser merges into the winner.
        return _ingest(data, center=center, actor=actor)


# Every message starts with this lookup, so it is written by hand: on a small server the ORM
# spends about a millisecond compiling the locking join, the database a fraction of that (and
# `raw()` a few times the database's time on reading the row: see `raw_rows`).
FIND_INCIDENT_SQL = (
    "SELECT i.*, l.match_key AS location_match_key FROM incidents_incident i"
    " LEFT JOIN places_location l ON l.id = i.location_id"
    " WHERE i.center_id = %s AND i.source_system = %s AND i.external_id = %s"
)


def _find_incident(data: IncidentData, center: Center, *, lock: bool = True) -> Incident | None:
    """The incident this message is about, with `lock` locked (PostgreSQL) until the
    transaction ends; its location's match key comes along as `location_match_key`."""
    sql = FIND_INCIDENT_SQL
    if lock and connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF i"
    with bound_cursor(connection) as cursor:
        cursor.execute(sql, [center.pk, data.source_system, data.external_id])
        row = cursor.fetchone()
        if row is None:
            return None
        names = [column[0] for column in cursor.description]
    incident, extra = instance_from_row(Incident, connection.alias, names, row)
    incident.location_match_key = extra["location_match_key"]  # type: ignore[attr-defined]
    incident.center = center
    return incident


def _changes_nothing(incident: Incident, data: IncidentData) -> bool:
    """Whether this message would change nothing about the stored incident.

    The same decisions as `_merge`, read-only: a message that is not older than what we hold
    changes something if the sender's clock moved, a field differs or the location moved; any
    message changes something if it brings a note or a person we do not have.
    """
    stale = (
        data.updated_at is not None
        and incident.source_updated_at is not None
        and data.updated_at < incident.source_updated_at
    )
    if not stale:
        if data.updated_at is not None and data.updated_at != incident.source_updated_at:
            return False
        if any(getattr(incident, name) != value for name, value in data.incident_fields().items()):
            return False
        if data.location is not None and data.location.address:
            key = location_match_key(data.location.address, data.location.unit, data.location.city)
            if getattr(incident, "location_match_key", None) != key:
                return False
    notes = {note.ref for note in data.notes}
    if _known_refs(IncidentEvent, incident, sorted(notes)) != notes:
        return False
    people = {person.ref for person in data.people}
    return _known_refs(IncidentPerson, incident, sorted(people)) == people


def _known_refs(
    model: type[IncidentEvent] | type[IncidentPerson], incident: Incident, refs: list[str]
) -> set[str]:
    """Which of the sender's ids for notes or people this incident already has."""
    if not refs:
        return set()
    marks = ", ".join(["%s"] * len(refs))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT source_ref FROM {model._meta.db_table} "  # noqa: S608
            f"WHERE incident_id = %s AND source_ref IN ({marks})",
            [incident.pk, *refs],
        )
        return {row[0] for row in cursor.fetchall()}


@transaction.atomic
def _ingest(
    data: IncidentData, *, center: Center, actor: User | SystemActor, new: bool = False
) -> IngestResult:
    incident = None if new else _find_incident(data, center)
    if incident is None:
        return _create(data, center=center, actor=actor)
    return _merge(incident, data, actor=actor)


def _create(data: IncidentData, *, center: Center, actor: User | SystemActor) -> IngestResult:
    fields = data.incident_fields()
    status = str(fields.get("status", "pending"))
    incident = Incident(
        center=center,
        source_system=data.source_system,
        external_id=data.external_id,
        received_at=data.received_at,
        call_type_code=str(fields.get("call_type_code", "")),
        call_type_text=str(fields.get("call_type_text", "")),
        priority=data.priority,
        caller_relation=data.caller_relation,
        status=status,
        closed_at=None if status in OPEN_STATUSES else (data.updated_at or data.received_at),
        location=_location(center, data.location),
        source_updated_at=data.updated_at,
    )
    received = IncidentEvent(
        incident=incident,
        at=data.received_at,
        kind=IncidentEventKind.RECEIVED,
        source=data.source_system,
        text=f"Received from {data.source_system} as {data.external_id}.",
    )
    # A new incident has no notes or people yet: nothing to look up. The incident, its timeline
    # and its people go in together, with the queue's bump (one statement on PostgreSQL).
    note_events = _note_events(incident, data.notes, data.source_system, known=set())
    people = _new_people(incident, data.people, known=set())
    [bumped] = insert_linked(
        [incident, received, *note_events, *people], also=[bump_statement(center.pk)]
    )
    finish_bump(center.pk, bumped)
    notes = len(note_events)
    record_event(
        actor=actor,
        center=center,
        event_type="incident.created",
        obj=incident,
        details={
            "new": {
                "source_system": data.source_system,
                "external_id": data.external_id,
                **fields,
            },
            "notes_added": notes,
        },
    )
    return IngestResult(Outcome.CREATED, incident, notes)


def _merge(incident: Incident, data: IncidentData, *, actor: User | SystemActor) -> IngestResult:
    stale = (
        data.updated_at is not None
        and incident.source_updated_at is not None
        and data.updated_at < incident.source_updated_at
    )
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    if not stale:
        for name, value in data.incident_fields().items():
            if getattr(incident, name) != value:
                old[name], new[name] = getattr(incident, name), value
                setattr(incident, name, value)
        location = _changed_location(incident, data.location)
        if location is not None:
            old["location"], new["location"] = str(incident.location or ""), str(location)
            incident.location = location
        if "status" in new:
            incident.closed_at = (
                None if incident.status in OPEN_STATUSES else (data.updated_at or timezone.now())
            )
        advanced = data.updated_at is not None and data.updated_at != incident.source_updated_at
        if data.updated_at is not None:
            incident.source_updated_at = data.updated_at
        if new:
            incident.save()
        elif advanced:
            # Only the sender's clock moved: remember it (so a late older update stays stale)
            # without touching `updated_at`, which pollers use as the incident's change token.
            Incident.objects.filter(pk=incident.pk).update(source_updated_at=data.updated_at)
    notes = _add_notes(incident, data.notes, data.source_system)
    people = _add_people(incident, data.people)
    if not new and not notes and not people:
        return IngestResult(Outcome.UNCHANGED, incident)
    touch_incident(incident)
    if new:
        IncidentEvent.objects.create(
            incident=incident,
            at=data.updated_at or timezone.now(),
            kind=IncidentEventKind.UPDATE,
            source=data.source_system,
            text="Updated by " + data.source_system + ": " + ", ".join(sorted(new)) + ".",
            data={"old": _plain(old), "new": _plain(new)},
        )
    record_event(
        actor=actor,
        center=incident.center,
        event_type="incident.updated",
        obj=incident,
        details={
            "old": _plain(old),
            "new": _plain(new),
            "notes_added": notes,
            "people_added": people,
            "stale": stale,
        },
    )
    return IngestResult(Outcome.UPDATED, incident, notes)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, int | None) else str(value) for key, value in values.items()
    }


def _location(center: Center, data: LocationData | None) -> Location | None:
    """The center's location with this address (the first one, among duplicates), else a new one."""
    if data is None or not data.address:
        return None
    location = Location(
        center=center,
        address=data.address,
        unit=data.unit,
        city=data.city,
        region=data.region,
        postal_code=data.postal_code,
        latitude=data.latitude,
        longitude=data.longitude,
        match_key=location_match_key(data.address, data.unit, data.city),
    )
    # Plain SQL: on the intake hot path the ORM's query building costs ten times the lookup.
    return find_or_insert(location, match=("center", "match_key"), load=LOCATION_SHOWN)


# What `str(location)` shows, read from the stored row (whose spelling may differ from this one).
LOCATION_SHOWN = ("address", "unit", "city")


def _changed_location(incident: Incident, data: LocationData | None) -> Location | None:
    if data is None or not data.address:
        return None
    key = location_match_key(data.address, data.unit, data.city)
    if getattr(incident, "location_match_key", None) == key:
        return None
    return _location(incident.center, data)


def _note_events(
    incident: Incident, notes: tuple[NoteData, ...], source_system: str, *, known: set[str]
) -> list[IncidentEvent]:
    fresh = {note.ref: note for note in notes if note.ref not in known}
    return [
        IncidentEvent(
            incident=incident,
            at=note.at,
            kind=IncidentEventKind.NOTE,
            source=note.author or source_system,
            source_ref=note.ref,
            text=note.text,
        )
        for note in fresh.values()
    ]


def _add_notes(incident: Incident, notes: tuple[NoteData, ...], source_system: str) -> int:
    if not notes:
        return 0
    known = _known_refs(IncidentEvent, incident, [note.ref for note in notes])
    events = _note_events(incident, notes, source_system, known=known)
    IncidentEvent.objects.bulk_create(events)
    return len(events)


def _add_people(incident: Incident, people: tuple[PersonData, ...]) -> int:
    """Adds the people the incident does not have yet."""
    if not people:
        return 0
    known = _known_refs(IncidentPerson, incident, [person.ref for person in people])
    rows = _new_people(incident, people, known=known)
    insert_linked(rows)
    return sum(isinstance(row, IncidentPerson) for row in rows)


def _new_people(
    incident: Incident, people: tuple[PersonData, ...], *, known: set[str]
) -> list[Person | PersonPhone | IncidentPerson]:
    """The rows for the people whose refs are not `known`: each person, phones and link."""
    rows: list[Person | PersonPhone | IncidentPerson] = []
    known = set(known)
    for data in people:
        if data.ref in known:
            continue
        known.add(data.ref)
        person = Person(
            center=incident.center,
            given_name=data.given_name,
            family_name=data.family_name,
            date_of_birth=data.date_of_birth,
            preferred_language=data.preferred_language,
        )
        # What save() would store: a plain insert adds the search keys itself, so the person
        # can be found by them at once, not after the worker's job.
        person.refresh_search_keys()
        rows.append(person)
        rows += [PersonPhone(person=person, number=normalize_phone(phone)) for phone in data.phones]
        rows.append(
            IncidentPerson(incident=incident, person=person, role=data.role, source_ref=data.ref)
        )
    return rows

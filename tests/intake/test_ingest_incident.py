"""The one merge rule every intake format shares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentPerson
from crisisdesk.intake.actions import Outcome, do_ingest_incident
from crisisdesk.intake.records import IncidentData, LocationData, NoteData, PersonData
from crisisdesk.people.access import search_people
from crisisdesk.people.models import Person
from crisisdesk.people.search_keys import person_search_fields
from tests.conftest import SETUP, Personas

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def message(**changes: object) -> IncidentData:
    values: dict[str, object] = {
        "source_system": "metro-cad",
        "external_id": "MC-1",
        "received_at": T0,
        "updated_at": T0,
        "call_type_code": "5150",
        "call_type_text": "MENTAL HEALTH CRISIS",
        "priority": 2,
        "caller_relation": "second",
        "location": LocationData(address="12 OAK ST", city="Metro"),
        "people": (
            PersonData(ref="p1", role="caller", given_name="Ana", phones=("555-201-0001",)),
        ),
        "notes": (NoteData(ref="n1", at=T0, text="RP STATES SON OFF MEDS", author="CT104"),),
    }
    values.update(changes)
    return IncidentData(**values)  # type: ignore[arg-type]


def test_a_new_message_creates_the_incident_with_notes_people_and_audit(
    personas: Personas,
) -> None:
    result = do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    assert result.outcome is Outcome.CREATED
    incident = Incident.objects.get(external_id="MC-1")
    assert incident.center == personas.metro
    assert incident.location is not None and incident.location.address == "12 OAK ST"
    notes = IncidentEvent.objects.filter(incident=incident, kind="note")
    assert [note.text for note in notes] == ["RP STATES SON OFF MEDS"]
    involvement = IncidentPerson.objects.get(incident=incident)
    assert involvement.role == "caller"
    assert list(involvement.person.phones.values_list("number", flat=True)) == ["15552010001"]
    assert AuditEvent.objects.filter(
        event_type="incident.created", object_id=str(incident.pk)
    ).exists()


def test_the_same_message_twice_changes_nothing(personas: Personas) -> None:
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    audit_rows = AuditEvent.objects.count()
    again = do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    assert again.outcome is Outcome.UNCHANGED
    assert Incident.objects.count() == 1
    assert IncidentEvent.objects.filter(kind="note").count() == 1
    assert IncidentPerson.objects.count() == 1
    assert AuditEvent.objects.count() == audit_rows


def test_a_later_update_merges_fields_and_new_notes(personas: Personas) -> None:
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    later = message(
        updated_at=T0 + timedelta(minutes=5),
        priority=1,
        status="active",
        notes=(
            NoteData(ref="n1", at=T0, text="RP STATES SON OFF MEDS"),
            NoteData(ref="n2", at=T0 + timedelta(minutes=4), text="SUBJ NOW HAS A KNIFE"),
        ),
    )
    result = do_ingest_incident(later, center=personas.metro, actor=SETUP)
    assert result.outcome is Outcome.UPDATED
    assert result.notes_added == 1
    incident = Incident.objects.get()
    assert (incident.priority, incident.status) == (1, "active")
    update = IncidentEvent.objects.get(kind="update")
    assert update.data["old"] == {"priority": 2, "status": "pending"}
    audit = AuditEvent.objects.filter(event_type="incident.updated").get()
    assert audit.details["new"] == {"priority": 1, "status": "active"}


def test_an_older_update_arriving_late_never_overwrites_newer_state(personas: Personas) -> None:
    do_ingest_incident(
        message(updated_at=T0 + timedelta(minutes=10), priority=1, status="active"),
        center=personas.metro,
        actor=SETUP,
    )
    late = message(
        updated_at=T0 + timedelta(minutes=2),
        priority=3,
        status="pending",
        notes=(NoteData(ref="n0", at=T0 + timedelta(minutes=1), text="EARLIER NOTE"),),
    )
    result = do_ingest_incident(late, center=personas.metro, actor=SETUP)
    incident = Incident.objects.get()
    assert (incident.priority, incident.status) == (1, "active")
    assert incident.source_updated_at == T0 + timedelta(minutes=10)
    # The late message's note is still history worth keeping.
    assert result.outcome is Outcome.UPDATED
    assert IncidentEvent.objects.filter(source_ref="n0").exists()


def test_incidents_of_two_centers_with_one_number_stay_apart(personas: Personas) -> None:
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    result = do_ingest_incident(message(), center=personas.northfield, actor=SETUP)
    assert result.outcome is Outcome.CREATED
    assert Incident.objects.count() == 2
    assert verify_audit_chain().intact


def test_a_closing_update_records_when_it_closed(personas: Personas) -> None:
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    closed_at = T0 + timedelta(hours=1)
    do_ingest_incident(
        message(updated_at=closed_at, status="closed"), center=personas.metro, actor=SETUP
    )
    assert Incident.objects.get().closed_at == closed_at


def test_a_resend_leaves_the_incident_row_untouched(personas: Personas) -> None:
    # Pollers use Incident.updated_at as a change token: a duplicate must not move it.
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    before = Incident.objects.get().updated_at
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    assert Incident.objects.get().updated_at == before


def test_a_resend_with_a_newer_sender_time_still_makes_older_updates_stale(
    personas: Personas,
) -> None:
    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    before = Incident.objects.get().updated_at
    same_but_later = message(updated_at=T0 + timedelta(minutes=10))
    result = do_ingest_incident(same_but_later, center=personas.metro, actor=SETUP)
    assert result.outcome is Outcome.UNCHANGED
    incident = Incident.objects.get()
    assert incident.updated_at == before
    assert incident.source_updated_at == T0 + timedelta(minutes=10)
    do_ingest_incident(
        message(updated_at=T0 + timedelta(minutes=5), priority=4),
        center=personas.metro,
        actor=SETUP,
    )
    assert Incident.objects.get().priority == 2


def test_a_copy_created_by_another_writer_meanwhile_is_merged_not_duplicated(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisdesk.intake import actions

    do_ingest_incident(message(), center=personas.metro, actor=SETUP)
    real_find = actions._find_incident

    def missed_it(data: IncidentData, center: object, *, lock: bool = True) -> object:
        # The unlocked look happened just before another writer committed the incident.
        return None if not lock else real_find(data, center, lock=lock)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "_find_incident", missed_it)
    later = message(
        updated_at=T0 + timedelta(minutes=3),
        notes=(NoteData(ref="n9", at=T0 + timedelta(minutes=3), text="CALLER CALLED BACK"),),
    )
    result = do_ingest_incident(later, center=personas.metro, actor=SETUP)
    assert result.outcome is Outcome.UPDATED
    assert Incident.objects.count() == 1
    assert IncidentEvent.objects.filter(source_ref="n9").count() == 1


def test_a_new_caller_is_stored_with_the_keys_people_search_reads(personas: Personas) -> None:
    people = (PersonData(ref="p1", role="caller", given_name="Katherine", family_name="Nguyen"),)
    do_ingest_incident(message(people=people), center=personas.metro, actor=SETUP)
    person = Person.objects.get(given_name="Katherine")
    stored = {name: getattr(person, name) for name in person_search_fields("", "")}
    assert stored == person_search_fields("Katherine", "Nguyen")  # not left to the worker's job
    hits = search_people(personas.clinician, name="Kathy Nguen")  # a nickname and a typo
    assert [hit.person.pk for hit in hits] == [person.pk]

"""The batch import behind CSV intake: the per-message merge rule, many rows at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.incidents.models import Incident, IncidentEvent, QueueVersion
from crisisdesk.intake.batch import BatchResult, ImportRow, do_import_incident_batch
from crisisdesk.intake.records import IncidentData, LocationData, NoteData
from crisisdesk.places.models import Location
from tests.conftest import SETUP, Personas

T0 = datetime(2023, 1, 1, 8, 0, 5, tzinfo=UTC)
SOURCE = "city-cad"


def data(number: int, **changes: object) -> IncidentData:
    values: dict[str, object] = {
        "source_system": SOURCE,
        "external_id": f"E{number:04d}",
        "received_at": T0 + timedelta(minutes=number),
        "call_type_code": "5150",
        "call_type_text": "MENTAL CASE",
        "priority": 2,
        "status": "closed",
        "location": LocationData(address=f"{100 * (number % 3)} OAK ST", city="Metro"),
    }
    values.update(changes)
    return IncidentData(**values)  # type: ignore[arg-type]


def rows(*items: IncidentData) -> list[ImportRow]:
    return [ImportRow(line, item) for line, item in enumerate(items, start=2)]


def apply(personas: Personas, batch: list[ImportRow]) -> BatchResult:
    return do_import_incident_batch(
        batch, center=personas.metro, source_system=SOURCE, actor=SETUP, file_name="calls.csv"
    )


def test_a_batch_creates_incidents_with_locations_timeline_and_one_audit_row(
    personas: Personas,
) -> None:
    audit_rows = AuditEvent.objects.count()
    result = apply(personas, rows(*(data(number) for number in range(6))))
    assert result == BatchResult(created=6)
    incident = Incident.objects.get(external_id="E0004")
    assert incident.center == personas.metro
    assert (incident.call_type_code, incident.call_type_text) == ("5150", "MENTAL CASE")
    assert incident.received_at == T0 + timedelta(minutes=4)
    assert incident.status == "closed" and incident.closed_at == incident.received_at
    assert incident.location is not None and incident.location.address == "100 OAK ST"
    received = IncidentEvent.objects.get(incident=incident)
    assert received.kind == "received" and received.at == incident.received_at
    assert received.text == "Received from city-cad as E0004, already closed there."
    assert received.data == {"file": "calls.csv", "line": 6}
    audit = AuditEvent.objects.exclude(event_type="center.created").order_by("seq").last()
    assert audit is not None and AuditEvent.objects.count() == audit_rows + 1
    assert audit.event_type == "incident.imported" and audit.actor_username == "system:tests"
    assert audit.details == {
        "source_system": SOURCE,
        "file": "calls.csv",
        "first_line": 2,
        "last_line": 7,
        "rows": 6,
        "created": 6,
        "updated": 0,
        "unchanged": 0,
    }
    assert verify_audit_chain().intact


def test_places_are_shared_by_match_key_with_existing_locations(personas: Personas) -> None:
    existing = Location.objects.create(center=personas.metro, address="0 oak  st", city="Metro")
    Location.objects.create(center=personas.northfield, address="100 OAK ST", city="Metro")
    apply(personas, rows(*(data(number) for number in range(6))))
    assert Location.objects.filter(center=personas.metro).count() == 3  # 0, 100 and 200 OAK ST
    at_zero = Incident.objects.filter(external_id__in=["E0000", "E0003"])
    assert set(at_zero.values_list("location", flat=True)) == {existing.pk}
    created = Location.objects.get(center=personas.metro, address="200 OAK ST")
    assert created.match_key == "200 OAK ST METRO"  # set although save() never ran


def test_a_new_open_incident_has_no_closing_time_and_bumps_the_queue(
    personas: Personas,
) -> None:
    apply(personas, rows(data(1, status=None, location=None)))
    incident = Incident.objects.get()
    assert (incident.status, incident.closed_at, incident.location) == ("pending", None, None)
    assert IncidentEvent.objects.get().text == "Received from city-cad as E0001."
    assert QueueVersion.objects.get(center=personas.metro).version >= 1


def test_importing_the_same_rows_again_changes_nothing(personas: Personas) -> None:
    note = NoteData("csv:memo", T0, "RP ON SCENE")
    batch = rows(*(data(number, notes=(note,)) for number in range(4)))
    apply(personas, batch)
    counts = (Incident.objects.count(), IncidentEvent.objects.count(), AuditEvent.objects.count())
    updated_at = set(Incident.objects.values_list("updated_at", flat=True))
    assert apply(personas, batch) == BatchResult(unchanged=4)
    assert (
        Incident.objects.count(),
        IncidentEvent.objects.count(),
        AuditEvent.objects.count(),
    ) == (counts)
    assert set(Incident.objects.values_list("updated_at", flat=True)) == updated_at


def test_a_changed_row_is_merged_by_the_per_message_rule(personas: Personas) -> None:
    apply(personas, rows(data(1, status="pending"), data(2)))
    result = apply(personas, rows(data(1, status="cancelled"), data(2)))
    assert result == BatchResult(updated=1, unchanged=1)
    incident = Incident.objects.get(external_id="E0001")
    assert incident.status == "cancelled" and incident.closed_at is not None
    assert AuditEvent.objects.filter(event_type="incident.updated", object_id=str(incident.pk))
    imported = AuditEvent.objects.filter(event_type="incident.imported").order_by("seq").last()
    assert imported is not None and imported.details["updated"] == 1


def test_a_new_note_on_a_known_incident_is_an_update(personas: Personas) -> None:
    apply(personas, rows(data(1)))
    note = NoteData("csv:memo", T0, "SUBJECT LEFT ON FOOT")
    assert apply(personas, rows(data(1, notes=(note,)))) == BatchResult(updated=1)
    assert IncidentEvent.objects.get(kind="note").text == "SUBJECT LEFT ON FOOT"


def test_an_id_repeated_in_one_batch_makes_one_incident(personas: Personas) -> None:
    result = apply(personas, rows(data(1), data(1), data(1, priority=0)))
    assert result == BatchResult(created=1, unchanged=1, updated=1)
    assert Incident.objects.get().priority == 0


def test_the_same_external_id_in_another_center_is_another_incident(personas: Personas) -> None:
    do_import_incident_batch(
        rows(data(1)), center=personas.northfield, source_system=SOURCE, actor=SETUP
    )
    assert apply(personas, rows(data(1))) == BatchResult(created=1)
    assert Incident.objects.filter(external_id="E0001").count() == 2


def test_rows_of_another_source_system_are_refused(personas: Personas) -> None:
    with pytest.raises(ValueError, match="other-cad"):
        apply(personas, rows(data(1), data(2, source_system="other-cad")))
    assert not Incident.objects.exists()


def test_an_empty_batch_writes_nothing(personas: Personas) -> None:
    audit_rows = AuditEvent.objects.count()
    assert apply(personas, []) == BatchResult()
    assert AuditEvent.objects.count() == audit_rows

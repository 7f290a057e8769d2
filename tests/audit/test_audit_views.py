"""The audit trail page through the HTTP interface."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.centers.models import Center
from tests.conftest import Personas, make_user

ClientFor = Callable[[User], Client]
LIST = reverse("audit:list")
PROBE = SystemActor("probe")


def record(center: Center | None, event_type: str, **details: object) -> AuditEvent:
    return record_event(actor=PROBE, center=center, event_type=event_type, details=details)


def record_at(
    monkeypatch: pytest.MonkeyPatch, at: datetime, center: Center, event_type: str
) -> AuditEvent:
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: at)
        return record(center, event_type)


def seqs_on_page(response: object) -> list[int]:
    rows = response.context["rows"]  # type: ignore[attr-defined]
    return [row.event.seq for row in rows]


@pytest.fixture
def operator(personas: Personas) -> User:
    """An installation operator (superuser), homed in Northfield."""
    return make_user(personas.northfield, "olga_operator", Role.ADMIN, is_superuser=True)


def test_it_requires_admin_role(personas: Personas, client_for: ClientFor) -> None:
    for persona in (personas.analyst, personas.supervisor, personas.clinician):
        assert client_for(persona).get(LIST).status_code == 403


def test_it_shows_own_center_events_newest_first(personas: Personas, client_for: ClientFor) -> None:
    first = record(personas.metro, "probe.first")
    second = record(personas.metro, "probe.second")
    response = client_for(personas.admin).get(LIST)
    assert response.status_code == 200
    seqs = seqs_on_page(response)
    assert seqs == sorted(seqs, reverse=True)
    assert seqs.index(second.seq) < seqs.index(first.seq)
    text = response.content.decode()
    assert '<th scope="col">Request id</th>' in text
    assert "system:probe" in text
    assert second.request_id in text


def test_it_hides_other_centers_events(personas: Personas, client_for: ClientFor) -> None:
    theirs = record(personas.northfield, "probe.northfield_only")
    nowhere = record(None, "probe.no_center")
    response = client_for(personas.admin).get(LIST)
    seqs = seqs_on_page(response)
    assert theirs.seq not in seqs
    assert nowhere.seq not in seqs
    assert "probe.northfield_only" not in response.content.decode()
    assert (
        AuditEvent.objects.filter(center=personas.metro).count()
        == response.context["page"].paginator.count
    )


def test_superuser_sees_all_and_filters_by_center(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    metro_event = record(personas.metro, "probe.metro")
    northfield_event = record(personas.northfield, "probe.northfield")
    nowhere = record(None, "probe.no_center")
    client = client_for(operator)
    everything = seqs_on_page(client.get(LIST))
    assert {metro_event.seq, northfield_event.seq, nowhere.seq} <= set(everything)
    only_metro = seqs_on_page(client.get(LIST, {"center": personas.metro.pk}))
    assert metro_event.seq in only_metro
    assert northfield_event.seq not in only_metro


def test_reading_the_trail_writes_no_audit_rows(personas: Personas, client_for: ClientFor) -> None:
    record(personas.metro, "probe.something", note="x")
    client = client_for(personas.admin)
    before = AuditEvent.objects.count()
    assert client.get(LIST).status_code == 200
    assert client.get(LIST, {"event_type": "probe.something", "page": "2"}).status_code == 200
    assert AuditEvent.objects.count() == before
    assert verify_audit_chain().intact


def test_it_filters_by_event_type(personas: Personas, client_for: ClientFor) -> None:
    wanted = record(personas.metro, "probe.wanted")
    record(personas.metro, "probe.other")
    response = client_for(personas.admin).get(LIST, {"event_type": "probe.wanted"})
    assert seqs_on_page(response) == [wanted.seq]


def test_event_type_choices_are_the_distinct_types_of_own_center(
    personas: Personas, client_for: ClientFor
) -> None:
    record(personas.metro, "probe.twice")
    record(personas.metro, "probe.twice")
    record(personas.northfield, "probe.elsewhere")
    text = client_for(personas.admin).get(LIST).content.decode()
    assert text.count('<option value="probe.twice">') == 1
    assert '<option value="user.created">' in text
    assert "probe.elsewhere" not in text


def test_it_filters_by_actor_username(personas: Personas, client_for: ClientFor) -> None:
    mine = record_event(actor=personas.clinician, center=personas.metro, event_type="probe.by")
    record(personas.metro, "probe.by")
    response = client_for(personas.admin).get(LIST, {"actor": "alice"})
    assert seqs_on_page(response) == [mine.seq]


def test_it_filters_by_dates_in_the_center_time_zone(
    personas: Personas, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 03:00 UTC on March 10 is still March 9 in Chicago.
    late_evening = record_at(
        monkeypatch, datetime(2025, 3, 10, 3, 0, tzinfo=UTC), personas.metro, "probe.a"
    )
    next_day = record_at(
        monkeypatch, datetime(2025, 3, 10, 15, 0, tzinfo=UTC), personas.metro, "probe.b"
    )
    client = client_for(personas.admin)
    march_9 = client.get(LIST, {"since": "2025-03-09", "until": "2025-03-09"})
    assert seqs_on_page(march_9) == [late_evening.seq]
    from_march_10 = client.get(LIST, {"since": "2025-03-10", "until": "2025-03-10"})
    assert seqs_on_page(from_march_10) == [next_day.seq]


def test_it_rejects_reversed_dates_with_clear_error(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.admin).get(LIST, {"since": "2025-03-10", "until": "2025-03-01"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "The end date is before the start date." in text
    assert seqs_on_page(response) == []


def test_it_shows_times_in_the_center_time_zone(
    personas: Personas, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_at(monkeypatch, datetime(2025, 1, 15, 18, 30, tzinfo=UTC), personas.metro, "probe.t")
    text = client_for(personas.admin).get(LIST, {"event_type": "probe.t"}).content.decode()
    assert "2025-01-15 12:30:00 CST" in text
    assert 'datetime="2025-01-15T12:30:00-06:00"' in text


def test_details_are_shown_compact_and_pretty(personas: Personas, client_for: ClientFor) -> None:
    record(personas.metro, "probe.details", reason="idle", count=3)
    text = client_for(personas.admin).get(LIST, {"event_type": "probe.details"}).content.decode()
    assert "<details>" in text
    assert "{&quot;count&quot;:3,&quot;reason&quot;:&quot;idle&quot;}" in text
    assert "{\n  &quot;count&quot;: 3,\n  &quot;reason&quot;: &quot;idle&quot;\n}" in text


def test_it_paginates_by_fifty(personas: Personas, client_for: ClientFor) -> None:
    for number in range(60):
        record(personas.metro, "probe.bulk", number=number)
    client = client_for(personas.admin)
    first = client.get(LIST, {"event_type": "probe.bulk"})
    assert len(seqs_on_page(first)) == 50
    assert "page=2" in first.content.decode()
    second = client.get(LIST, {"event_type": "probe.bulk", "page": "2"})
    assert len(seqs_on_page(second)) == 10
    assert not set(seqs_on_page(first)) & set(seqs_on_page(second))


def test_query_count_does_not_grow_with_rows(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.admin)
    client.get(LIST)  # settle the session
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for number in range(30):
        record(personas.metro, f"probe.kind_{number % 5}", number=number)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)

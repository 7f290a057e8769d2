"""The CAD simulator's documents and its command."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError

from crisisdesk.demo.management.commands.simulate import parse_rate
from crisisdesk.demo.simulator import Simulator

T0 = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


def test_the_same_seed_makes_the_same_traffic() -> None:
    one, two = Simulator(7), Simulator(7)
    for step in range(20):
        now = T0 + timedelta(minutes=step)
        assert one.next_document(now) == two.next_document(now)


def test_new_calls_are_whole_eido_documents() -> None:
    kind, document = Simulator(1).next_document(T0)
    assert kind == "new"
    incident = document["incidentComponent"][0]
    assert document["$id"].startswith("urn:emergency:uid:incidentid:SIM")
    assert incident["incidentTrackingIdentifier"] in document["$id"]
    assert 0 <= incident["incidentCommonPriorityNumber"] <= 4
    assert "<civicAddress" in document["locationComponent"][0]["locationByValue"]
    assert len(document["notesComponent"]) == 1


def test_updates_add_a_note_with_a_newer_timestamp() -> None:
    simulator = Simulator(3)
    updates = []
    for step in range(60):
        kind, document = simulator.next_document(T0 + timedelta(minutes=step))
        if kind == "update":
            updates.append((step, document))
    assert updates, "some documents are updates"
    step, document = updates[0]
    assert document["lastUpdateTimeStamp"].startswith(
        (T0 + timedelta(minutes=step)).isoformat()[:16]
    )
    notes = document["notesComponent"]
    assert len(notes) >= 2
    assert len({note["$id"] for note in notes}) == len(notes)


@pytest.mark.parametrize(("text", "per_second"), [("20/h", 20 / 3600), ("2/min", 2 / 60)])
def test_rates_are_read_per_hour_minute_or_second(text: str, per_second: float) -> None:
    assert parse_rate(text) == pytest.approx(per_second)


def test_a_bad_rate_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="--rate must look like 20/h"):
        parse_rate("fast")

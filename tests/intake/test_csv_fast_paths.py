"""The shortcuts CSV intake takes for speed give exactly what the plain way gives."""

from __future__ import annotations

import gc
import io
import random
import zoneinfo
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from crisisdesk.incidents.models import Incident
from crisisdesk.intake.batch import ImportRow, LocationIds, do_import_incident_batch
from crisisdesk.intake.batch_sql import DateTimes
from crisisdesk.intake.csv_convert import _parser
from crisisdesk.intake.csv_mapping import Source, Timestamp
from crisisdesk.intake.records import IncidentData, LocationData
from crisisdesk.places.models import Location
from tests.conftest import SETUP, Personas
from tests.intake.test_csv_mapping import converter, incident, row

ZONES = [
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Australia/Lord_Howe",  # moves by half an hour, at 02:00
    "America/St_Johns",  # UTC-03:30
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
]


@pytest.mark.parametrize("name", ZONES)
def test_local_times_are_converted_as_the_time_zone_database_says(name: str) -> None:
    zone = zoneinfo.ZoneInfo(name)
    parse = _parser(Timestamp(Source(columns=("when",)), "%Y-%m-%d %H:%M:%S", zone))
    pick = random.Random(name)
    # Every 7 minutes and 13 seconds through a year of transitions, and random times back
    # to the 19th century (local mean times with offsets in seconds).
    start = datetime(2022, 1, 1)  # noqa: DTZ001 (local times, as an export writes them)
    moments = [start + timedelta(seconds=433 * step) for step in range(80_000)]
    moments += [
        datetime(pick.randrange(1850, 2040), pick.randrange(1, 13), pick.randrange(1, 29))  # noqa: DTZ001
        + timedelta(seconds=pick.randrange(86_400))
        for _ in range(5_000)
    ]
    for moment in moments:
        expected = moment.replace(tzinfo=zone).astimezone(UTC)
        parsed = parse(moment.strftime("%Y-%m-%d %H:%M:%S"))
        assert (parsed, parsed.tzinfo) == (expected, UTC), moment


def test_a_time_with_its_own_offset_keeps_it() -> None:
    parse = _parser(
        Timestamp(Source(columns=("when",)), "%Y-%m-%d %H:%M:%S", zoneinfo.ZoneInfo("UTC"))
    )
    assert parse("2023-01-01 00:00+01") == datetime(2022, 12, 31, 23, 0, tzinfo=UTC)


def test_converted_rows_are_ordinary_records(tmp_path: Path) -> None:
    convert = converter(tmp_path, "location: {address: street}\n")
    data = incident(convert(row(street="12 OAK ST")))
    plain = IncidentData(
        source_system="test-cad",
        external_id="C-1",
        received_at=data.received_at,
        location=LocationData(address="12 OAK ST"),
    )
    assert data == plain and hash(data) == hash(plain)
    assert repr(data) == repr(plain)
    with pytest.raises(AttributeError):
        data.external_id = "other"  # type: ignore[misc]


def test_database_times_match_the_backend_adapter(db: None) -> None:
    times = DateTimes(Incident)
    for moment in [
        datetime(2023, 1, 1, 8, 0, 5, tzinfo=UTC),
        datetime(2023, 7, 1, 8, 0, 5, 123, tzinfo=zoneinfo.ZoneInfo("America/Chicago")),
        datetime(1, 1, 1, 23, tzinfo=zoneinfo.ZoneInfo("America/Sao_Paulo")),
    ]:
        assert times(moment) == connection.ops.adapt_datetimefield_value(moment)


def batch(*numbers: int) -> list[ImportRow]:
    at = datetime(2023, 1, 1, 8, tzinfo=UTC)
    return [
        ImportRow(
            number,
            IncidentData(
                source_system="city-cad",
                external_id=f"L{number}",
                received_at=at + timedelta(minutes=number),
                status="closed",
                location=LocationData(address=f"{number % 2} ELM ST", city="Metro"),
            ),
        )
        for number in numbers
    ]


def apply(personas: Personas, rows: list[ImportRow], locations: LocationIds) -> None:
    do_import_incident_batch(
        rows, center=personas.metro, source_system="city-cad", actor=SETUP, locations=locations
    )


def test_later_batches_reuse_the_locations_earlier_ones_resolved(
    personas: Personas, django_capture_on_commit_callbacks: object
) -> None:
    locations = LocationIds(personas.metro.pk)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        apply(personas, batch(1, 2), locations)
    assert set(locations.ids) == {"0 ELM ST METRO", "1 ELM ST METRO"}
    with (
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[operator]
        CaptureQueriesContext(connection) as queries,
    ):
        apply(personas, batch(3, 4), locations)
    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "places_location" in sql and "incident" not in sql]
    assert Location.objects.filter(center=personas.metro).count() == 2
    by_place = {i.external_id: i.location_id for i in Incident.objects.all()}
    assert by_place["L1"] == by_place["L3"] and by_place["L2"] == by_place["L4"]


def test_a_batch_rolled_back_leaves_nothing_remembered(personas: Personas) -> None:
    locations = LocationIds(personas.metro.pk)

    class Stop(Exception):
        pass

    with pytest.raises(Stop), transaction.atomic():
        apply(personas, batch(1, 2), locations)
        raise Stop
    assert locations.ids == {}
    assert not Location.objects.exists()


def test_the_import_restores_the_cycle_collector(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("id,when\nC-1,2026-03-04 10:15:00\n", encoding="utf-8")
    mapping = tmp_path / "layout.yaml"
    mapping.write_text(
        "source_system: test-cad\nexternal_id: id\n"
        'received_at: {column: when, format: "%Y-%m-%d %H:%M:%S", time_zone: UTC}\n',
        encoding="utf-8",
    )
    before = gc.get_threshold()
    out = io.StringIO()
    call_command(
        "ingest",
        "csv",
        str(path),
        "--mapping",
        str(mapping),
        "--center",
        "metro",
        "--json",
        stdout=out,
    )
    assert '"created": 1' in out.getvalue()
    assert gc.get_threshold() == before

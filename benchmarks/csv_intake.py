"""How fast `crisisdesk ingest csv` takes a CAD export into SQLite (target: 20,000 rows/s).

`python -m benchmarks csv_intake` sets Django up itself against a throwaway SQLite file (unless
DATABASE_URL is set), writes ROWS synthetic rows in the San Diego calls-for-service layout with a
matching call-type table, and imports them through the real command with the built-in
`san-diego` mapping: once into an empty database, then again (every row unchanged). The rate is
the command's own (reading, mapping, writing, committing), without Django's start-up.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROWS = 200_000
TARGET = 20_000
STREETS = 2_000  # distinct roads
PLACES = 40_000  # distinct addresses: repeat callers and hot spots, as in a real city's calls
HEADER = [
    "incident_num",
    "date_time",
    "day_of_week",
    "address_number_primary",
    "address_dir_primary",
    "address_road_primary",
    "address_sfx_primary",
    "address_dir_intersecting",
    "address_road_intersecting",
    "address_sfx_intersecting",
    "call_type",
    "disposition",
    "beat",
    "priority",
]
CALL_TYPES = {
    "5150": "MENTAL CASE",
    "CW": "CHECK THE WELFARE",
    "415": "DISTURBING PEACE",
    "1140OD": "OVERDOSE",
    "647F": "DRUNK - DRUGS/ALCOHOL",
    "SELENF": "SELECTIVE ENFORCEMENT",
    "T": "TRAFFIC STOP",
    "FD": "FLAG DOWN/FIELD INITIATED",
    "459": "BURGLARY",
    "10852": "VEHICLE TAMPERING",
}
DISPOSITIONS = ["K", "K", "K", "O", "R", "W", "CAN", "A", "U", "DUP", ""]


def write_export(folder: Path, rows: int, seed: int = 7) -> Path:
    """A synthetic export (and its call-type table next to it), deterministic for a seed."""
    pick = random.Random(seed)
    with open(folder / "san_diego_pd_cfs_calltypes.csv", "w", encoding="utf-8-sig") as file:
        lookup = csv.writer(file)
        lookup.writerow(["call_type", "description", "", "", ""])
        lookup.writerows([code, text, "", "", ""] for code, text in CALL_TYPES.items())
    path = folder / "calls.csv"
    start = datetime(2023, 1, 1)  # noqa: DTZ001 (local time, as the export writes it)
    roads = [f"{number:02d}TH" for number in range(1, 100)]
    roads += [f"STREET {number}" for number in range(STREETS - len(roads))]
    places = [
        (str(pick.randrange(1, 90) * 100), pick.choice(roads), pick.choice(["AVE", "ST", "BLVD"]))
        for _ in range(PLACES)
    ]
    codes = [*CALL_TYPES, "UNKNOWN"]
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        for number in range(rows):
            at = start + timedelta(seconds=number * 7)
            cross = pick.random() < 0.15
            block, road, suffix = pick.choice(places)
            writer.writerow(
                [
                    f"E23{number:09d}",
                    at.strftime("%Y-%m-%d %H:%M:%S"),
                    str(at.isoweekday()),
                    "0" if cross else block,
                    "",
                    road,
                    suffix,
                    "",
                    roads[number % 50] if cross else "",
                    "",
                    pick.choice(codes),
                    pick.choice(DISPOSITIONS),
                    str(pick.randint(100, 999)),
                    str(pick.choice([0, 1, 2, 2, 2, 3, 3, 4, 9])),
                ]
            )
    return path


def setup_django(folder: Path) -> None:
    os.environ["CRISISDESK_MODE"] = "test"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("CRISISDESK_VAR_DIR", str(folder / "var"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def import_once(path: Path, center: str) -> tuple[dict[str, Any], float]:
    from django.core.management import call_command

    out = io.StringIO()
    began = time.perf_counter()
    call_command(
        "ingest",
        "csv",
        str(path),
        "--mapping",
        "san-diego",
        "--center",
        center,
        "--json",
        "--no-progress",
        stdout=out,
        stderr=io.StringIO(),
    )
    summary: dict[str, Any] = json.loads(out.getvalue())
    return summary, time.perf_counter() - began


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="crisisdesk-bench-") as name:
        folder = Path(name)
        began = time.perf_counter()
        path = write_export(folder, ROWS)
        print(f"csv intake: wrote {ROWS:,} synthetic rows in {time.perf_counter() - began:.1f} s")
        setup_django(folder)
        from crisisdesk.audit.record import SystemActor
        from crisisdesk.centers.actions import do_create_center

        code = f"bench-{os.getpid()}"  # a database named in DATABASE_URL may hold others
        do_create_center(
            code=code,
            name="Benchmark",
            time_zone="America/Los_Angeles",
            actor=SystemActor("benchmark"),
        )
        for label in ("fresh import", "re-import"):
            summary, wall = import_once(path, code)
            rate = summary["rows_per_second"]
            print(
                f"csv intake: {label}: {summary['rows']:,} rows in {summary['seconds']:.2f} s, "
                f"{rate:,} rows/s (created {summary['created']:,}, "
                f"unchanged {summary['unchanged']:,}, rejected {summary['rejected']:,}; "
                f"{wall:.2f} s with the command's start-up)"
            )
            assert summary["rejected"] == 0, summary["errors"][:3]
            assert summary["created"] == (ROWS if label == "fresh import" else 0)
            if rate < TARGET:
                print(f"csv intake: {label} is BELOW the target of {TARGET:,} rows/s")

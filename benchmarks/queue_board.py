"""The live queue board with 300 open calls among 1,000,000 historical incidents.

Targets: an unchanged poll at most 10 ms of server time, a full render at most 100 ms. Both are
timed through Django's whole request path (middleware, session, permission check, template) with
the test client, so only the network is left out. The database is a throwaway SQLite file unless
DATABASE_URL is set (then that database's tables are used: point it at a scratch database).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from typing import Any

HISTORY = int(os.environ.get("BENCH_HISTORY", "1000000"))
OPEN = 300
POLLS = 300
RENDERS = 30


def _setup_django() -> None:
    os.environ["CRISISDESK_MODE"] = "test"
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="crisisdesk-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(center: Any, clinician: Any, call_taker: Any) -> None:
    from django.db import connection, transaction

    from crisisdesk.incidents.models import Incident
    from crisisdesk.transfers.actions import do_accept_transfer, do_offer_transfer

    start = datetime(2024, 1, 1, tzinfo=UTC)
    columns = (
        "center_id, source_system, external_id, received_at, call_type_code, call_type_text, "
        "priority, caller_relation, status, priority_return, origin_988, cit_fallback, "
        "created_at, updated_at"
    )
    sql = (
        f"INSERT INTO incidents_incident ({columns}) "  # noqa: S608 - constant columns
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    batch: list[tuple[Any, ...]] = []
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for n in range(HISTORY + OPEN):
            is_open = n >= HISTORY
            received = start + timedelta(seconds=n * 60 if not is_open else HISTORY * 60 + n)
            batch.append(
                (
                    center.pk,
                    "bench-cad",
                    f"B{n:08d}",
                    received,
                    "MH" if n % 37 == 0 else "DIST",
                    "MENTAL HEALTH CRISIS" if n % 37 == 0 else "DISTURBANCE",
                    n % 5,
                    "second",
                    ("pending" if n % 2 else "active") if is_open else "closed",
                    False,
                    False,
                    False,
                    received,
                    received,
                )
            )
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch.clear()
        cursor.executemany(sql, batch)
    print(f"  filled {HISTORY + OPEN:,} incidents in {time.perf_counter() - began:.1f} s")
    open_ids = list(
        Incident.objects.filter(status__in=["pending", "active"]).values_list("pk", flat=True)
    )
    for incident in Incident.objects.filter(pk__in=open_ids[:40]):
        transfer = do_offer_transfer(incident, to=None, actor=call_taker)
        if incident.pk % 2:
            do_accept_transfer(transfer, actor=clinician)


def _timed(client: Any, path: str, count: int, **headers: str) -> list[float]:
    samples = []
    for _ in range(count):
        began = time.perf_counter()
        response = client.get(path, **headers)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code in (200, 204), response.status_code
    return samples


def _report(name: str, samples: list[float], target: float) -> None:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    verdict = "meets" if p95 <= target else "MISSES"
    print(
        f"  {name}: median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms "
        f"(target {target:.0f} ms: {verdict})"
    )


def run() -> None:
    _setup_django()
    from django.test import Client

    from crisisdesk.accounts.actions import do_create_user
    from crisisdesk.accounts.roles import Role
    from crisisdesk.audit.record import SystemActor
    from crisisdesk.centers.actions import do_create_center
    from crisisdesk.incidents.queue_version import queue_version

    actor = SystemActor("bench")
    center = do_create_center(code="bench", name="Bench", time_zone="UTC", actor=actor)
    users = {
        role: do_create_user(
            username=role.value,
            center=center,
            roles=[role],
            password="bench-password-123",  # noqa: S106 - a throwaway benchmark database
            validate=False,
            actor=actor,
        )
        for role in (Role.CALL_TAKER, Role.CLINICIAN)
    }
    _fill(center, users[Role.CLINICIAN], users[Role.CALL_TAKER])
    client = Client()
    client.force_login(users[Role.CLINICIAN])
    background = {"HTTP_X_CRISISDESK_BACKGROUND": "1"}
    version = queue_version(center.pk)
    print(f"  {OPEN} open calls among {HISTORY:,} historical incidents")
    _timed(client, "/incidents/queue/board", 3, **background)  # warm caches
    unchanged = _timed(client, f"/incidents/queue/board?version={version}", POLLS, **background)
    full = _timed(client, "/incidents/queue/board", RENDERS, **background)
    page = _timed(client, "/incidents/queue/", RENDERS)
    _report("unchanged poll", unchanged, 10)
    _report("full board render", full, 100)
    _report("full queue page", page, 100)

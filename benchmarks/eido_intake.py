"""EIDO intake through the HTTP API: documents per second, new and duplicate.

Target: at least 300 documents/s sustained on SQLite and on PostgreSQL on a 2-core machine, and
a duplicate cheaper than a new document.

It sets up its own database: a throwaway SQLite file in a temporary folder, unless DATABASE_URL
is set (for PostgreSQL use a database of its own, e.g. `createdb crisisdesk_bench`; each run
adds a center of its own, so runs do not collide). It serves CrisisDesk with `crisisdesk serve`
(Gunicorn) in a separate process on 127.0.0.1, then POSTs DOCUMENTS new documents and the same
documents again from CLIENTS client threads (each reconnecting as the server closes). Localhost
only; every loop is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DOCUMENTS = 3_000
CLIENTS = 8
SERVER_WORKERS = 4
START_TIMEOUT_SECONDS = 60
URL = "/api/v1/incidents/eido"


def _prepare_environment(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")
    os.environ["CRISISDESK_MODE"] = "test"
    os.environ.setdefault("CRISISDESK_VAR_DIR", str(folder))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    # Request logs at INFO would measure the terminal, not CrisisDesk.
    os.environ.setdefault("CRISISDESK_LOG_LEVEL", "WARNING")


def _setup_database() -> tuple[str, str]:
    """Migrates, makes a center and a token; returns (token secret, database vendor)."""
    import django
    from django.core.management import call_command
    from django.db import connection, connections

    django.setup()
    call_command("migrate", verbosity=0)
    from crisisdesk.audit.record import SystemActor
    from crisisdesk.centers.actions import do_create_center
    from crisisdesk.intake.tokens import do_create_integration_token

    actor = SystemActor("benchmark")
    code = f"bench-{uuid.uuid4().hex[:8]}"
    center = do_create_center(code=code, name="Benchmark ECC", time_zone="UTC", actor=actor)
    _, secret = do_create_integration_token(
        center=center, name="Benchmark CAD", source_system="bench-cad", actor=actor
    )
    vendor = connection.vendor
    connections.close_all()  # the server process does the writing from here on
    return secret, vendor


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603  (our own interpreter and command, fixed arguments)
        [sys.executable, "-m", "crisisdesk", "serve", "--host", "127.0.0.1"]
        + ["--port", str(port), "--workers", str(SERVER_WORKERS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"crisisdesk serve exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            connection.getresponse().read()
            connection.close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("crisisdesk serve did not answer within a minute")


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def build_document(number: int, run: str) -> bytes:
    """A typical transferred behavioral-health call: incident, call, caller, location, notes."""
    start = datetime(2026, 11, 20, 14, 0, tzinfo=UTC) + timedelta(seconds=number * 7)
    at = _stamp(start + timedelta(minutes=3))
    agency = {"$ref": "bench.example"}

    def prologue(component_id: str) -> dict[str, Any]:
        return {"$id": component_id, "lastUpdateTimeStamp": at, "updatedByAgencyReference": agency}

    civic = (
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" entity="pres:c@bench.example">'
        "<tuple id='t'><status><gp:geopriv><gp:location-info>"
        '<civicAddress xmlns="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr">'
        f"<A1>IL</A1><A3>Metro</A3><HNO>{100 + number % 400}</HNO><RD>Oak</RD><STS>St</STS>"
        "</civicAddress></gp:location-info></gp:geopriv></status></tuple></presence>"
    )
    document = {
        **prologue(f"urn:emergency:uid:incidentid:{run}-{number}:bench.example"),
        "eidoVersion": "1.0",
        "issuingElementIdentification": "cad.bench.example",
        "agencyComponent": [
            {
                **prologue("bench.example"),
                "agencyRoleDescriptionRegistryText": ["CallReceiving"],
                "agencyType": ["psap"],
            }
        ],
        "agentComponent": [
            {
                **prologue("CT104"),
                "agentRoleRegistryText": ["Call Taking"],
                "agencyReference": agency,
            }
        ],
        "incidentComponent": {
            **prologue(f"incident-{number}"),
            "incidentTypeCommonRegistryText": "Behavioral",
            "incidentTypeInternalCode": "5150",
            "incidentTypeInternalText": "MENTAL HEALTH CRISIS",
            "incidentCommonPriorityNumber": number % 4,
            "incidentStatusCommonRegistryText": ["Pending"],
            "locationReference": [{"$ref": "location-1"}],
        },
        "callComponent": [
            {
                **prologue("call-1"),
                "standardPrimaryCallType": "emergency",
                "direction": "incoming",
                "callStateRegistryText": "callAnswered",
                "callStartTimestamp": _stamp(start),
                "callBackReference": {"$ref": "callback-1"},
                "personReference": [{"$ref": "person-1"}],
            }
        ],
        "callbackComponent": [
            {**prologue("callback-1"), "callBackInformationUri": [f"tel:+1555{number:07d}"]}
        ],
        "locationComponent": [
            {
                **prologue("location-1"),
                "locationTypeDescriptionRegistryText": "Incident",
                "locationByValue": civic,
            }
        ],
        "personComponent": [
            {
                **prologue("person-1"),
                "personIncidentRoleRegistryText": ["Caller"],
                "callBackReference": {"$ref": "callback-1"},
            }
        ],
        "notesComponent": [
            {
                **prologue(f"note-{index}"),
                "notesActionComments": text,
                "agentReference": {"$ref": "CT104"},
            }
            for index, text in enumerate(
                ["RP STATES BROTHER OFF MEDS, PACING", "<p>NO WEAPONS SEEN</p>"], start=1
            )
        ],
    }
    return json.dumps(document).encode()


def _request(port: int, secret: str, body: bytes) -> bytes:
    """One POST as bytes, built once: the clients only send and read, so that on a 2-core
    machine the load generator takes as little as it can of the CPU the server is measured on
    (http.client spent about 400 µs a request, mostly parsing headers)."""
    head = (
        f"POST {URL} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nAuthorization: Bearer {secret}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def _exchange(port: int, request: bytes) -> int:
    """Sends one request on a new connection and reads the response to its end; the status."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(request)
        response = bytearray()
        while True:
            chunk = connection.recv(65536)
            if not chunk:  # the server closes the connection after each response
                break
            response += chunk
    if not response.startswith(b"HTTP/1.1 ") and not response.startswith(b"HTTP/1.0 "):
        raise RuntimeError(f"not an HTTP response: {bytes(response[:80])!r}")
    return int(response[9:12])


def _post_all(port: int, secret: str, documents: list[bytes]) -> tuple[float, Counter[int]]:
    """POSTs every document, CLIENTS at a time; returns (seconds, statuses)."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    requests = [_request(port, secret, body) for body in documents]

    def client(share: list[bytes]) -> None:
        seen: Counter[int] = Counter()
        for request in share:
            seen[_exchange(port, request)] += 1
        with lock:
            statuses.update(seen)

    threads = [
        threading.Thread(target=client, args=(requests[offset::CLIENTS],))
        for offset in range(CLIENTS)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, statuses


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="crisisdesk-bench-") as folder:
        _prepare_environment(Path(folder))
        secret, vendor = _setup_database()
        run_id = uuid.uuid4().hex[:8]
        documents = [build_document(number, run_id) for number in range(DOCUMENTS)]
        port = _free_port()
        server = _start_server(port)
        try:
            new_seconds, new_statuses = _post_all(port, secret, documents)
            duplicate_seconds, duplicate_statuses = _post_all(port, secret, documents)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert new_statuses == Counter({201: DOCUMENTS}), new_statuses
    assert duplicate_statuses == Counter({200: DOCUMENTS}), duplicate_statuses
    label = f"eido intake ({vendor}, {CLIENTS} clients, {SERVER_WORKERS} server processes)"
    print(
        f"{label}: {DOCUMENTS:,} new documents in {new_seconds:.2f} s "
        f"({DOCUMENTS / new_seconds:,.0f} documents/s)"
    )
    print(
        f"{label}: {DOCUMENTS:,} duplicates in {duplicate_seconds:.2f} s "
        f"({DOCUMENTS / duplicate_seconds:,.0f} documents/s)"
    )

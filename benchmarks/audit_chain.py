"""How fast the audit chain is hashed and verified (plain core, no database)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from crisisdesk.audit import chain

ROWS = 100_000


def build_rows(count: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous = chain.GENESIS_HASH
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for seq in range(1, count + 1):
        row: dict[str, Any] = {
            "id": seq,
            "seq": seq,
            "prev_hash": previous,
            "created_at": start + timedelta(seconds=seq),
            "actor_id": 7,
            "actor_username": "clinician",
            "center_id": 1,
            "event_type": "incident.viewed",
            "object_type": "incidents.incident",
            "object_id": str(seq),
            "details": {"old": {"status": "pending"}, "new": {"status": "active"}},
            "request_id": f"{seq:032x}",
            "client_address": "10.0.0.5",
        }
        row["row_hash"] = chain.compute_hash(row)
        previous = row["row_hash"]
        rows.append(row)
    return rows


def run() -> None:
    began = time.perf_counter()
    rows = build_rows(ROWS)
    built = time.perf_counter() - began
    began = time.perf_counter()
    result = chain.verify_rows(rows, head_seq=ROWS, head_hash=rows[-1]["row_hash"])
    verified = time.perf_counter() - began
    assert result.intact
    print(f"audit chain: hashed {ROWS:,} rows in {built:.2f} s ({ROWS / built:,.0f} rows/s)")
    print(
        f"audit chain: verified {ROWS:,} rows in {verified:.2f} s ({ROWS / verified:,.0f} rows/s)"
    )

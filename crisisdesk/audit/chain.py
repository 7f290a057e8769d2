"""The audit hash chain: plain Python, no Django import.

Each audit row carries `row_hash = sha256(canonical JSON of its content and prev_hash)`, where
`prev_hash` is the previous row's `row_hash` and `seq` counts rows without gaps. Editing a row
breaks its own hash; deleting or inserting a row breaks the sequence or the link of the row after
it; deleting rows at the end is caught by comparing with the chain head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

HASHED_FIELDS = (
    "seq",
    "prev_hash",
    "created_at",
    "actor_id",
    "actor_username",
    "center_id",
    "event_type",
    "object_type",
    "object_id",
    "details",
    "request_id",
    "client_address",
)


def format_time(moment: datetime) -> str:
    """One spelling of a time for hashing, whatever the database returns."""
    if moment.tzinfo is None:
        raise ValueError("audit times must be time zone aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(row: Mapping[str, Any]) -> str:
    content = {name: row[name] for name in HASHED_FIELDS}
    content["created_at"] = format_time(row["created_at"])
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verification:
    rows_checked: int
    first_bad_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None and self.reason == ""


def verify_rows(
    rows: Iterable[Mapping[str, Any]], *, head_seq: int, head_hash: str
) -> Verification:
    """Walk rows in `seq` order; stop at the first one that does not verify.

    Each row mapping holds the hashed fields plus `id` and `row_hash`.
    """
    expected_seq = 1
    previous_hash = GENESIS_HASH
    checked = 0
    for row in rows:
        checked += 1
        if row["seq"] != expected_seq:
            return Verification(
                checked, row["id"], f"sequence jumps from {expected_seq - 1} to {row['seq']}"
            )
        if row["prev_hash"] != previous_hash:
            return Verification(checked, row["id"], "does not link to the row before it")
        if compute_hash(row) != row["row_hash"]:
            return Verification(checked, row["id"], "content does not match its hash")
        previous_hash = row["row_hash"]
        expected_seq += 1
    if expected_seq - 1 != head_seq or previous_hash != head_hash:
        return Verification(
            checked,
            None,
            f"chain ends at row {expected_seq - 1} but the head records row {head_seq}",
        )
    return Verification(checked)

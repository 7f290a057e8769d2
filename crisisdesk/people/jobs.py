"""The people app's background job, run by `crisisdesk worker` (crisisdesk/core/jobs.py)."""

from __future__ import annotations

from crisisdesk.audit.record import SystemActor
from crisisdesk.people.actions import do_fill_person_search_keys

WORKER = SystemActor("worker")
BATCH = 500
# At most this many batches a run: a large raw import is caught up over a few runs without
# keeping the worker from its other jobs (each batch is its own short transaction).
MAX_BATCHES = 20


def fill_person_search_keys() -> int:
    """Search keys for people inserted without them; returns how many rows it filled."""
    total = 0
    for _ in range(MAX_BATCHES):
        filled = do_fill_person_search_keys(actor=WORKER, batch_size=BATCH)
        total += filled
        if filled < BATCH:
            break
    return total

"""The worker job: flag every open incident the flagger has not read as it is now.

Runs every second (crisisdesk/core/jobs.py), so a new call or a new note shows its flag on the
open boards within about two seconds (this job, then the board's one-second poll). Intake never
waits for the flagger: it only writes the incident, and this job finds it. With nothing new, a
run costs one query.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError

from crisisdesk.review.actions import do_store_flags
from crisisdesk.review.flagging import due_incident_ids, read_incidents

BATCH_SIZE = 100  # one transaction each: about 50 ms of flagger time before it
MAX_BATCHES = 5  # a run stops after these; the next second goes on (a backlog after a restart)

logger = logging.getLogger(__name__)


def flag_open_incidents(*, batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES) -> int:
    """Returns how many incidents were flagged."""
    flagged = 0
    for _ in range(max_batches):
        due = due_incident_ids(batch_size)
        if not due:
            break
        try:
            flagged += do_store_flags(read_incidents(due))
        except DatabaseError:
            # Another writer flagged one of them at the same moment (a unique flag per
            # incident), or the database is busy: the next run reads them again.
            logger.warning("queue review: a batch of %d incidents was not stored", len(due))
            break
        if len(due) < batch_size:
            break
    return flagged

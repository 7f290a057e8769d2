"""Every write of queue review: storing the flagger's answers, and the decisions on a flag.

- `do_store_flags`: what `flagging.read_incidents` found, written in one short transaction
  (the flagger ran before it, outside any lock), the queue version bumped for each center
  whose boards show something new, one audit row per center.
- `do_request_pull_from_flag`: the transfers app's pull request (a supervisor approves it as
  any other), with the decision kept on the flag.
- `do_dismiss_flag`: the flag leaves the board; the reason is required and kept, encrypted.

Locks are taken in the order the other apps use: rows first (the flag, then whatever the
transfers action locks), the queue version, the audit head last.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.incidents.queue_version import bump_queue
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.flagging import Reading, read_incidents
from crisisdesk.review.models import (
    FlagDecision,
    FlagDecisionKind,
    FlaggerVersion,
    FlaggerVersionStatus,
    IncidentFlag,
)
from crisisdesk.review.wording import pull_reason
from crisisdesk.transfers.actions import TransferConflict, do_request_pull

FLAGGER = SystemActor("review")
MAX_REASON = 2000  # as the transfers app's reason form
STORED_FIELDS = (
    "candidate", "score", "category", "exclusions", "blocking", "severities", "evidence",
    "reasons", "config_version", "config_label", "last_event_id", "flagged_at", "raised_at",
    "raised_category", "decision", "stale", "error",
)  # fmt: skip


def _shown(flag: IncidentFlag | None) -> tuple[Any, ...] | None:
    """What a queue board shows of a flag; a change of it bumps the center's queue."""
    if flag is None or not flag.candidate or flag.decision == FlagDecisionKind.DISMISSED:
        return None
    return (flag.category, tuple(flag.exclusions), tuple(sorted(flag.severities.items())))


def _apply(flag: IncidentFlag, reading: Reading, now: datetime) -> None:
    was_candidate, old_category = flag.candidate, flag.category
    flag.candidate = reading.candidate
    flag.score = reading.score
    flag.category = reading.category
    flag.exclusions = reading.exclusions
    flag.blocking = reading.blocking
    flag.severities = reading.severities
    flag.evidence = reading.evidence
    flag.reasons = reading.reasons
    flag.config_version = reading.config_version
    flag.config_label = reading.config_label
    flag.last_event_id = reading.last_event_id
    flag.flagged_at = now
    flag.stale = False
    flag.error = reading.error
    if reading.candidate and flag.raised_at is None:
        flag.raised_at, flag.raised_category = now, reading.category
    # A dismissal answered the flag as it was; a call that becomes a candidate again, or one
    # of another category, is a new reason to look.
    if (
        flag.decision == FlagDecisionKind.DISMISSED
        and reading.candidate
        and (not was_candidate or old_category != reading.category)
    ):
        flag.decision = ""


@transaction.atomic
def do_store_flags(readings: list[Reading], *, actor: SystemActor = FLAGGER) -> int:
    """Writes the readings; returns how many were stored. A reading older than the stored
    flag (another worker read a newer note meanwhile) is skipped."""
    if not readings:
        return 0
    existing = {
        flag.incident_id: flag
        for flag in IncidentFlag.objects.select_for_update()
        .filter(incident_id__in=[reading.incident_id for reading in readings])
        .order_by("pk")
    }
    # A configuration signed off while these were read makes them stale again (below).
    active = dict(
        FlaggerVersion.objects.filter(
            center_id__in={reading.center_id for reading in readings},
            status=FlaggerVersionStatus.ACTIVE,
        ).values_list("center_id", "pk")
    )
    now = timezone.now()
    created, updated = [], []
    changes: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: {"raised": [], "changed": [], "cleared": [], "read": []}
    )
    for reading in readings:
        flag = existing.get(reading.incident_id)
        if flag is not None and flag.last_event_id > reading.last_event_id:
            continue
        before = _shown(flag)
        if flag is None:
            flag = IncidentFlag(
                center_id=reading.center_id, incident_id=reading.incident_id, flagged_at=now
            )
            created.append(flag)
        else:
            updated.append(flag)
        _apply(flag, reading, now)
        version_id = reading.config_version.pk if reading.config_version else None
        flag.stale = version_id != active.get(reading.center_id)
        after = _shown(flag)
        center = changes[reading.center_id]
        center["read"].append(reading.incident_id)
        if before != after:
            kind = "raised" if before is None else "cleared" if after is None else "changed"
            center[kind].append(reading.incident_id)
    IncidentFlag.objects.bulk_create(created)
    IncidentFlag.objects.bulk_update(updated, STORED_FIELDS)
    for center_id in sorted(changes):
        if any(changes[center_id][kind] for kind in ("raised", "changed", "cleared")):
            bump_queue(center_id)
    centers = Center.objects.in_bulk(sorted(changes))
    for center_id in sorted(changes):
        # No notes in the audit row: which incidents were read and what changed on the boards.
        record_event(
            actor=actor,
            center=centers.get(center_id),
            object_type="review.incidentflag",
            event_type="review.incidents_flagged",
            details=changes[center_id],
        )
    return len(created) + len(updated)


def flag_incident(incident: Incident) -> IncidentFlag:
    """Flags one incident now, whatever its state (tests, the demo); the worker does the
    same for every open incident that needs it."""
    do_store_flags(read_incidents([incident.pk]))
    return IncidentFlag.objects.get(incident_id=incident.pk)


def _locked_flag(flag: IncidentFlag) -> IncidentFlag:
    locked = IncidentFlag.objects.select_for_update().filter(pk=flag.pk).first()
    if locked is None:
        raise ReviewRefusal("This flag no longer exists; reload the page.")
    return locked


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        raise ReviewRefusal("Say why you dismiss the flag: the reason is kept with it.")
    if len(reason) > MAX_REASON:
        raise ReviewRefusal(
            f"The reason is {len(reason)} characters long; at most {MAX_REASON} are kept."
        )
    return reason


def _decide(flag: IncidentFlag, kind: FlagDecisionKind, actor: User, reason: str) -> FlagDecision:
    IncidentFlag.objects.filter(pk=flag.pk).update(decision=kind)
    flag.decision = kind
    return FlagDecision.objects.create(
        center_id=flag.center_id,
        flag=flag,
        kind=kind,
        category=flag.category,
        reason=reason,
        by=actor,
        at=timezone.now(),
    )


def _refuse_unless_open_candidate(flag: IncidentFlag, actor: User) -> None:
    if not user_can(actor, Capability.REVIEW_QUEUE) or actor.center_id != flag.center_id:
        raise ReviewRefusal("Only a clinician or a supervisor of this center reviews flags.")
    if not flag.candidate:
        raise ReviewRefusal("The flagger no longer holds this call for a candidate.")


@transaction.atomic
def do_request_pull_from_flag(
    flag: IncidentFlag, incident: Incident, *, reason: str, actor: User
) -> FlagDecision:
    """Asks a supervisor to let the clinician pull the call (transfers' approval flow) and
    keeps the decision on the flag. An empty reason becomes the flag's own (what the page
    prefills). TransferConflict if the call cannot be pulled."""
    if not user_can(actor, Capability.TAKE_TRANSFER):
        raise ReviewRefusal("Only a clinician can ask to pull a call.")
    reason = _clean_reason(reason, required=False)
    locked = _locked_flag(flag)
    _refuse_unless_open_candidate(locked, actor)
    if locked.incident_id != incident.pk:
        raise ReviewRefusal("This flag belongs to another call.")
    reason = reason or pull_reason(
        locked.category, locked.exclusions, locked.severities, locked.evidence
    )
    decision = _decide(locked, FlagDecisionKind.PULL_REQUESTED, actor, reason)
    pull = do_request_pull(incident, reason=reason, actor=actor)
    FlagDecision.objects.filter(pk=decision.pk).update(pull_request=pull)
    decision.pull_request = pull
    record_event(
        actor=actor,
        center=incident.center,
        event_type="review.flag_pull_requested",
        obj=locked,
        details={"incident_id": incident.pk, "pull_id": pull.pk, "category": locked.category},
    )
    return decision


@transaction.atomic
def do_dismiss_flag(flag: IncidentFlag, *, reason: str, actor: User) -> FlagDecision:
    """Takes the flag off the boards; the reason is required and kept with the decision."""
    reason = _clean_reason(reason, required=True)
    locked = _locked_flag(flag)
    _refuse_unless_open_candidate(locked, actor)
    if locked.decision == FlagDecisionKind.DISMISSED:
        raise ReviewRefusal("This flag was dismissed already.")
    decision = _decide(locked, FlagDecisionKind.DISMISSED, actor, reason)
    bump_queue(locked.center_id)
    # The reason stays out of the audit row: it may hold clinical detail (it is encrypted).
    record_event(
        actor=actor,
        center=actor.center,
        event_type="review.flag_dismissed",
        obj=locked,
        details={
            "incident_id": locked.incident_id,
            "category": locked.category,
            "reason_length": len(reason),
        },
    )
    return decision


__all__ = [
    "FLAGGER",
    "TransferConflict",
    "do_dismiss_flag",
    "do_request_pull_from_flag",
    "do_store_flags",
    "flag_incident",
]

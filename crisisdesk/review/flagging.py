"""Reading incidents with the flagger: which ones are due, and what it answers for them.

Nothing here writes: `actions.do_store_flags` writes what `read_incidents` found, in a short
transaction, so that the flagger's CPU time is never spent holding database locks.

An incident is due when it is open and has no flag yet, a note newer than the last event its
flag read, or a flag made stale by a newly signed-off configuration. What the flagger reads:
the call type (code and text) and the incident's notes (`IncidentEvent` of kind note) in
timeline order, one entry per note, so that every evidence span names its note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q

from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import OPEN_STATUSES, Incident, IncidentEvent, IncidentEventKind
from crisisdesk.review.configs import active_configs
from crisisdesk.review.flagger import FlagInputError, compiled
from crisisdesk.review.models import FlaggerVersion

NOTE_SPAN_FIELD = "notes"


@dataclass
class Reading:
    """What the flagger answered for one incident, ready to be stored."""

    incident_id: int
    center_id: int
    last_event_id: int
    config_version: FlaggerVersion | None
    config_label: str
    candidate: bool = False
    score: float = 0.0
    category: str = "none"
    exclusions: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    error: str = ""


def due_incident_ids(limit: int) -> list[int]:
    """Open incidents the flagger has not read as they are now, newest first."""
    newer_note = IncidentEvent.objects.filter(
        incident_id=OuterRef("pk"),
        kind=IncidentEventKind.NOTE,
        pk__gt=OuterRef("review_flag__last_event_id"),
    )
    # Every center, named: an index on (center, status) then finds the open incidents
    # without reading the years of closed ones (a plain status filter scans them on SQLite).
    due = Incident.objects.filter(
        center_id__in=Center.objects.values("pk"), status__in=OPEN_STATUSES
    ).filter(Q(review_flag__isnull=True) | Q(review_flag__stale=True) | Exists(newer_note))
    return list(due.order_by("-pk").values_list("pk", flat=True)[:limit])


def note_entries(incident_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    """Each incident's notes as (event id, text), in timeline order: one query."""
    rows = (
        IncidentEvent.objects.filter(
            incident_id__in=list(incident_ids), kind=IncidentEventKind.NOTE
        )
        .order_by("incident_id", "at", "pk")
        .values_list("incident_id", "pk", "text")
    )
    entries: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for incident_id, event_id, text in rows:
        entries[incident_id].append((event_id, text))
    return entries


def read_incidents(incident_ids: list[int]) -> list[Reading]:
    """The flagger's answer for each incident, with its center's active configuration."""
    incidents = list(
        Incident.objects.filter(pk__in=incident_ids).values_list(
            "pk", "center_id", "call_type_code", "call_type_text", "caller_relation"
        )
    )
    notes = note_entries(incident_ids)
    configs = active_configs({row[1] for row in incidents})
    readings = []
    for pk, center_id, code, text, relation in incidents:
        version, config = configs[center_id]
        entries = notes.get(pk, [])
        reading = Reading(
            incident_id=pk,
            center_id=center_id,
            last_event_id=max((event_id for event_id, _ in entries), default=0),
            config_version=version,
            config_label=config.label,
        )
        try:
            result = compiled(config).flag(
                code, text, [entry for _, entry in entries], relation or None
            )
        except FlagInputError as error:
            reading.error = str(error)[:300]
            readings.append(reading)
            continue
        answer = result.to_json_dict()
        reading.candidate = result.candidate
        reading.score = answer["score"]
        reading.category = result.category
        reading.exclusions = answer["exclusions"]
        reading.blocking = answer["blocking"]
        reading.severities = answer["severities"]
        reading.reasons = answer["reasons"]
        reading.evidence = with_event_ids(answer["evidence"], [event_id for event_id, _ in entries])
        readings.append(reading)
    return readings


def with_event_ids(evidence: list[dict[str, Any]], event_ids: list[int]) -> list[dict[str, Any]]:
    """Every span in the notes also names its timeline event: the entry number alone would
    not survive a note arriving out of order."""
    for item in evidence:
        for span in [*item.get("spans", ()), *item.get("triggers", ())]:
            if span.get("field") == NOTE_SPAN_FIELD and 0 <= span["entry"] < len(event_ids):
                span["event_id"] = event_ids[span["entry"]]
    return evidence

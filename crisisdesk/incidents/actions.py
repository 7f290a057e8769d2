"""Every change to incidents, each with its audit row in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import (
    OPEN_STATUSES,
    Incident,
    IncidentEvent,
    IncidentEventKind,
    IncidentStatus,
)
from crisisdesk.incidents.queue_version import bump_queue, touch_incident
from crisisdesk.places.models import Location


def _author(actor: User | SystemActor) -> tuple[User | None, str]:
    if isinstance(actor, User):
        return actor, ""
    return None, actor.username


@transaction.atomic
def do_create_incident(
    *,
    center: Center,
    source_system: str,
    external_id: str,
    received_at: datetime,
    call_type_code: str = "",
    call_type_text: str = "",
    priority: int | None = None,
    location: Location | None = None,
    caller_relation: str = "",
    actor: User | SystemActor,
) -> Incident:
    incident = Incident(
        center=center,
        source_system=source_system,
        external_id=external_id,
        received_at=received_at,
        call_type_code=call_type_code,
        call_type_text=call_type_text,
        priority=priority,
        location=location,
        caller_relation=caller_relation,
    )
    incident.full_clean()
    incident.save()
    author, source = _author(actor)
    IncidentEvent.objects.create(
        incident=incident,
        at=received_at,
        kind=IncidentEventKind.RECEIVED,
        author=author,
        source=source or source_system,
        text=f"Received from {source_system} as {external_id}.",
    )
    bump_queue(center.pk)
    record_event(
        actor=actor,
        center=center,
        event_type="incident.created",
        obj=incident,
        details={
            "new": {
                "source_system": source_system,
                "external_id": external_id,
                "call_type_code": call_type_code,
                "priority": priority,
                "status": incident.status,
            }
        },
    )
    return incident


@transaction.atomic
def do_add_incident_note(
    incident: Incident, *, text: str, actor: User | SystemActor, at: datetime | None = None
) -> IncidentEvent:
    text = text.strip()
    if not text:
        raise ValueError("A note needs some text.")
    author, source = _author(actor)
    event = IncidentEvent.objects.create(
        incident=incident,
        at=at or timezone.now(),
        kind=IncidentEventKind.NOTE,
        author=author,
        source=source,
        text=text,
    )
    touch_incident(incident)
    # The audit row records that a note was added, not its text: notes may hold clinical detail.
    record_event(
        actor=actor,
        center=incident.center,
        event_type="incident.note_added",
        obj=incident,
        details={"event_id": event.pk, "length": len(text)},
    )
    return event


@transaction.atomic
def do_change_incident_status(
    incident: Incident, *, status: IncidentStatus, actor: User | SystemActor, reason: str = ""
) -> Incident:
    old = incident.status
    if old == status:
        return incident
    now = timezone.now()
    update: dict[str, Any] = {"status": status, "updated_at": now}
    update["closed_at"] = None if status in OPEN_STATUSES else now
    # Compare-and-set: if someone else changed the status meanwhile, nothing is written.
    changed = Incident.objects.filter(pk=incident.pk, status=old).update(**update)
    if not changed:
        raise IncidentChangedError(f"Incident {incident.external_id} was changed by someone else.")
    for field, value in update.items():
        setattr(incident, field, value)
    bump_queue(incident.center_id)
    author, source = _author(actor)
    IncidentEvent.objects.create(
        incident=incident,
        at=now,
        kind=IncidentEventKind.STATUS,
        author=author,
        source=source,
        text=reason,
        data={"old": old, "new": status},
    )
    record_event(
        actor=actor,
        center=incident.center,
        event_type="incident.status_changed",
        obj=incident,
        details={"old": {"status": old}, "new": {"status": str(status)}},
    )
    return incident


class IncidentChangedError(Exception):
    """The incident changed under us; reload and try again."""

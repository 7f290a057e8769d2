"""Bumping and reading a center's queue version (the boards' change token)."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from crisisdesk.incidents.models import Incident, QueueVersion


def bump_queue(center_id: int) -> None:
    """Called inside every action that changes what a board shows, in its transaction."""
    # Plain SQL: this runs on every intake message, where the ORM's query building would cost
    # several times the update itself.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {QueueVersion._meta.db_table} SET version = version + 1 "  # noqa: S608
            "WHERE center_id = %s",
            [center_id],
        )
        bumped = cursor.rowcount
    if not bumped:
        QueueVersion.objects.get_or_create(center_id=center_id, defaults={"version": 1})


def queue_version(center_id: int) -> int:
    value = QueueVersion.objects.filter(center_id=center_id).values_list("version", flat=True)
    return next(iter(value), 0)


def touch_incident(incident: Incident) -> None:
    """Marks an incident changed (its page's change token) and bumps its center's queue."""
    incident.updated_at = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(updated_at=incident.updated_at)
    bump_queue(incident.center_id)

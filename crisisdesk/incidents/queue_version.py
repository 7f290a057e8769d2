"""Bumping and reading a center's queue version (the boards' change token)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from crisisdesk.incidents.models import Incident, QueueVersion


def bump_queue(center_id: int) -> None:
    """Called inside every action that changes what a board shows, in its transaction."""
    # Plain SQL: this runs on every intake message, where the ORM's query building would cost
    # several times the update itself.
    sql, params = bump_statement(center_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        bumped = cursor.rowcount
    finish_bump(center_id, bumped)


def bump_statement(center_id: int) -> tuple[str, list[Any]]:
    """The UPDATE of `bump_queue`, for a caller that sends it along with other SQL (one round
    trip instead of two on PostgreSQL); it then calls `finish_bump` with the rows it updated."""
    sql = f"UPDATE {QueueVersion._meta.db_table} SET version = version + 1 WHERE center_id = %s"  # noqa: S608
    return sql, [center_id]


def finish_bump(center_id: int, updated: int) -> None:
    """A center's first bump creates its version row."""
    if not updated:
        QueueVersion.objects.get_or_create(center_id=center_id, defaults={"version": 1})


def queue_version(center_id: int) -> int:
    value = QueueVersion.objects.filter(center_id=center_id).values_list("version", flat=True)
    return next(iter(value), 0)


def touch_incident(incident: Incident) -> None:
    """Marks an incident changed (its page's change token) and bumps its center's queue."""
    incident.updated_at = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(updated_at=incident.updated_at)
    bump_queue(incident.center_id)

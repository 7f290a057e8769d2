"""Every change to a center, each with its audit row in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from crisisdesk.audit.record import SystemActor, changes, record_event
from crisisdesk.centers.models import Center

if TYPE_CHECKING:
    from crisisdesk.accounts.models import User


@transaction.atomic
def do_create_center(*, code: str, name: str, time_zone: str, actor: User | SystemActor) -> Center:
    center = Center(code=code, name=name, time_zone=time_zone)
    center.full_clean()
    center.save()
    record_event(
        actor=actor,
        center=center,
        event_type="center.created",
        obj=center,
        details={"new": center.audit_snapshot()},
    )
    return center


@transaction.atomic
def do_update_center(
    center: Center, *, name: str, time_zone: str, is_active: bool, actor: User
) -> Center:
    before = center.audit_snapshot()
    center.name = name
    center.time_zone = time_zone
    center.is_active = is_active
    center.full_clean()
    center.save(update_fields=["name", "time_zone", "is_active"])
    diff = changes(before, center.audit_snapshot())
    if diff["new"]:
        record_event(
            actor=actor, center=center, event_type="center.updated", obj=center, details=diff
        )
    return center

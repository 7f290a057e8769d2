"""Reading the audit trail. Each center's administrators see their own center's rows only."""

from __future__ import annotations

from django.db.models import QuerySet

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.models import AuditEvent


def audit_events_for(admin: User) -> QuerySet[AuditEvent]:
    """A superuser sees every row, including those tied to no center (unknown-account sign-ins)."""
    if not user_can(admin, Capability.VIEW_AUDIT):
        return AuditEvent.objects.none()
    if admin.is_superuser:
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(center_id=admin.center_id)


def event_types_in(events: QuerySet[AuditEvent]) -> list[str]:
    """The distinct event types among these rows, for the filter's choices."""
    types = events.order_by("event_type").values_list("event_type", flat=True).distinct()
    return list(types)

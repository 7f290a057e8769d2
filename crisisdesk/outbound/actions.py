"""Putting EIDO updates in the outbox, and the administrator's changes to a center's webhook.

`queue_incident_update` is the transactional-outbox half of delivery: it writes the message in
the transaction of the change it reports, so an update is queued if and only if the change is
committed, and the worker (`delivery.py`) only ever sees committed messages.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, changes, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.outbound.eido_update import IncidentUpdate, build_incident_update
from crisisdesk.outbound.models import OutboxMessage, OutboxState, WebhookEndpoint


def agency_id(center: Center) -> str:
    """How the CAD knows us in `updatedByAgencyReference`: one stable id per center."""
    return f"crisisdesk.{center.code}"


def queue_incident_update(incident: Incident, *, reason: str, note: str) -> OutboxMessage | None:
    """Queues an EIDO update about `incident` for its center's CAD; None if nobody listens.

    Call it inside the transaction of the action that changed the incident (it writes no audit
    row of its own: that action's audit row records the change, and the outbox row is the
    record of what we will tell the CAD). The document is built now, from the incident as the
    action left it, so a later change cannot alter what this update says.
    """
    endpoint = (
        WebhookEndpoint.objects.select_related("center")
        .filter(center_id=incident.center_id, is_active=True)
        .first()
    )
    if endpoint is None:
        return None
    now = timezone.now()
    message = OutboxMessage(
        center_id=incident.center_id,
        incident=incident,
        reason=reason,
        state=OutboxState.PENDING,
        next_attempt_at=now,
    )
    message.payload = build_incident_update(
        IncidentUpdate(
            tracking_id=incident.external_id,
            agency_id=agency_id(endpoint.center),
            updated_at=now,
            status=incident.status,
            internal_status=reason,
            note=note,
            note_id=f"urn:crisisdesk:note:{message.message_id}",
            call_type_code=incident.call_type_code,
            call_type_text=incident.call_type_text,
        )
    )
    message.save()
    return message


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _url_for_audit(url: str) -> str:
    # The audit trail is kept for years: no credentials or query tokens a URL may carry.
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _snapshot(endpoint: WebhookEndpoint) -> dict[str, object]:
    return {"url": _url_for_audit(endpoint.url), "is_active": endpoint.is_active}


@transaction.atomic
def do_save_webhook_endpoint(
    center: Center, *, url: str, is_active: bool, actor: User | SystemActor
) -> WebhookEndpoint:
    """Creates the center's endpoint (with a new secret) or changes its URL and switch.

    Raises `ValidationError` for a URL that is not http or https. Messages already in the outbox
    go to the new URL: the worker reads it when it sends.
    """
    endpoint = WebhookEndpoint.objects.select_for_update().filter(center=center).first()
    created = endpoint is None
    if endpoint is None:
        endpoint = WebhookEndpoint(center=center, secret=new_secret())
        old: dict[str, object] = {}
    else:
        old = _snapshot(endpoint)
    endpoint.url = url.strip()
    endpoint.is_active = is_active
    endpoint.full_clean()
    endpoint.save()
    record_event(
        actor=actor,
        center=center,
        event_type="outbound.endpoint_created" if created else "outbound.endpoint_updated",
        obj=endpoint,
        details=changes(old, _snapshot(endpoint)),
    )
    return endpoint


@transaction.atomic
def do_rotate_webhook_secret(
    endpoint: WebhookEndpoint, *, actor: User | SystemActor
) -> WebhookEndpoint:
    """A new signing secret, effective for the next message sent. The old one stops working."""
    endpoint.secret = new_secret()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        secret=endpoint.secret, updated_at=timezone.now()
    )
    # Never the secret itself, old or new.
    record_event(
        actor=actor, center=endpoint.center, event_type="outbound.secret_rotated", obj=endpoint
    )
    return endpoint


@transaction.atomic
def do_retry_outbox_message(message: OutboxMessage, *, actor: User | SystemActor) -> bool:
    """A failed message goes back to pending, due now, with a fresh set of attempts.

    Returns False (and changes nothing) when the message is not failed, e.g. someone retried it
    a moment ago. Compare-and-set, so two clicks requeue it once.
    """
    previous_attempts = message.attempts
    now = timezone.now()
    changed = OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.FAILED).update(
        state=OutboxState.PENDING, attempts=0, next_attempt_at=now
    )
    if not changed:
        message.refresh_from_db()
        return False
    message.state, message.attempts, message.next_attempt_at = OutboxState.PENDING, 0, now
    record_event(
        actor=actor,
        center=message.center,
        event_type="outbound.message_retried",
        obj=message,
        details={
            "incident_id": message.incident_id,
            "reason": message.reason,
            "previous_attempts": previous_attempts,
        },
    )
    return True

"""Reading a center's webhook and outbox. Missing and forbidden both answer 404.

An administrator sees their own center's: another center's messages look exactly like ones that
do not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.outbound.models import OutboxMessage, WebhookEndpoint


def endpoint_for(admin: User) -> WebhookEndpoint | None:
    """The admin's center's webhook, or None when none is configured (or not theirs to see)."""
    if not user_can(admin, Capability.MANAGE_INTEGRATIONS):
        return None
    return (
        WebhookEndpoint.objects.select_related("center").filter(center_id=admin.center_id).first()
    )


def access_webhook_endpoint(admin: User) -> WebhookEndpoint:
    endpoint = endpoint_for(admin)
    if endpoint is None:
        raise Http404("No webhook is configured.")
    return endpoint


def outbox_for(admin: User) -> QuerySet[OutboxMessage]:
    if not user_can(admin, Capability.MANAGE_INTEGRATIONS):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(center_id=admin.center_id)


def access_outbox_message(admin: User, message_id: int) -> OutboxMessage:
    message = outbox_for(admin).select_related("center", "incident").filter(pk=message_id).first()
    if message is None:
        raise Http404("No such message.")
    return message

"""Where a center's CAD wants our EIDO updates, and the outbox of updates waiting to go there."""

from __future__ import annotations

import uuid

from django.core.validators import URLValidator
from django.db import models

# Only the web: urllib would also open file:// and ftp:// addresses.
WEBHOOK_SCHEMES = ("http", "https")


class WebhookEndpoint(models.Model):
    """One per center: the URL its CAD listens on, and the key we sign each body with."""

    center = models.OneToOneField(
        "centers.Center", on_delete=models.CASCADE, related_name="webhook_endpoint"
    )
    url = models.URLField(
        max_length=500,
        validators=[URLValidator(schemes=list(WEBHOOK_SCHEMES))],
        help_text="The CAD's address for EIDO updates (http or https).",
    )
    # Kept as is, not hashed: we need it to sign (HMAC-SHA256), and the admin copies it into the
    # receiver. `secrets.token_urlsafe(32)`, 256 random bits.
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(
        default=True, help_text="Off: updates wait in the outbox, nothing is sent."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"webhook of center {self.center_id}"


class OutboxState(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class OutboxMessage(models.Model):
    """One EIDO update for one incident, sent by `crisisdesk worker` with retries."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+")
    # Sent as `X-CrisisDesk-Message-Id`: the same on every attempt, so a receiver that got a
    # message whose answer we never saw can drop the second copy.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reason = models.CharField(max_length=64, help_text="What changed, e.g. transfer.accepted.")
    payload = models.JSONField(help_text="The EIDO document, sent as is.")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=16, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    # When the worker may try next; while a worker is sending, it holds the message by pushing
    # this a lease into the future (see `delivery.py`).
    next_attempt_at = models.DateTimeField()
    # Short and without any of the receiver's body: "HTTP 503", "timed out".
    last_error = models.CharField(max_length=200, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["center", "-created_at"], name="outbox_center_created"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} for incident {self.incident_id}: {self.state}"

"""Integration tokens for sending systems, and the quarantine for documents we could not take."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IntegrationToken(models.Model):
    """A secret a CAD or other system presents; it may write to exactly one center."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, help_text="Which system uses it, e.g. 'Metro CAD'.")
    source_system = models.CharField(
        max_length=64, help_text="Recorded on incidents that arrive with this token."
    )
    prefix = models.CharField(max_length=12, help_text="First characters, to recognise it.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class QuarantineStatus(models.TextChoices):
    HELD = "held", "Held"
    REPLAYED = "replayed", "Replayed"
    DISCARDED = "discarded", "Discarded"


class QuarantinedDocument(models.Model):
    """A document that failed validation, kept byte for byte so that nothing is lost."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    document_format = models.CharField(max_length=16, default="eido")
    channel = models.CharField(max_length=16, help_text="api or command")
    source_system = models.CharField(max_length=64, blank=True)
    raw = models.TextField(help_text="The document as received; never edited.")
    # An administrator's corrected copy, kept apart so the original stays as evidence.
    fixed_raw = models.TextField(blank=True)
    origin = models.CharField(
        max_length=255, blank=True, help_text="Where it came from: a file name, or '-' for stdin."
    )
    errors = models.JSONField(default=list)
    received_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=QuarantineStatus.choices, default=QuarantineStatus.HELD
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["center", "status"], name="quarantine_center_status")]

    def __str__(self) -> str:
        return f"quarantined {self.document_format} #{self.pk}"

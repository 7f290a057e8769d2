"""Protocol versions a center uses, and every screening done with them.

A version's YAML text never changes once it exists; a center's active version of a protocol
changes only when a supervisor who did not author the new version signs it off. A screening
keeps the version, the answers, the engine's outcome and reasons, and the screener's decision,
so that it can be explained years later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crisisdesk.core.encryption import EncryptedJSONField


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProtocolVersion(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=64)
    version = models.CharField(max_length=32)
    text = models.TextField(help_text="The protocol's YAML, exactly as signed off.")
    status = models.CharField(
        max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    # Empty for the versions CrisisDesk ships (`builtin` true).
    builtin = models.BooleanField(default=False)
    authored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The protocol's own test cases and checks when it was drafted, as shown to the reviewer.
    check_report = models.JSONField(default=dict, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "name", "version"], name="protocol_version_unique"
            ),
            models.UniqueConstraint(
                fields=["center", "name"],
                condition=models.Q(status="active"),
                name="protocol_one_active_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version} ({self.status})"


class ScreeningDecision(models.TextChoices):
    PENDING = "pending", "Not decided yet"
    ACCEPTED = "accepted", "Recommendation accepted"
    OVERRIDDEN = "overridden", "Recommendation overridden"


class Screening(models.Model):
    """One run of a protocol or instrument for an incident."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="screenings"
    )
    protocol_version = models.ForeignKey(
        ProtocolVersion, on_delete=models.PROTECT, related_name="screenings"
    )
    # Copies, so the record reads on its own: protocol name and version, as evaluated.
    protocol_name = models.CharField(max_length=64)
    protocol_version_label = models.CharField(max_length=32)
    # The answers are clinical (C-SSRS, safety assessment): encrypted at rest.
    answers = EncryptedJSONField(default=dict, blank=True)
    complete = models.BooleanField(default=False)
    outcome = models.CharField(max_length=32, blank=True, help_text="The engine's result.")
    reasons = models.JSONField(default=list)
    flags = models.JSONField(default=list)
    decision = models.CharField(
        max_length=16, choices=ScreeningDecision.choices, default=ScreeningDecision.PENDING
    )
    final_outcome = models.CharField(max_length=32, blank=True)
    override_reason = models.TextField(blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["incident", "-started_at"], name="screening_incident")]

    def __str__(self) -> str:
        return f"{self.protocol_name} for incident {self.incident_id}: {self.final_outcome}"


class SafetyPlan(models.Model):
    """A Stanley-Brown safety plan a clinician fills in with the person during a contact."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="safety_plans"
    )
    form_name = models.CharField(max_length=64)
    form_version = models.CharField(max_length=32)
    # Field id to value, as the form spec defines it (crisisdesk.triage.engine.forms).
    responses = EncryptedJSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"safety plan {self.pk} for incident {self.incident_id}"

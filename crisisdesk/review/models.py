"""Queue review in the product: a center's flagger configurations, the flag on each incident,
and what clinicians decided about it.

- `FlaggerVersion`: a center's flagger configuration (YAML, read by
  `flagger.load_config_text`), versioned like protocols: drafted, signed off by a supervisor
  who did not write it, retired when the next one is signed off. At most one active per
  center; a center without one uses the built-in `default` configuration.
- `IncidentFlag`: the flagger's latest answer for one incident, with the evidence spans and the
  last timeline event it read (the worker re-reads the incident when a newer note arrives).
- `FlagDecision`: a clinician asked to pull the call from the flag, or dismissed it with a
  reason. Kept for good: the supervisor's figures are made from them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crisisdesk.core.encryption import EncryptedTextField
from crisisdesk.review.wording import category_label


class FlaggerVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class FlaggerVersion(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    # From the text's own `name` and `version` fields, as `crisisdesk flag` reports them.
    name = models.CharField(max_length=64)
    version = models.CharField(max_length=32)
    text = models.TextField(help_text="The configuration's YAML, exactly as signed off.")
    status = models.CharField(
        max_length=16, choices=FlaggerVersionStatus.choices, default=FlaggerVersionStatus.DRAFT
    )
    # A configuration shipped with CrisisDesk, activated by CrisisDesk (the demo city's).
    builtin = models.BooleanField(default=False)
    authored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "version"], name="flagger_version_unique_label"
            ),
            models.UniqueConstraint(
                fields=["center"],
                condition=models.Q(status="active"),
                name="flagger_one_active_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version} ({self.status})"

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


class FlagDecisionKind(models.TextChoices):
    PULL_REQUESTED = "pull_requested", "Pull requested"
    DISMISSED = "dismissed", "Dismissed"


class IncidentFlag(models.Model):
    """The flagger's latest answer for an incident; rewritten when the incident is re-read."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.OneToOneField(
        "incidents.Incident", on_delete=models.CASCADE, related_name="review_flag"
    )
    candidate = models.BooleanField(default=False)
    score = models.FloatField(default=0.0)
    category = models.CharField(max_length=32, default="none")
    # Exclusions found and not negated, those that block diversion, and each one's severity.
    exclusions = models.JSONField(default=list, blank=True)
    blocking = models.JSONField(default=list, blank=True)
    severities = models.JSONField(default=dict, blank=True)
    # The flagger's evidence (FlagResult.to_json_dict()["evidence"]); every span of the notes
    # also says which timeline event it is in (`event_id`), its offsets are into that text.
    evidence = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    # Which configuration answered: a center's version, or none for the built-in default.
    config_version = models.ForeignKey(
        FlaggerVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    config_label = models.CharField(max_length=100, blank=True)
    # The newest timeline event the flagger read; a note with a larger id means re-read.
    last_event_id = models.BigIntegerField(default=0)
    flagged_at = models.DateTimeField()
    # When the incident first became a candidate, and as what: the weekly figures count these.
    raised_at = models.DateTimeField(null=True, blank=True)
    raised_category = models.CharField(max_length=32, blank=True)
    # The latest decision, kept here so the board reads it with the flag (FlagDecision holds
    # them all). A dismissal is lifted when a new note makes the call a candidate of another
    # category: that is a new reason to look.
    decision = models.CharField(max_length=16, choices=FlagDecisionKind.choices, blank=True)
    # A new configuration was signed off: the worker reads the incident again.
    stale = models.BooleanField(default=False)
    # The incident could not be flagged (the flagger's message); retried after a new note.
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["center", "raised_at"], name="review_flag_center_raised"),
        ]

    def __str__(self) -> str:
        return f"flag of incident {self.incident_id}: {self.category}"


class FlagDecision(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    flag = models.ForeignKey(IncidentFlag, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=16, choices=FlagDecisionKind.choices)
    # The flag's category when it was decided (the flag may change with later notes).
    category = models.CharField(max_length=32)
    # Why: required for a dismissal, the pull request's reason for a pull. Clinical-ish free
    # text ("known to the CRT, spoke to him an hour ago"): encrypted at rest.
    reason = EncryptedTextField(blank=True)
    pull_request = models.ForeignKey(
        "transfers.PullRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["center", "at"], name="review_decision_center_at")]

    def __str__(self) -> str:
        return f"{self.kind} on flag {self.flag_id}"

    @property
    def category_label(self) -> str:
        return category_label(self.category)

"""Transfers of a 911 call to a clinician, and clinicians' requests to pull a pending call."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crisisdesk.transfers.states import OPEN_STATES, PullState, TransferState

TRANSFER_STATE_CHOICES = [(state.value, state.label) for state in TransferState]


class Transfer(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="transfers"
    )
    state = models.CharField(max_length=24, choices=TRANSFER_STATE_CHOICES)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Empty: offered to the clinician desk, any clinician of the center may accept.
    offered_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField()
    expires_at = models.DateTimeField(help_text="An offer not accepted by then times out.")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    conferenced_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was declined or returned.")

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident"],
                condition=models.Q(state__in=sorted(state.value for state in OPEN_STATES)),
                name="transfer_one_open_per_incident",
            ),
        ]
        indexes = [models.Index(fields=["center", "state"], name="transfer_center_state")]

    def __str__(self) -> str:
        return f"transfer {self.pk} of incident {self.incident_id}: {self.state}"

    @property
    def state_label(self) -> str:
        return TransferState(self.state).label

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class PullRequest(models.Model):
    """A clinician asks to take a pending call; a supervisor approves or denies."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="pull_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    state = models.CharField(
        max_length=16,
        choices=[(state.value, state.value.title()) for state in PullState],
        default=PullState.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "requested_by"],
                condition=models.Q(state="pending"),
                name="pull_request_one_pending_per_clinician",
            ),
        ]

    def __str__(self) -> str:
        return f"pull of incident {self.incident_id} by {self.requested_by_id}: {self.state}"

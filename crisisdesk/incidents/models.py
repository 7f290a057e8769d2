"""Incidents as the CAD system created them, and their append-only timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models


class CallerRelation(models.TextChoices):
    FIRST = "first", "First party (the person in crisis)"
    SECOND = "second", "Second party (family, friend, someone with them)"
    THIRD = "third", "Third party (bystander or professional)"


class IncidentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (IncidentStatus.PENDING, IncidentStatus.ACTIVE)


class Incident(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    source_system = models.CharField(
        max_length=64, help_text="The CAD or other system the incident came from."
    )
    external_id = models.CharField(max_length=64, help_text="The incident number in that system.")
    # Indexed together with the center (Meta.indexes): every list is per center.
    received_at = models.DateTimeField()
    call_type_code = models.CharField(max_length=32, blank=True)
    call_type_text = models.CharField(max_length=200, blank=True)
    # 0 is the most urgent, as in most CAD systems.
    priority = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(9)]
    )
    location = models.ForeignKey(
        "places.Location", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    caller_relation = models.CharField(max_length=10, choices=CallerRelation.choices, blank=True)
    status = models.CharField(
        max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.PENDING
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The sender's own last-update time: an older update arriving late never overwrites newer
    # state.
    source_updated_at = models.DateTimeField(null=True, blank=True)
    # Who is working the call in CrisisDesk right now (call taker or clinician), if anyone.
    # Not indexed: only open incidents are ever filtered by holder, and (center, status) finds
    # those; every index costs each of the thousands of inserts a CAD import makes.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Came back from a clinician (caller refused, risk rose): goes ahead of the 911 queue.
    priority_return = models.BooleanField(default=False)
    # The call came from 988; it is never routed back to 988.
    origin_988 = models.BooleanField(default=False)
    # No clinician took the transfer in time: a CIT officer goes instead.
    cit_fallback = models.BooleanField(default=False)
    people: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "people.Person", through="IncidentPerson", related_name="incidents"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "source_system", "external_id"],
                name="incident_unique_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "-received_at"], name="incident_center_received"),
            models.Index(fields=["center", "status"], name="incident_center_status"),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} {self.call_type_text or self.call_type_code}"

    @property
    def call_type_label(self) -> str:
        if self.call_type_code and self.call_type_text:
            return f"{self.call_type_text} ({self.call_type_code})"
        return self.call_type_text or self.call_type_code or "Unknown call type"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class IncidentPersonRole(models.TextChoices):
    CALLER = "caller", "Caller"
    SUBJECT = "subject", "Person in crisis"
    OTHER = "other", "Other"


class IncidentPerson(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=IncidentPersonRole.choices)
    source_ref = models.CharField(
        max_length=128, blank=True, help_text="The sending system's id for this person."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "person", "role"], name="incident_person_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.person_id}:{self.role}"


class IncidentEventKind(models.TextChoices):
    NOTE = "note", "Note"
    STATUS = "status", "Status change"
    RECEIVED = "received", "Received"
    UPDATE = "update", "Update"


class IncidentEvent(models.Model):
    """One entry in an incident's timeline. Append-only: never edited, never deleted."""

    # Indexed by (incident, at) below, which also serves every lookup by incident alone.
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=IncidentEventKind.choices)
    # Who wrote it: a CrisisDesk user, or the name of the sending system (CAD operator ids).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # never searched by author; the audit trail answers "who wrote what"
    )
    source = models.CharField(max_length=64, blank=True)
    source_ref = models.CharField(
        max_length=128, blank=True, help_text="The sending system's id, to avoid duplicates."
    )
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["incident", "at"], name="incident_event_timeline")]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="incident_event_unique_source_ref",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("incident timeline entries are append-only")
        super().save(*args, **kwargs)


class QueueVersion(models.Model):
    """A counter per center, bumped by every change that a queue board shows.

    Boards poll with the version they have; an unchanged poll reads this one row and nothing else.
    """

    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"queue of center {self.center_id} at version {self.version}"

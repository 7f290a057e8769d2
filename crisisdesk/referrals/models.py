"""Closed-loop referrals from an encounter to a community service.

`ServiceRef` is the least a referral needs to name a service; it is not a directory (README:
how the directory app takes it over by `external_id`). The person's need and the outcome are
clinical text, encrypted at rest.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from crisisdesk.core.encryption import EncryptedTextField
from crisisdesk.referrals.lifecycle import (
    DECLINED_BY_LABELS,
    OPEN_STATES,
    STATE_LABELS,
    DeclinedBy,
    State,
)

STATE_CHOICES = [(state.value, label) for state, label in STATE_LABELS.items()]
OPEN_STATE_VALUES = sorted(state.value for state in OPEN_STATES)
DECLINED_BY_CHOICES = [(party.value, label) for party, label in DECLINED_BY_LABELS.items()]


def service_match_key(name: str, organization: str) -> str:
    """Name and organization folded so that "Harbor Recovery  Center" and "harbor recovery
    center" are one service: accents, case, punctuation and spacing do not count."""
    folded = unicodedata.normalize("NFKD", f"{name}|{organization}")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    name_part, org_part = (re.sub(r"[\W_]+", " ", part).strip() for part in folded.split("|", 1))
    return f"{name_part}|{org_part}"


class ServiceRef(models.Model):
    """A community service a referral points to, as the referring clinician named it."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    # The Open Referral (HSDS) service id once the directory app knows the service: the same
    # value and length as directory.Service.hsds_id, which takes the link over (README).
    external_id = models.CharField(max_length=128, blank=True)
    match_key = models.CharField(max_length=402, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "external_id"],
                condition=~Q(external_id=""),
                name="serviceref_unique_external_id",
            ),
            models.UniqueConstraint(
                fields=["center", "match_key"],
                condition=Q(external_id=""),
                name="serviceref_unique_name_organization",
            ),
        ]
        indexes = [models.Index(fields=["center", "name"], name="serviceref_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})" if self.organization else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.match_key = service_match_key(self.name, self.organization)
        super().save(*args, **kwargs)


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent (today)"
    SOON = "soon", "Soon (within 72 hours)"
    ROUTINE = "routine", "Routine (within 2 weeks)"


class Referral(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    # Made from an encounter's page, usually; a referral made from the person's page has none.
    encounter = models.ForeignKey(
        "care.Encounter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    service = models.ForeignKey(ServiceRef, on_delete=models.PROTECT, related_name="referrals")
    need = EncryptedTextField()
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=16, choices=STATE_CHOICES, default=State.PROPOSED.value)
    # When it entered each state (lifecycle.TIMESTAMP_FIELDS), and its latest change.
    proposed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    connected_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    no_show_at = models.DateTimeField(null=True, blank=True)
    unable_to_reach_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField()
    declined_by = models.CharField(max_length=8, choices=DECLINED_BY_CHOICES, blank=True)
    outcome_note = EncryptedTextField(blank=True, default="")
    # Set by the first warm handoff (ReferralHandoff holds who, when and with whom).
    warm_handoff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # The guard against referring someone twice to the same place while the first
            # referral is still open; the action checks first and explains, this makes a race
            # between two clinicians fail instead of creating both.
            models.UniqueConstraint(
                fields=["person", "service"],
                condition=Q(state__in=OPEN_STATE_VALUES),
                name="referral_one_open_per_person_service",
            ),
            models.CheckConstraint(
                condition=(
                    Q(state=State.DECLINED.value, declined_by__in=[p.value for p in DeclinedBy])
                    | (~Q(state=State.DECLINED.value) & Q(declined_by=""))
                ),
                name="referral_declined_says_by_whom",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "state", "state_changed_at"], name="referral_waiting"),
            models.Index(fields=["made_by", "state"], name="referral_made_by"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATE_VALUES

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]


class ReferralTransition(models.Model):
    """One step of a referral's life, for its timeline: who moved it, when, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField(max_length=16, choices=STATE_CHOICES)
    declined_by = models.CharField(max_length=8, choices=DECLINED_BY_CHOICES, blank=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} → {self.to_state}"

    @property
    def to_label(self) -> str:
        return STATE_LABELS[State(self.to_state)]


class HandoffMethod(models.TextChoices):
    PHONE_CONFERENCE = "phone_conference", "Three-way phone call"
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"


class ReferralHandoff(models.Model):
    """A warm handoff: the clinician introduced the person to someone at the service."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="handoffs")
    handed_off_at = models.DateTimeField()
    handed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who at the service took the person on: a name, a role, or both.
    service_contact = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=HandoffMethod.choices)
    # The referral's state when the handoff happened.
    state = models.CharField(max_length=16, choices=STATE_CHOICES)
    note = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["handed_off_at", "pk"]

    def __str__(self) -> str:
        return f"Warm handoff {self.pk}"

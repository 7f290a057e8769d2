"""Follow-ups: a planned contact with a person after a call, with its attempts and outcome.

The purpose, attempt notes, outcome note and cancellation reason are clinical text, encrypted at
rest (crisisdesk.core.encryption). Lifecycle and rules: README.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from crisisdesk.core.encryption import EncryptedTextField

# When a center has no default policy: Durham's care navigation standard.
DEFAULT_DUE_WITHIN_HOURS = 48
# Austin's field clinicians follow people for up to 90 days.
MAX_DUE_WITHIN_HOURS = 90 * 24


class FollowUpPolicy(models.Model):
    """How soon a follow-up is due after the call or encounter it comes from."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    due_within_hours = models.PositiveIntegerField()
    # The one used when whoever creates a follow-up does not choose another.
    is_default = models.BooleanField(default=False)
    # Retired policies stay, so that old follow-ups still name theirs.
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name_plural = "follow-up policies"
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="follow_up_policy_unique_name"),
            models.UniqueConstraint(
                fields=["center"],
                condition=models.Q(is_default=True),
                name="follow_up_policy_one_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_snapshot(self) -> dict[str, object]:
        return {
            "name": self.name,
            "due_within_hours": self.due_within_hours,
            "is_default": self.is_default,
            "active": self.active,
        }


class FollowUpState(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Outcome(models.TextChoices):
    REACHED_STABLE = "reached_stable", "Reached: doing well"
    REACHED_NEEDS_SUPPORT = "reached_needs_support", "Reached: needs more support"
    REFERRED = "referred", "Reached: referred to services"
    ESCALATED = "escalated", "Reached: in crisis, response sent"
    IN_CARE = "in_care", "In care elsewhere (hospital, treatment, custody)"
    DECLINED = "declined", "Declined follow-up"
    UNABLE_TO_REACH = "unable_to_reach", "Unable to reach"
    DECEASED = "deceased", "Person deceased"


# Outcomes after which a recurring check-in is not scheduled again: the person said no, or
# cannot be followed any more. Every other outcome keeps the series going.
OUTCOMES_ENDING_SERIES = frozenset({Outcome.DECLINED, Outcome.DECEASED})


class AttemptChannel(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"


class AttemptResult(models.TextChoices):
    REACHED = "reached", "Reached"
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_NUMBER = "wrong_number", "Wrong number or address"
    DECLINED = "declined", "Declined to talk"


class FollowUp(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    # Empty only when created from an encounter whose person is not known yet.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    encounter = models.ForeignKey(
        "care.Encounter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    # Empty when the due time was chosen by hand, or came from the built-in 48 hours.
    policy = models.ForeignKey(
        FollowUpPolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = EncryptedTextField(blank=True, default="")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_at = models.DateTimeField()
    # The due time was typed in, not worked out from a policy or the 48-hour default.
    due_by_hand = models.BooleanField(default=False)
    state = models.CharField(
        max_length=10, choices=FollowUpState.choices, default=FollowUpState.OPEN
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(blank=True, default="")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = EncryptedTextField(blank=True, default="")
    # Recurring check-ins: completing one schedules the next, `repeat_every_days` after the
    # completion, while the series has occurrences left (`repeat_count`, counting this one and
    # those before it) and the next due date is not after `repeat_until`.
    repeat_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(null=True, blank=True)
    repeat_until = models.DateField(null=True, blank=True)
    occurrence = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_occurrence"
    )
    # Set once, by the worker, when the assignee's supervisor has been told it is overdue.
    overdue_alert_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            # Worklists: mine, my team's, the center's open follow-ups by due time.
            models.Index(fields=["assignee", "state", "due_at"], name="follow_up_assignee_due"),
            models.Index(fields=["center", "state", "due_at"], name="follow_up_center_due"),
            # The worker's overdue scan.
            models.Index(fields=["state", "due_at"], name="follow_up_state_due"),
            models.Index(fields=["person", "-due_at"], name="follow_up_person"),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == FollowUpState.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def is_recurring(self) -> bool:
        return self.repeat_every_days is not None

    @property
    def last_attempt_label(self) -> str:
        """ "No answer (phone call)", from the annotation the worklist and timeline add."""
        result = getattr(self, "last_attempt_result", None)
        if not result:
            return ""
        channel = AttemptChannel(getattr(self, "last_attempt_channel", AttemptChannel.PHONE))
        return f"{AttemptResult(result).label} ({channel.label.lower()})"


class FollowUpAttempt(models.Model):
    """One try at reaching the person. Append-only."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="attempts")
    at = models.DateTimeField()
    channel = models.CharField(max_length=12, choices=AttemptChannel.choices)
    result = models.CharField(max_length=16, choices=AttemptResult.choices)
    note = EncryptedTextField(blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["follow_up", "-at"], name="follow_up_attempt_latest")]

    def __str__(self) -> str:
        return f"attempt {self.pk} on follow-up {self.follow_up_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("follow-up attempts are append-only")
        super().save(*args, **kwargs)

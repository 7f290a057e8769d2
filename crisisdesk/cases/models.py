"""Short-term cases: a clinician follows a person for weeks after a call (housing search, food,
eviction aid, emotional support), with goals, tasks and notes.

Every piece of free text (the case title, goals, tasks, notes, the reasons given for a status
change) is clinical content and is encrypted at rest (crisisdesk.core.encryption). Need
categories, statuses, dates and people are plain columns: caseloads count and sort by them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from crisisdesk.core.encryption import EncryptedTextField


class NeedCategory(models.TextChoices):
    HOUSING = "housing", "Housing"
    FOOD = "food", "Food"
    INCOME = "income", "Income and benefits"
    EVICTION = "eviction", "Eviction"
    LEGAL = "legal", "Legal"
    MEDICAL = "medical", "Medical"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Substance use"
    FAMILY = "family", "Family"
    TRANSPORTATION = "transportation", "Transportation"
    OTHER = "other", "Other"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    CLOSED = "closed", "Closed"


NOT_CLOSED = (CaseStatus.OPEN, CaseStatus.ACTIVE, CaseStatus.ON_HOLD)


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", "Goals met"
    PERSON_DECLINED = "person_declined", "Person declined"
    MOVED_AWAY = "moved_away", "Moved away"
    UNABLE_TO_REACH = "unable_to_reach", "Unable to reach"
    TRANSFERRED = "transferred", "Transferred to longer-term care"
    # Only the worker closes for this reason (crisisdesk.cases.actions.inactivity).
    NO_ACTIVITY = "no_activity", "No activity"
    DECEASED = "deceased", "Deceased"
    OTHER = "other", "Other"


class Case(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    # The primary clinician: whose caseload the case is on.
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    encounter = models.ForeignKey(
        "care.Encounter", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    title = EncryptedTextField()
    # NeedCategory codes. Not free text, so stored plain for counting.
    needs = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status_changed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    closure_note = EncryptedTextField(blank=True, default="")
    # Moved by every change to the case, its goals, tasks and notes; reading does not count.
    # The worker closes a case when this is older than the center's inactivity period.
    last_activity_at = models.DateTimeField()
    # The last inactivity warning sent; a warning older than the last activity is spent.
    inactivity_warned_at = models.DateTimeField(null=True, blank=True)

    # No database constraint for "one open case per person": a person merge moves every
    # foreign key to the surviving record and must not fail because both records had an open
    # case. New cases lock the person row instead (crisisdesk.cases.actions.do_open_case).
    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [
            models.Index(fields=["center", "clinician", "status"], name="case_caseload"),
            models.Index(fields=["center", "status", "last_activity_at"], name="case_inactivity"),
            models.Index(fields=["person", "status"], name="case_person"),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @property
    def need_labels(self) -> list[str]:
        labels = dict(NeedCategory.choices)
        return [str(labels.get(code, code)) for code in self.needs]


class CaseStatusChange(models.Model):
    """One step of a case's lifecycle, opening included. Append-only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=8, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=8, choices=CaseStatus.choices)
    at = models.DateTimeField()
    # Null when CrisisDesk made the change (the worker's automatic closure).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("status history is append-only")
        super().save(*args, **kwargs)


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    DROPPED = "dropped", "Dropped"


class CaseGoal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    text = EncryptedTextField()
    status = models.CharField(
        max_length=12, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    target_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Goal {self.pk}"


class CaseTask(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    goal = models.ForeignKey(
        CaseGoal, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    title = EncryptedTextField()
    due_date = models.DateField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_date"], name="case_task_assignee"),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class CaseNote(models.Model):
    """A progress note. Append-only: a mistake is corrected by a new note that names it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    text = EncryptedTextField()
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Case note {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("case notes are append-only; write a correction instead")
        super().save(*args, **kwargs)


DEFAULT_INACTIVITY_DAYS = 90
DEFAULT_QUIET_DAYS = 30
# How long before an automatic closure the clinician is warned.
WARNING_DAYS = 7


class CaseSettings(models.Model):
    """A center's case-management settings; a center without a row uses the defaults."""

    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    inactivity_days = models.PositiveSmallIntegerField(
        default=DEFAULT_INACTIVITY_DAYS,
        validators=[MinValueValidator(WARNING_DAYS + 7), MaxValueValidator(730)],
    )
    # Supervisors see cases this quiet flagged on the caseloads page.
    quiet_days = models.PositiveSmallIntegerField(
        default=DEFAULT_QUIET_DAYS, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "case settings"

    def __str__(self) -> str:
        return f"Case settings of center {self.center_id}"

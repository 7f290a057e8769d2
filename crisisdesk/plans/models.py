"""High-utilizer thresholds per center, and response plans with their revisions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from crisisdesk.core.encryption import EncryptedTextField
from crisisdesk.plans.rules import (
    DEFAULT_MINIMUM,
    DEFAULT_WINDOW_DAYS,
    OPEN_STATES,
    PREFERRED_RESPONSES,
    PlanState,
    SubjectKind,
    Thresholds,
)

PLAN_STATE_CHOICES = [(state.value, state.label) for state in PlanState]
PREFERRED_RESPONSE_CHOICES = [(code, long) for code, (_short, long) in PREFERRED_RESPONSES.items()]


class HighUtilizerThresholds(models.Model):
    """A center's own thresholds; a center without a row uses the defaults (5 in 30 days).

    The limits live in `rules.Thresholds.problems`, checked by the form and the action alike.
    """

    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    person_minimum = models.PositiveSmallIntegerField(default=DEFAULT_MINIMUM)
    phone_minimum = models.PositiveSmallIntegerField(default=DEFAULT_MINIMUM)
    address_minimum = models.PositiveSmallIntegerField(default=DEFAULT_MINIMUM)
    window_days = models.PositiveSmallIntegerField(default=DEFAULT_WINDOW_DAYS)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "high utilizer thresholds"

    def __str__(self) -> str:
        return f"thresholds of center {self.center_id}"

    def as_rules(self) -> Thresholds:
        return Thresholds(
            person_minimum=self.person_minimum,
            phone_minimum=self.phone_minimum,
            address_minimum=self.address_minimum,
            window_days=self.window_days,
        )


class ResponsePlan(models.Model):
    """One revision of a response plan. The revisions of one plan share a `lineage`.

    At most one revision of a plan is approved (in force) and at most one is being worked on
    (draft, submitted or returned): editing an approved plan drafts the next revision, and the
    approved one stays in force until that revision is approved (the constraints below).
    """

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    revision = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=16, choices=PLAN_STATE_CHOICES, default=PlanState.DRAFT)

    # Who the plan is about: at least one key. A new incident matches the plan by any of them.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Digits only, as `people.models.normalize_phone` gives them.
    phone = models.CharField(max_length=20, blank=True)
    # `places.Location.match_key`: every location row with the same address matches. The
    # location is kept to show the address as it was written.
    address_key = models.CharField(max_length=300, blank=True)
    location = models.ForeignKey(
        "places.Location", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    preferred_response = models.CharField(max_length=16, choices=PREFERRED_RESPONSE_CHOICES)
    review_date = models.DateField()
    # Clinical free text: encrypted at rest, never searched, never in the audit trail.
    background = EncryptedTextField(blank=True)
    triggers = EncryptedTextField(blank=True)
    what_helps = EncryptedTextField(blank=True)
    what_to_avoid = EncryptedTextField(blank=True)
    safety_warnings = EncryptedTextField(blank=True)
    contacts = EncryptedTextField(blank=True)

    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = EncryptedTextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False) | ~models.Q(phone="") | ~models.Q(address_key="")
                ),
                name="response_plan_has_a_subject",
            ),
            models.UniqueConstraint(
                fields=["lineage", "revision"], name="response_plan_unique_revision"
            ),
            models.UniqueConstraint(
                fields=["lineage"],
                condition=models.Q(state=PlanState.APPROVED),
                name="response_plan_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["lineage"],
                condition=models.Q(state__in=sorted(OPEN_STATES)),
                name="response_plan_one_open_revision",
            ),
        ]
        indexes = [
            # Matching reads the approved plans of a center on every board render; the
            # lists read a center's plans by state.
            models.Index(fields=["center", "state"], name="response_plan_center_state"),
        ]

    def __str__(self) -> str:
        return f"response plan {self.lineage} revision {self.revision} ({self.state})"

    @property
    def state_label(self) -> str:
        return PlanState(self.state).label

    @property
    def preferred_label(self) -> str:
        return PREFERRED_RESPONSES.get(self.preferred_response, ("", ""))[0]

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def subject_kind(self) -> SubjectKind:
        """The key the plan was written for: the person, else the phone, else the address."""
        if self.person_id is not None:
            return SubjectKind.PERSON
        if self.phone:
            return SubjectKind.PHONE
        return SubjectKind.ADDRESS

    @property
    def subject_label(self) -> str:
        """Needs `person` and `location` loaded (select_related) to avoid a query each."""
        if self.person_id is not None:
            return str(self.person)
        if self.phone:
            return format_phone(self.phone)
        return str(self.location) if self.location_id is not None else self.address_key


def format_phone(digits: str) -> str:
    """North American numbers as +1 555-201-0000; anything else as +digits."""
    if len(digits) == 11 and digits.startswith("1"):
        return f"+1 {digits[1:4]}-{digits[4:7]}-{digits[7:]}"
    return f"+{digits}" if digits else ""

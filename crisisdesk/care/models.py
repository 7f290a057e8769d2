"""Clinical encounters: a clinician's contact with a person, and its DAP note.

The note's three parts and every addendum are encrypted at rest (crisisdesk.core.encryption).
A draft changes freely; once its clinician signs it, the encounter never changes again, and a
correction or late information is written as an addendum, signed by its author.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from crisisdesk.core.encryption import EncryptedTextField


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    TEXT = "text", "Text message"
    VIDEO = "video", "Video"


class Intervention(models.TextChoices):
    CRISIS_ASSESSMENT = "crisis_assessment", "Crisis assessment"
    DE_ESCALATION = "de_escalation", "De-escalation"
    SAFETY_PLANNING = "safety_planning", "Safety planning"
    LETHAL_MEANS = "lethal_means", "Lethal means counseling"
    COUNSELING = "counseling", "Supportive counseling"
    PSYCHOEDUCATION = "psychoeducation", "Psychoeducation"
    RESOURCE_NAVIGATION = "resource_navigation", "Resource navigation"
    WARM_HANDOFF = "warm_handoff", "Warm handoff"
    FAMILY_SUPPORT = "family_support", "Support to family or caregivers"
    ADVOCACY = "advocacy", "Advocacy"
    MEDICAL_SCREENING = "medical_screening", "Basic medical screening"


class PoliceInvolvement(models.TextChoices):
    NONE = "none", "None"
    STANDBY = "standby", "Standby"
    ON_SCENE = "on_scene", "On scene"
    ARREST = "arrest", "Arrest"


class Transport(models.TextChoices):
    NONE = "none", "None"
    ED = "ed", "Emergency department"
    CRISIS_CENTER = "crisis_center", "Crisis center"
    DETOX = "detox", "Detox"
    SHELTER = "shelter", "Shelter"
    HOME = "home", "Home or to family"
    OTHER = "other", "Other"


class EncounterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


# Used by every center until its supervisor or administrator edits the list.
DEFAULT_DISPOSITIONS: tuple[tuple[str, str], ...] = (
    ("resolved_by_phone", "Resolved by phone"),
    ("resolved_on_scene", "Resolved on scene"),
    ("referred", "Referred to community services"),
    ("follow_up_scheduled", "Follow-up scheduled"),
    ("voluntary_transport", "Transported voluntarily"),
    ("involuntary_hold", "Involuntary hold"),
    ("declined_services", "Declined services"),
    ("unable_to_locate", "Unable to locate"),
    ("handed_to_police", "Handed to police"),
    ("handed_to_ems", "Handed to EMS"),
)


class Disposition(models.Model):
    """One entry of a center's list of encounter dispositions."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=100)
    # Retired entries stay, so that old encounters still name their disposition.
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["center", "code"], name="disposition_unique_code")
        ]

    def __str__(self) -> str:
        return self.label


class Encounter(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    # A follow-up call or a walk-in has no incident; a caller who would not give a name has no
    # person until one is linked.
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="encounters",
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="encounters"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.PHONE)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    interventions = models.JSONField(default=list, blank=True)
    # The code from the center's list, and its label as it read when chosen.
    disposition = models.CharField(max_length=40, blank=True)
    disposition_label = models.CharField(max_length=100, blank=True)
    police_involvement = models.CharField(
        max_length=16, choices=PoliceInvolvement.choices, default=PoliceInvolvement.NONE
    )
    transport = models.CharField(max_length=16, choices=Transport.choices, default=Transport.NONE)
    # A record of substance-use disorder treatment (42 CFR Part 2): disclosed outside the
    # program only under a valid consent.
    substance_use = models.BooleanField(default=False)
    note_data = EncryptedTextField(blank=True, default="")
    note_assessment = EncryptedTextField(blank=True, default="")
    note_plan = EncryptedTextField(blank=True, default="")
    status = models.CharField(
        max_length=8, choices=EncounterStatus.choices, default=EncounterStatus.DRAFT
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["center", "clinician", "status"], name="encounter_clinician"),
            models.Index(fields=["person", "-started_at"], name="encounter_person"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} encounter {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Guard against any write path that skips the actions: a signed note is final. Signing
        # itself is a conditional update (draft → signed), which does not pass through here.
        if self.pk is not None:
            stored = Encounter.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == EncounterStatus.SIGNED:
                raise RuntimeError("a signed encounter changes only by addendum")
        super().save(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == EncounterStatus.SIGNED

    @property
    def intervention_labels(self) -> list[str]:
        labels = dict(Intervention.choices)
        return [str(labels.get(code, code)) for code in self.interventions]


class EncounterAddendum(models.Model):
    """A later addition to a signed encounter. Append-only."""

    encounter = models.ForeignKey(Encounter, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"addendum {self.pk} to encounter {self.encounter_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("addenda are append-only")
        super().save(*args, **kwargs)

"""Consents to disclose (42 CFR Part 2 § 2.31) and the log of what was disclosed.

Purposes, descriptions of information, expiry events, justifications and revocation notes are
free text that may reveal treatment: encrypted at rest. Recipients are names of organizations
and staff, kept in plain text so that the disclosure log can be listed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from crisisdesk.consent.rules import (
    CATEGORIES,
    SUBSTANCE_USE,
    Basis,
    ConsentTerms,
    Recipient,
    SignatureMethod,
    SignedBy,
)
from crisisdesk.core.encryption import EncryptedTextField

CATEGORY_CHOICES = list(CATEGORIES.items())


class SignedByChoice(models.TextChoices):
    PERSON = SignedBy.PERSON.value, "The person"
    GUARDIAN = SignedBy.GUARDIAN.value, "A legal guardian"
    REPRESENTATIVE = SignedBy.REPRESENTATIVE.value, "An authorized representative"


class SignatureMethodChoice(models.TextChoices):
    WET_SCANNED = SignatureMethod.WET_SCANNED.value, "Signed on paper, scanned"
    ELECTRONIC = SignatureMethod.ELECTRONIC.value, "Electronic signature"
    VERBAL_WITNESSED = SignatureMethod.VERBAL_WITNESSED.value, "Verbal, witnessed by staff"


class RevocationMethod(models.TextChoices):
    WRITTEN = "written", "In writing"
    VERBAL = "verbal", "Verbally, to staff"
    ELECTRONIC = "electronic", "Electronically"


class Consent(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    # § 2.31(a)(1): the patient.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="consents")
    # (a)(2): the program, or the named part of it, that may disclose.
    discloser = models.CharField(max_length=200)
    # (a)(4): the recipient. Without an individual, anyone at the organization: a general
    # designation, described in its own words.
    recipient_organization = models.CharField(max_length=200, blank=True)
    recipient_individual = models.CharField(max_length=200, blank=True)
    recipient_general_designation = models.CharField(max_length=300, blank=True)
    # (a)(5)
    purpose = EncryptedTextField()
    # (a)(3): how much and what kind: category codes, plus an explicit description.
    categories = models.JSONField(default=list)
    information_detail = EncryptedTextField(blank=True, default="")
    # (a)(7): a date, an event, or both (whichever comes first).
    expires_on = models.DateField(null=True, blank=True)
    expiry_event = EncryptedTextField(blank=True, default="")
    expiry_event_at = models.DateTimeField(null=True, blank=True)
    expiry_event_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # (a)(8) and (9): who signed, how, when.
    signed_by = models.CharField(max_length=16, choices=SignedByChoice.choices)
    signer_name = models.CharField(max_length=200, blank=True)
    signature_method = models.CharField(max_length=20, choices=SignatureMethodChoice.choices)
    signature_reference = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField()
    witness = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # (a)(6): told of the right to revoke, and that care does not depend on signing.
    notices_given = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_method = models.CharField(
        max_length=12, choices=RevocationMethod.choices, blank=True
    )
    revocation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_note = EncryptedTextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_at", "-pk"]
        indexes = [models.Index(fields=["person", "-signed_at"], name="consent_person")]

    def __str__(self) -> str:
        return f"Consent {self.pk}"

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.recipient_organization, self.recipient_individual)

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORIES.get(code, code) for code in self.categories]

    @property
    def covers_part2(self) -> bool:
        return SUBSTANCE_USE in self.categories

    def terms(self) -> ConsentTerms:
        return ConsentTerms(
            consent_id=self.pk,
            recipient=self.recipient,
            categories=frozenset(self.categories),
            signed_at=self.signed_at,
            expires_on=self.expires_on,
            expiry_event_at=self.expiry_event_at,
            revoked_at=self.revoked_at,
        )


class BasisChoice(models.TextChoices):
    CONSENT = Basis.CONSENT.value, "The person's consent (42 CFR 2.31)"
    MEDICAL_EMERGENCY = Basis.MEDICAL_EMERGENCY.value, "Medical emergency (42 CFR 2.51)"
    NOT_PART2 = Basis.NOT_PART2.value, "No consent needed: no Part 2 record (HIPAA permits it)"


class Disclosure(models.Model):
    """One sharing of records outside the program: what, with whom, when, and on what basis."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="disclosures"
    )
    basis = models.CharField(max_length=20, choices=BasisChoice.choices)
    # Null only when the basis needs none; then the justification says why.
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    justification = EncryptedTextField(blank=True, default="")
    recipient_organization = models.CharField(max_length=200, blank=True)
    recipient_individual = models.CharField(max_length=200, blank=True)
    purpose = EncryptedTextField()
    # {"care.encounter": [3, 5], "referrals.referral": [7]}: references, never contents.
    records = models.JSONField(default=dict)
    categories = models.JSONField(default=list)
    includes_part2 = models.BooleanField(default=False)
    # The § 2.32 statement as it accompanied this disclosure.
    redisclosure_notice = models.TextField(blank=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    disclosed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["person", "-disclosed_at"], name="disclosure_person")]
        constraints = [
            # A consent exactly when the basis is a consent (the justification, encrypted, is
            # checked by the rules: ciphertext cannot be tested in SQL).
            models.CheckConstraint(
                condition=(
                    Q(basis=Basis.CONSENT.value, consent__isnull=False)
                    | (~Q(basis=Basis.CONSENT.value) & Q(consent__isnull=True))
                ),
                name="disclosure_consent_iff_basis_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"Disclosure {self.pk}"

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.recipient_organization, self.recipient_individual)

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORIES.get(code, code) for code in self.categories]

    @property
    def record_count(self) -> int:
        return sum(len(ids) for ids in self.records.values())

"""Consent and disclosure forms. They parse what was typed; which elements are missing is the
rules' call (`rules.consent_problems`, `rules.MISSING`), so the messages are the same wherever a
consent comes from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.consent.models import (
    CATEGORY_CHOICES,
    RevocationMethod,
    SignatureMethodChoice,
    SignedByChoice,
)
from crisisdesk.consent.part2 import center_today
from crisisdesk.consent.rules import MISSING, Basis, ConsentDraft, Recipient, consent_problems

DATETIME_WIDGET = forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_ERRORS = {"invalid": "Enter a date and time, like 2025-05-03 14:30."}


class ConsentForm(forms.Form):
    discloser = forms.CharField(
        label="Who may disclose",
        max_length=200,
        error_messages={"required": MISSING["discloser"]},
        help_text="The program, or the named part of it (“Metro ECC crisis clinicians”).",
    )
    recipient_organization = forms.CharField(
        label="Recipient organization", max_length=200, required=False
    )
    recipient_individual = forms.CharField(
        label="Recipient individual",
        max_length=200,
        required=False,
        help_text="Leave empty to allow anyone at the organization.",
    )
    recipient_general_designation = forms.CharField(
        label="General designation",
        max_length=300,
        required=False,
        help_text="Instead of a name, for example “my treating providers at Harbor Health”.",
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": MISSING["purpose"]},
    )
    categories = forms.MultipleChoiceField(
        label="What information",
        choices=CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": MISSING["categories"]},
    )
    information_detail = forms.CharField(
        label="How much, in the person's words",
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text="Required for substance-use records: which of them, for example "
        "“diagnosis and treatment dates only”.",
    )
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date, like 2025-12-31."},
    )
    expiry_event = forms.CharField(
        label="Or expires when",
        max_length=500,
        required=False,
        help_text="An event, for example “when I am discharged from Harbor Health”.",
    )
    signed_by = forms.ChoiceField(
        label="Signed by",
        choices=SignedByChoice.choices,
        initial=SignedByChoice.PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": MISSING["signed_by"]},
    )
    signer_name = forms.CharField(
        label="Name of the guardian or representative", max_length=200, required=False
    )
    signature_method = forms.ChoiceField(
        label="Signature",
        choices=SignatureMethodChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": MISSING["signature_method"]},
    )
    signature_reference = forms.CharField(
        label="Scanned form reference",
        max_length=200,
        required=False,
        help_text="Where the signed paper form is filed (document number or file name).",
    )
    signed_at = forms.DateTimeField(
        label="Signed at",
        widget=DATETIME_WIDGET,
        error_messages=DATETIME_ERRORS | {"required": MISSING["signed_at"]},
    )
    witness = forms.ModelChoiceField(
        label="Witness (verbal consent)",
        queryset=User.objects.none(),
        required=False,
        empty_label="No witness",
    )
    notices_given = forms.BooleanField(
        label="The person was told they may revoke this consent at any time, and that their "
        "care does not depend on signing it.",
        error_messages={"required": MISSING["notices_given"]},
    )

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["discloser"].initial = center.name
        witness = self.fields["witness"]
        assert isinstance(witness, forms.ModelChoiceField)  # noqa: S101 - declared above
        witness.queryset = User.objects.filter(center=center, is_active=True).order_by(
            "full_name", "username"
        )

    def clean(self) -> dict[str, Any]:
        # Every element at once: the rules name what the field checks above could not see
        # (a recipient, an expiry, the signature's evidence).
        cleaned = super().clean() or {}
        now = timezone.now()
        for problem in consent_problems(
            self.draft(), now=now, today=center_today(self.center, now)
        ):
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned

    def draft(self) -> ConsentDraft:
        """The consent as typed; fields that did not parse count as missing."""
        data = self.cleaned_data

        def text(name: str) -> str:
            return str(data.get(name) or "")

        witness = data.get("witness")
        return ConsentDraft(
            discloser=text("discloser"),
            recipient=Recipient(text("recipient_organization"), text("recipient_individual")),
            recipient_general_designation=text("recipient_general_designation"),
            purpose=text("purpose"),
            categories=frozenset(data.get("categories") or ()),
            information_detail=text("information_detail"),
            expires_on=data.get("expires_on"),
            expiry_event=text("expiry_event"),
            signed_by=text("signed_by"),
            signer_name=text("signer_name"),
            signature_method=text("signature_method"),
            signature_reference=text("signature_reference"),
            signed_at=data.get("signed_at"),
            witness_id=witness.pk if witness is not None else None,
            notices_given=bool(data.get("notices_given")),
        )


class RevokeForm(forms.Form):
    method = forms.ChoiceField(
        label="How the person revoked it",
        choices=RevocationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how the person revoked the consent."},
    )
    note = forms.CharField(
        label="Note", max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )


class DisclosureForm(forms.Form):
    records = forms.MultipleChoiceField(
        label="What was shared",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one record that was shared."},
    )
    # "consent:<id>" for one of the person's valid consents, or a basis that needs none.
    shared_under = forms.ChoiceField(
        label="Shared under",
        error_messages={"required": "Say what allowed sharing: a consent, or why none was needed."},
    )
    recipient_organization = forms.CharField(
        label="Recipient organization",
        max_length=200,
        required=False,
        help_text="Left empty under a consent: the consent's organization.",
    )
    recipient_individual = forms.CharField(
        label="Recipient individual", max_length=200, required=False
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": "Say why the records were shared."},
    )
    justification = forms.CharField(
        label="Justification",
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text="Required when no consent is used: the emergency, or why HIPAA permits it.",
    )
    disclosed_at = forms.DateTimeField(
        label="Shared at",
        required=False,
        widget=DATETIME_WIDGET,
        error_messages=DATETIME_ERRORS,
        help_text="Leave empty for now.",
    )

    def __init__(
        self,
        *args: Any,
        records: list[tuple[str, str]],
        consents: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        records_field = self.fields["records"]
        assert isinstance(records_field, forms.MultipleChoiceField)  # noqa: S101
        records_field.choices = records
        shared_under = self.fields["shared_under"]
        assert isinstance(shared_under, forms.ChoiceField)  # noqa: S101
        shared_under.choices = [
            ("", "Choose…"),
            *consents,
            (Basis.MEDICAL_EMERGENCY.value, "No consent: a medical emergency (42 CFR 2.51)"),
            (Basis.NOT_PART2.value, "No consent needed: no substance-use record in it"),
        ]

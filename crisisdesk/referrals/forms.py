"""The referral forms: parse and check what was typed; the actions decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from crisisdesk.referrals.lifecycle import STEPS, State
from crisisdesk.referrals.models import HandoffMethod, Urgency


class ReferralForm(forms.Form):
    # Chosen among the suggestions (services already referred to); otherwise the fields below
    # name the service, and one with the same name and organization is reused.
    service = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The HSDS id of a service picked in the resource directory (crisisdesk/directory).
    external_id = forms.CharField(required=False, max_length=128, widget=forms.HiddenInput)
    service_name = forms.CharField(
        label="Service",
        max_length=200,
        error_messages={"required": "Name the service, or choose one already referred to."},
        help_text="Start typing to reuse a service this center has already referred to.",
        widget=forms.TextInput(
            {
                "autocomplete": "off",
                "hx-get": reverse_lazy("referrals:service_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#service-suggestions",
            }
        ),
    )
    organization = forms.CharField(label="Organization", max_length=200, required=False)
    phone = forms.CharField(label="Service phone", max_length=40, required=False)
    address = forms.CharField(label="Service address", max_length=300, required=False)
    need = forms.CharField(
        label="Need",
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
        help_text="What the person needs from the service, in a few sentences.",
        error_messages={"required": "Say what the person needs from the service."},
    )
    urgency = forms.ChoiceField(label="Urgency", choices=Urgency.choices, initial=Urgency.ROUTINE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The name is needed unless a service already referred to was chosen.
        self.fields["service_name"].required = not (self.data.get("service") or "").strip()


class MoveForm(forms.Form):
    step = forms.ChoiceField(choices=[(step.code, step.label) for step in STEPS])
    # The state the page showed: if it changed meanwhile, nothing is done.
    from_state = forms.ChoiceField(choices=[(state.value, state.value) for state in State])
    note = forms.CharField(
        label="Note (optional; on the last step, the outcome)",
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


class HandoffForm(forms.Form):
    service_contact = forms.CharField(
        label="With whom at the service",
        max_length=200,
        help_text="A name, a role, or both: “Dana, intake nurse”.",
        error_messages={"required": "Name the person or role at the service."},
    )
    method = forms.ChoiceField(label="How", choices=HandoffMethod.choices)
    handed_off_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Say when the handoff happened.",
            "invalid": "Enter a date and time, like 2025-05-03 14:30.",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

"""The administrator's form for a center's webhook."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator

from crisisdesk.outbound.models import WEBHOOK_SCHEMES


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label="Webhook URL",
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=list(WEBHOOK_SCHEMES))],
        widget=forms.URLInput(attrs={"size": 60, "spellcheck": "false", "autocomplete": "off"}),
        help_text="Where the CAD receives EIDO updates. http or https only.",
    )
    is_active = forms.BooleanField(
        label="Send updates",
        required=False,
        initial=True,
        help_text="Off: updates wait in the outbox and nothing is sent until it is on again.",
    )

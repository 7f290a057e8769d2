"""Forms of queue review: a configuration draft, a decision's reason, the figures' period."""

from __future__ import annotations

from django import forms

from crisisdesk.core.yaml_forms import YamlDraftForm
from crisisdesk.review.actions import MAX_REASON
from crisisdesk.review.quick_check import DEFAULT_INCIDENTS, MAX_INCIDENTS
from crisisdesk.review.stats import DEFAULT_WEEKS, MAX_WEEKS


class DraftForm(YamlDraftForm):
    subject = "configuration"
    text_label = "Configuration YAML"
    text_help = "Change the text and give it a new version: versions never change."


class PullForm(forms.Form):
    reason = forms.CharField(max_length=MAX_REASON, required=False)


class DismissForm(forms.Form):
    reason = forms.CharField(
        max_length=MAX_REASON,
        required=True,
        error_messages={"required": "Say why you dismiss the flag: the reason is kept with it."},
    )


class QuickCheckForm(forms.Form):
    last = forms.IntegerField(
        label="Incidents to check",
        min_value=1,
        max_value=MAX_INCIDENTS,
        initial=DEFAULT_INCIDENTS,
        required=False,
    )

    def incidents(self) -> int:
        if self.is_valid() and self.cleaned_data.get("last"):
            return int(self.cleaned_data["last"])
        return DEFAULT_INCIDENTS


class PeriodForm(forms.Form):
    weeks = forms.IntegerField(min_value=1, max_value=MAX_WEEKS, required=False)

    def weeks_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("weeks"):
            return int(self.cleaned_data["weeks"])
        return DEFAULT_WEEKS

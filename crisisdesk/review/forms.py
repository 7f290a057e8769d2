"""Forms of queue review: a configuration draft, a decision's reason, the figures' period."""

from __future__ import annotations

from typing import Any

from django import forms

from crisisdesk.review.actions import MAX_REASON
from crisisdesk.review.quick_check import DEFAULT_INCIDENTS, MAX_INCIDENTS
from crisisdesk.review.stats import DEFAULT_WEEKS, MAX_WEEKS

MAX_UPLOAD_BYTES = 1024 * 1024  # the loader refuses larger configurations anyway


class DraftForm(forms.Form):
    text = forms.CharField(
        label="Configuration YAML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "autocomplete": "off"}),
        help_text="Change the text and give it a new version: versions never change.",
    )
    upload = forms.FileField(
        label="Or upload a YAML file",
        required=False,
        help_text="A file, when you choose one, is used instead of the text above.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("The file is larger than 1 MiB.")
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        if not data.get("text", "").strip():
            raise forms.ValidationError("Paste the configuration's YAML or choose a file.")
        return data


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

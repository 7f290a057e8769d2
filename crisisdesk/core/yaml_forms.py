"""A YAML draft typed or uploaded: protocol versions and queue flagger configurations."""

from __future__ import annotations

from typing import Any

from django import forms

MAX_UPLOAD_BYTES = 1024 * 1024  # the loaders refuse larger texts anyway


class YamlDraftForm(forms.Form):
    # What the text is, as the refusal names it ("Paste the protocol's YAML ..."), and the text
    # field's label and help.
    subject = "document"
    text_label = "YAML"
    text_help = ""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "autocomplete": "off"}),
    )
    upload = forms.FileField(
        label="Or upload a YAML file",
        required=False,
        help_text="A file, when you choose one, is used instead of the text above.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = self.text_label
        self.fields["text"].help_text = self.text_help

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
            raise forms.ValidationError(f"Paste the {self.subject}'s YAML or choose a file.")
        return data

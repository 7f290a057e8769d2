"""Forms for creating and editing centers."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from crisisdesk.centers.models import Center


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


class TimeZoneField(forms.CharField):
    """A typed IANA name, checked against the installed tz database (not just "loadable")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "help_text", "IANA name such as America/Chicago. Times are shown in this zone."
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "time-zone-names"}))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and value not in time_zone_names():
            raise ValidationError(
                f"{value!r} is not an IANA time zone name. Use a name such as America/Chicago."
            )


class CenterEditForm(forms.Form):
    name = forms.CharField(max_length=200)
    time_zone = TimeZoneField()
    is_active = forms.BooleanField(
        required=False,
        label="Active",
        help_text="Nobody can sign in to an inactive center; its records stay.",
    )

    def __init__(self, *args: Any, center: Center, editor_center_id: int, **kwargs: Any) -> None:
        self.center = center
        self.editor_center_id = editor_center_id
        kwargs.setdefault(
            "initial",
            {"name": center.name, "time_zone": center.time_zone, "is_active": center.is_active},
        )
        super().__init__(*args, **kwargs)

    def clean_is_active(self) -> bool:
        is_active: bool = self.cleaned_data["is_active"]
        # Deactivating your own center signs you (and everyone with you) out for good.
        if not is_active and self.center.pk == self.editor_center_id:
            raise ValidationError(
                "You cannot deactivate your own center: it would lock you out. "
                "Ask an installation operator."
            )
        return is_active


class CenterCreateForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        validators=Center._meta.get_field("code").validators,
        help_text="Short, stable, lower-case identifier used by integrations, e.g. metro-ecc.",
    )
    name = forms.CharField(max_length=200)
    time_zone = TimeZoneField(initial="America/New_York")

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if Center.objects.filter(code=code).exists():
            raise ValidationError("A center with this code exists. Choose another code.")
        return code

"""Forms of the search side: parse and check what was typed; actions decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from crisisdesk.directory.models import CapacityUnit, Service
from crisisdesk.directory.search_actions import MAX_FIGURE, NOTE_LENGTH, CapacityFigures

RADIUS_CHOICES = [("", "Any distance"), ("1", "1 km"), ("2", "2 km"), ("5", "5 km")]
RADIUS_CHOICES += [("10", "10 km"), ("25", "25 km"), ("50", "50 km")]
GENDER_CHOICES = [("", "Any"), ("female", "Woman"), ("male", "Man")]
ACCEPTING_CHOICES = [("", "Not stated"), ("yes", "Yes"), ("no", "No")]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="A name or what the person needs: detox, shelter, food, eviction…",
        widget=forms.TextInput(
            {
                "type": "search",
                "autocomplete": "off",
                "autofocus": True,
                # Search as the clinician types; the form's own submit works without script.
                "hx-get": reverse_lazy("directory:search"),
                "hx-trigger": "input changed delay:200ms, search",
                "hx-target": "#results",
                "hx-include": "closest form",
                "hx-push-url": "true",
            }
        ),
    )
    need = forms.ChoiceField(label="Need", required=False)
    near = forms.CharField(
        label="Distance from",
        required=False,
        max_length=200,
        help_text="An address of this center's calls, or latitude, longitude.",
    )
    radius = forms.ChoiceField(label="Within", required=False, choices=RADIUS_CHOICES)
    language = forms.ChoiceField(label="Language", required=False)
    age = forms.IntegerField(
        label="Age",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={"invalid": "Enter the age as a whole number of years."},
    )
    gender = forms.ChoiceField(label="Gender", required=False, choices=GENDER_CHOICES)
    insurance = forms.ChoiceField(label="Insurance", required=False)
    open_now = forms.BooleanField(label="Open now", required=False)
    accepting = forms.BooleanField(label="Accepting referrals now", required=False)
    favourites = forms.BooleanField(label="My favourites", required=False)
    incident = forms.IntegerField(required=False, widget=forms.HiddenInput)
    encounter = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        needs: list[tuple[str, str]],
        languages: list[tuple[str, str]],
        insurances: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "Any need"), *needs]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", "Any"), *languages]  # type: ignore[attr-defined]
        self.fields["insurance"].choices = [("", "Any"), *insurances]  # type: ignore[attr-defined]
        for name in ("need", "language", "insurance"):
            self.fields[name].error_messages["invalid_choice"] = (
                "%(value)s is not one of the choices (the directory may have changed)."
            )
        self.fields["radius"].error_messages["invalid_choice"] = "Choose a distance from the list."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("radius") and not (data.get("near") or data.get("incident")):
            self.add_error("near", "Say where to measure the distance from, or open a call.")
        return data


class CapacityForm(forms.Form):
    """One service's figures, on the provider's link page and the service page."""

    service = forms.ChoiceField(widget=forms.HiddenInput)
    unit = forms.ChoiceField(label="Counting", choices=CapacityUnit.choices)
    available = forms.IntegerField(
        label="Free now",
        required=False,
        min_value=0,
        max_value=MAX_FIGURE,
        error_messages={"invalid": "Enter a whole number."},
    )
    total = forms.IntegerField(
        label="In total",
        required=False,
        min_value=0,
        max_value=MAX_FIGURE,
        error_messages={"invalid": "Enter a whole number."},
    )
    waitlist = forms.IntegerField(
        label="Waiting",
        required=False,
        min_value=0,
        max_value=MAX_FIGURE,
        error_messages={"invalid": "Enter a whole number."},
    )
    accepting = forms.ChoiceField(
        label="Accepting referrals now", choices=ACCEPTING_CHOICES, required=False
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_LENGTH,
        help_text="For example: men only tonight; call before sending.",
    )

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        initial = kwargs.get("initial") or {}
        if isinstance(initial.get("service"), Service):
            kwargs["initial"] = {**initial, "service": initial["service"].hsds_id}
        super().__init__(*args, **kwargs)
        self.services = {service.hsds_id: service for service in services}
        self.fields["service"].choices = [(key, key) for key in self.services]  # type: ignore[attr-defined]

    def chosen_service(self) -> Service:
        return self.services[self.cleaned_data["service"]]

    def figures(self) -> CapacityFigures:
        data = self.cleaned_data
        accepting = {"yes": True, "no": False}.get(data.get("accepting") or "")
        return CapacityFigures(
            unit=data["unit"],
            available=data.get("available"),
            total=data.get("total"),
            waitlist=data.get("waitlist"),
            accepting_referrals=accepting,
            note=data.get("note") or "",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and "unit" in data:
            for name, message in self.figures().problems():
                self.add_error(name if name in self.fields else None, message)
        return data


class CapacityTokenForm(forms.Form):
    label = forms.CharField(
        label="Who will use the link",
        max_length=100,
        help_text="For example: Harbor Detox night desk.",
        error_messages={"required": "Say who will use the link."},
    )
    scope = forms.ChoiceField(
        label="It may update",
        choices=[
            ("service", "This service only"),
            ("organization", "Every service of its organization"),
        ],
    )


class DirectorySettingsForm(forms.Form):
    observe_federal_holidays = forms.BooleanField(
        label="Close services that observe holidays on US federal holidays", required=False
    )
    capacity_stale_hours = forms.IntegerField(
        label="Capacity is stale after (hours)",
        required=False,
        min_value=1,
        max_value=24 * 30,
        help_text="Empty: the installation's default.",
    )


class HolidayForm(forms.Form):
    date = forms.DateField(
        label="Date",
        widget=forms.DateInput({"type": "date"}),
        error_messages={"invalid": "Enter a date, like 2025-12-24."},
    )
    name = forms.CharField(label="Name", max_length=100, required=False)

"""Forms for the thresholds, a plan and a returned plan's reason. Limits come from `rules`,
so a form and its action refuse the same things with the same words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from crisisdesk.people.models import normalize_phone
from crisisdesk.places.models import Location
from crisisdesk.plans.actions import MAX_REASON, PlanContent
from crisisdesk.plans.models import PREFERRED_RESPONSE_CHOICES
from crisisdesk.plans.rules import (
    DEFAULT_MINIMUM,
    DEFAULT_WINDOW_DAYS,
    MAX_TEXT,
    TEXT_FIELDS,
    Thresholds,
    content_problems,
    phone_problem,
)

WHOLE_NUMBER = {"invalid": "Enter a whole number.", "required": "This field is required."}


class ThresholdsForm(forms.Form):
    person_minimum = forms.IntegerField(
        label="Incidents per person", initial=DEFAULT_MINIMUM, error_messages=WHOLE_NUMBER
    )
    phone_minimum = forms.IntegerField(
        label="Incidents per phone number", initial=DEFAULT_MINIMUM, error_messages=WHOLE_NUMBER
    )
    address_minimum = forms.IntegerField(
        label="Incidents per address",
        initial=DEFAULT_MINIMUM,
        error_messages=WHOLE_NUMBER,
        help_text="Shelters and hospitals gather many calls: a higher minimum keeps them apart.",
    )
    window_days = forms.IntegerField(
        label="Within the last (days)", initial=DEFAULT_WINDOW_DAYS, error_messages=WHOLE_NUMBER
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Each whole number is checked against its range, even when another is not a number.
        entered = {name: data[name] for name in Thresholds().as_dict() if name in data}
        for name, message in Thresholds(**entered).problems().items():
            if name in entered:
                self.add_error(name, message)
        return data

    @staticmethod
    def thresholds(data: dict[str, Any]) -> Thresholds:
        return Thresholds(**{name: data[name] for name in Thresholds().as_dict()})


TEXT_LABELS = {
    "background": (
        "Background",
        "Who the person is, what the calls are about, and why this plan exists.",
    ),
    "triggers": ("Triggers", "What tends to lead to a crisis or a call."),
    "what_helps": ("What helps", "What calms things down: words, people, places, routines."),
    "what_to_avoid": ("What to avoid", "What makes things worse."),
    "safety_warnings": (
        "Safety warnings",
        "One warning per line, most important first: the first line shows on the queue board.",
    ),
    "contacts": ("Contacts", "Case manager, family, providers: names and numbers."),
}


class PlanForm(forms.Form):
    """A plan's content, and the phone number and address it also matches. The person, when
    there is one, is fixed: a plan about someone else is a new plan."""

    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=32,
        help_text="New calls from the people with this number show the plan.",
        widget=forms.TextInput(attrs={"list": "known-phones", "inputmode": "tel"}),
    )
    address = forms.TypedChoiceField(
        label="Address",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="New calls at this address show the plan, whoever calls.",
    )
    # No default: the response the next call gets is a decision, not a form's first option.
    preferred_response = forms.ChoiceField(
        label="Preferred response",
        choices=[("", "Choose…"), *PREFERRED_RESPONSE_CHOICES],
        error_messages={"required": "Choose a preferred response from the list."},
    )
    review_date = forms.DateField(
        label="Review by",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
        help_text="Within a year. After this date the plan shows as “review due”.",
    )
    background = forms.CharField(required=False)
    triggers = forms.CharField(required=False)
    what_helps = forms.CharField(required=False)
    what_to_avoid = forms.CharField(required=False)
    safety_warnings = forms.CharField(required=False)
    contacts = forms.CharField(required=False)

    def __init__(self, *args: Any, today: date, locations: list[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.locations = {location.pk: location for location in locations}
        address = self.fields["address"]
        assert isinstance(address, forms.TypedChoiceField)  # noqa: S101 - declared above
        address.choices = [("", "No address")] + [
            (location.pk, str(location)) for location in locations
        ]
        for name in TEXT_FIELDS:
            label, help_text = TEXT_LABELS[name]
            field = self.fields[name]
            field.label, field.help_text = label, help_text
            # The limit is checked in clean() with the count; the attribute only stops typing.
            field.widget = forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT})
        if not self.is_bound and "review_date" not in self.initial:
            self.initial["review_date"] = today + timedelta(days=90)

    def clean_phone(self) -> str:
        digits = normalize_phone(self.cleaned_data.get("phone", ""))
        problem = phone_problem(digits)
        if problem:
            raise forms.ValidationError(problem)
        return digits

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = content_problems(
            preferred_response=data.get("preferred_response", ""),
            review_date=data.get("review_date"),
            texts={name: data.get(name, "") for name in TEXT_FIELDS},
            today=self.today,
        )
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def content(self) -> PlanContent:
        data = self.cleaned_data
        return PlanContent(
            preferred_response=data["preferred_response"],
            review_date=data["review_date"],
            **{name: data.get(name, "") for name in TEXT_FIELDS},
        )

    def location(self) -> Location | None:
        chosen = self.cleaned_data.get("address")
        return self.locations.get(chosen) if chosen is not None else None


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What should the author change?",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the author should change."},
    )

"""Forms for the encounter page and the center's disposition list."""

from __future__ import annotations

from typing import Any

from django import forms

from crisisdesk.care.access import DispositionChoice
from crisisdesk.care.models import Channel, Intervention, PoliceInvolvement, Transport
from crisisdesk.people.models import Person

# datetime-local inputs send "2026-11-22T14:05"; the center's time zone is active.
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
LOCAL_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NOTE_LIMIT = 20_000


class EncounterForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices)
    started_at = forms.DateTimeField(
        label="Start", input_formats=LOCAL_FORMATS, widget=LOCAL_WIDGET
    )
    ended_at = forms.DateTimeField(
        label="End", input_formats=LOCAL_FORMATS, widget=LOCAL_WIDGET, required=False
    )
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    interventions = forms.MultipleChoiceField(
        choices=Intervention.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    disposition = forms.ChoiceField(required=False)
    police_involvement = forms.ChoiceField(choices=PoliceInvolvement.choices)
    transport = forms.ChoiceField(choices=Transport.choices)
    substance_use = forms.BooleanField(
        required=False,
        label="Substance-use treatment record (42 CFR Part 2)",
        help_text="Shared outside the program only under the person's written consent.",
    )
    note_data = forms.CharField(
        label="Data",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was observed and said: facts, quotes, what others reported.",
    )
    note_assessment = forms.CharField(
        label="Assessment",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your clinical reading of it: risk, needs, strengths.",
    )
    note_plan = forms.CharField(
        label="Plan",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happens next and who does it.",
    )

    def __init__(
        self,
        *args: Any,
        dispositions: list[DispositionChoice],
        people: list[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        disposition = self.fields["disposition"]
        assert isinstance(disposition, forms.ChoiceField)  # noqa: S101 - narrows for mypy
        disposition.choices = [("", "Not yet decided")] + [
            (choice.code, choice.label) for choice in dispositions
        ]
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)  # noqa: S101 - narrows for mypy
        person.queryset = Person.objects.filter(pk__in=[p.pk for p in people])
        person.empty_label = "Not identified"


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A correction or later information; the signed note itself never changes.",
    )


class StartEncounterForm(forms.Form):
    incident = forms.IntegerField(required=False, min_value=1)
    person = forms.IntegerField(required=False, min_value=1)
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.PHONE)

"""Forms of the people pages: they parse and explain, the actions decide."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from crisisdesk.people.actions import ContactDetails
from crisisdesk.people.matching import BirthDateError, parse_birth_date
from crisisdesk.people.models import ContactRelation, Person, PersonContact, normalize_phone
from crisisdesk.people.names import fold

MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15  # E.164
_PHONE_SEPARATORS = re.compile(r"[,;\n]+")


def _phone_digits(raw: str) -> str:
    digits = normalize_phone(raw)
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        raise forms.ValidationError(
            f"“{raw.strip()[:30]}” is not a phone number we can read: "
            f"enter {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits, in any format."
        )
    return digits


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        required=False,
        help_text="Any order, typos and nicknames are fine: “smith john”, “J Smith”, “Bill”.",
    )
    date_of_birth = forms.CharField(
        max_length=40,
        required=False,
        label="Date of birth",
        help_text="03/14/1980, 1980-03-14 or March 14 1980.",
    )
    phone = forms.CharField(max_length=40, required=False, help_text="Any format.")
    address = forms.CharField(
        max_length=200, required=False, help_text="Street address; the city is optional."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
        for field in self.fields.values():
            field.widget.attrs.setdefault("autocomplete", "off")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if name and len(fold(name).replace(" ", "")) < 2:
            raise forms.ValidationError("Type at least two letters of the name.")
        return name

    def clean_date_of_birth(self) -> date | None:
        raw: str = self.cleaned_data["date_of_birth"]
        if not raw.strip():
            return None
        try:
            return parse_birth_date(raw, timezone.localdate())
        except BirthDateError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data["phone"]
        return _phone_digits(raw) if raw.strip() else ""

    def clean_address(self) -> str:
        address: str = self.cleaned_data["address"].strip()
        if address and len(address) < 3:
            raise forms.ValidationError("Type at least three characters of the address.")
        return address

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(field) for field in self.fields):
            raise forms.ValidationError(
                "Enter a name, a date of birth, a phone number or an address to search."
            )
        return cleaned

    def criteria(self) -> list[str]:
        return [field for field in self.fields if self.cleaned_data.get(field)]


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the contact's name."})
    relation = forms.ChoiceField(choices=ContactRelation.choices)
    organization = forms.CharField(
        max_length=200, required=False, help_text="Agency or practice, for a case worker."
    )
    phones = forms.CharField(
        max_length=200,
        required=False,
        label="Phone numbers",
        help_text="Separate several numbers with commas.",
    )
    email = forms.EmailField(required=False)
    note = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text="Only what others need to reach this contact.",
    )
    may_contact = forms.BooleanField(
        required=False,
        label="May be contacted",
        help_text="The person agrees that staff contact them about their care.",
    )

    def clean_phones(self) -> tuple[str, ...]:
        raw: str = self.cleaned_data["phones"]
        numbers = [part for part in _PHONE_SEPARATORS.split(raw) if part.strip()]
        return tuple(_phone_digits(number) for number in numbers)

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            name=data["name"],
            relation=data["relation"],
            organization=data["organization"],
            phones=data["phones"],
            email=data["email"],
            note=data["note"],
            may_contact=data["may_contact"],
        )

    @classmethod
    def initial_for(cls, contact: PersonContact) -> dict[str, Any]:
        return {
            "name": contact.name,
            "relation": contact.relation,
            "organization": contact.organization,
            "phones": ", ".join(contact.phones),
            "email": contact.email,
            "note": contact.note,
            "may_contact": contact.may_contact,
        }


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Record to keep",
        help_text="The other record's incidents, phones, addresses and contacts move to it.",
    )
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea({"rows": 2}),
        label="Why these are the same person",
        help_text="For example: same date of birth and phone, confirmed with the caller.",
        error_messages={"required": "Say why these records are the same person."},
    )

    def __init__(self, *args: Any, people: tuple[Person, Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        keep = cast(forms.TypedChoiceField, self.fields["keep"])
        keep.choices = [(person.pk, f"#{person.pk} {person}") for person in people]

    def survivor_and_merged(self) -> tuple[Person, Person]:
        first, second = self.people
        if self.cleaned_data["keep"] == first.pk:
            return first, second
        return second, first

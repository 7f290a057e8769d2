"""Forms of the follow-up pages. Times are typed in the center's time zone (the middleware
activates it), which is how datetime-local inputs are read and shown."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.followups.models import (
    MAX_DUE_WITHIN_HOURS,
    AttemptChannel,
    AttemptResult,
    FollowUpPolicy,
    Outcome,
)

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
TEXT_LIMIT = 4000


def local_datetime_field(label: str, *, required: bool = True, help_text: str = "") -> Any:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=LOCAL_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
    )


def _future(value: datetime | None) -> datetime | None:
    if value is not None and value <= timezone.now():
        raise forms.ValidationError("Choose a time in the future.")
    return value


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class SourceForm(forms.Form):
    """Where a new follow-up comes from: `?person=<id>` or `?encounter=<id>`."""

    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    encounter = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class FollowUpForm(forms.Form):
    assignee = UserChoiceField(queryset=User.objects.none(), label="Assigned to")
    policy = forms.ModelChoiceField(
        queryset=FollowUpPolicy.objects.none(),
        required=False,
        label="Due by policy",
        help_text="Counted from the start of the encounter or the call (or from now).",
    )
    due_at = local_datetime_field(
        "Or due at", required=False, help_text="A time you choose instead of the policy."
    )
    purpose = forms.CharField(
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What to check with the person. Clinical: seen by clinicians and supervisors.",
    )
    repeat_every_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        label="Repeat every (days)",
        help_text="For recurring check-ins, for example 7 for weekly. Leave empty for once.",
    )
    repeat_count = forms.IntegerField(
        required=False,
        min_value=2,
        max_value=52,
        label="Check-ins in all",
        help_text="Stop after this many, counting the first.",
    )
    repeat_until = forms.DateField(
        required=False,
        label="Repeat until",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Or stop at this date (Austin follows people for up to 90 days).",
    )

    def __init__(
        self,
        *args: Any,
        assignees: QuerySet[User],
        policies: QuerySet[FollowUpPolicy],
        default_policy: FollowUpPolicy | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)  # noqa: S101 - narrows for mypy
        assignee.queryset = assignees
        policy = self.fields["policy"]
        assert isinstance(policy, forms.ModelChoiceField)  # noqa: S101 - narrows for mypy
        policy.queryset = policies
        policy.empty_label = (
            f"Center default: {default_policy.name}"
            if default_policy is not None
            else "Center default: within 48 hours"
        )

    def clean_due_at(self) -> datetime | None:
        return _future(self.cleaned_data.get("due_at"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        repeats = cleaned.get("repeat_every_days")
        if repeats is None and (cleaned.get("repeat_count") or cleaned.get("repeat_until")):
            self.add_error("repeat_every_days", "Say how often it repeats, or leave the end empty.")
        return cleaned


class AttemptForm(forms.Form):
    prefix = "attempt"  # several forms share the follow-up page: distinct ids

    at = local_datetime_field("When")
    channel = forms.ChoiceField(choices=AttemptChannel.choices, label="How")
    result = forms.ChoiceField(
        choices=AttemptResult.choices, widget=forms.RadioSelect, label="Result"
    )
    note = forms.CharField(
        max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_at(self) -> datetime:
        at: datetime = self.cleaned_data["at"]
        if at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError("An attempt cannot be in the future.")
        return at


class CompleteForm(forms.Form):
    prefix = "complete"  # several forms share the follow-up page: distinct ids

    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Outcome note",
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    prefix = "cancel"  # several forms share the follow-up page: distinct ids

    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: a duplicate, or the person is already in another program's care.",
    )


class ReassignForm(forms.Form):
    prefix = "reassign"  # several forms share the follow-up page: distinct ids

    assignee = UserChoiceField(queryset=User.objects.none(), label="Assign to")

    def __init__(self, *args: Any, assignees: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)  # noqa: S101 - narrows for mypy
        assignee.queryset = assignees


class RescheduleForm(forms.Form):
    prefix = "reschedule"  # several forms share the follow-up page: distinct ids

    due_at = local_datetime_field("New due time")

    def clean_due_at(self) -> datetime | None:
        return _future(self.cleaned_data.get("due_at"))


class PolicyForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="For example: Care navigation 48 h.")
    due_within_hours = forms.IntegerField(
        min_value=1,
        max_value=MAX_DUE_WITHIN_HOURS,
        label="Due within (hours)",
        help_text="Of the call or encounter. 48 for two days, 168 for a week.",
    )
    is_default = forms.BooleanField(
        required=False,
        label="Default policy",
        help_text="Used when whoever creates a follow-up chooses no other.",
    )
    active = forms.BooleanField(
        required=False, initial=True, help_text="A retired policy is no longer offered."
    )


class WorklistFilterForm(forms.Form):
    scope = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)  # noqa: S101 - narrows for mypy
        scope.choices = scopes

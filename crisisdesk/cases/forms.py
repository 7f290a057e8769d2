"""Forms of the case pages. Each error names its field; the actions check again."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.cases.access import case_staff
from crisisdesk.cases.actions import (
    CHOSEN_CLOSURE_REASONS,
    GOAL_MAX,
    NOTE_MAX,
    STATUS_NOTE_MAX,
    TASK_MAX,
    TITLE_MAX,
    TRANSITIONS,
)
from crisisdesk.cases.models import (
    WARNING_DAYS,
    Case,
    CaseGoal,
    CaseNote,
    ClosureReason,
    GoalStatus,
    NeedCategory,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _not_in_the_past(value: date | None, what: str) -> date | None:
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(f"{what} is in the past; choose today or a later day.")
    return value


class PersonLookupForm(forms.Form):
    q = forms.CharField(
        max_length=100,
        label="Find the person",
        help_text="Part of a given or family name, or an alias.",
    )


class OpenCaseForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_MAX,
        help_text="A few words on what the case is about, for example “Housing search”.",
    )
    needs = forms.MultipleChoiceField(
        label="Presenting needs",
        choices=NeedCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one presenting need."},
    )

    def __init__(self, *args: Any, user: User, may_assign: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if may_assign:
            self.fields["clinician"] = StaffChoiceField(
                queryset=case_staff(user.center_id),
                initial=user.pk,
                label="Primary clinician",
                empty_label=None,
            )


class StatusForm(forms.Form):
    transition = forms.ChoiceField(choices=[(t.name, t.label) for t in TRANSITIONS.values()])
    closure_reason = forms.ChoiceField(
        required=False,
        label="Closure reason",
        choices=[("", "Choose a reason")] + CHOSEN_CLOSURE_REASONS,
    )
    note = forms.CharField(
        required=False, max_length=STATUS_NOTE_MAX, widget=forms.Textarea({"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        transition = data.get("transition")
        if transition == "close" and not data.get("closure_reason"):
            self.add_error("closure_reason", "Choose why the case is closed.")
        if transition != "close" and data.get("closure_reason"):
            self.add_error("closure_reason", "Only a closure has a reason.")
        other = data.get("closure_reason") == ClosureReason.OTHER
        if transition == "close" and other and not data.get("note", "").strip():
            self.add_error("note", "Say why the case is closed when the reason is “Other”.")
        if transition == "reopen" and not data.get("note", "").strip():
            self.add_error("note", "Say why the case is reopened.")
        return data


class GoalForm(forms.Form):
    prefix = "goal"
    text = forms.CharField(max_length=GOAL_MAX, label="Goal", widget=forms.Textarea({"rows": 2}))
    target_date = forms.DateField(required=False, label="Target date", widget=DATE_INPUT)

    def clean_target_date(self) -> date | None:
        return _not_in_the_past(self.cleaned_data.get("target_date"), "The target date")


class GoalUpdateForm(forms.Form):
    text = forms.CharField(max_length=GOAL_MAX, label="Goal", widget=forms.Textarea({"rows": 2}))
    status = forms.ChoiceField(choices=GoalStatus.choices)
    target_date = forms.DateField(required=False, label="Target date", widget=DATE_INPUT)

    @classmethod
    def for_goal(cls, goal: CaseGoal, data: Any = None) -> GoalUpdateForm:
        initial = {"text": goal.text, "status": goal.status, "target_date": goal.target_date}
        return cls(data, initial=initial, prefix=f"goal-{goal.pk}")


class TaskForm(forms.Form):
    prefix = "task"
    title = forms.CharField(max_length=TASK_MAX, label="Task")
    due_date = forms.DateField(required=False, label="Due date", widget=DATE_INPUT)

    def __init__(self, *args: Any, case: Case, goals: list[CaseGoal], user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = StaffChoiceField(
            queryset=case_staff(case.center_id), initial=user.pk, empty_label=None
        )
        self.fields["goal"] = forms.TypedChoiceField(
            required=False,
            coerce=int,
            empty_value=None,
            label="For goal",
            choices=[("", "No goal")] + [(g.pk, f"Goal {n}") for n, g in enumerate(goals, 1)],
        )

    def clean_due_date(self) -> date | None:
        return _not_in_the_past(self.cleaned_data.get("due_date"), "The due date")


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(max_length=NOTE_MAX, label="Note", widget=forms.Textarea({"rows": 4}))

    def __init__(self, *args: Any, notes: list[CaseNote], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        when = timezone.localtime
        self.fields["corrects"] = forms.TypedChoiceField(
            required=False,
            coerce=int,
            empty_value=None,
            label="Corrects an earlier note",
            choices=[("", "No: a new note")]
            + [
                (note.pk, f"Note of {when(note.created_at):%b %d, %H:%M} by {note.author}")
                for note in notes
            ],
        )


class ReassignForm(forms.Form):
    prefix = "reassign"

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clinician"] = StaffChoiceField(
            queryset=case_staff(case.center_id),
            initial=case.clinician_id,
            label="Primary clinician",
            empty_label=None,
        )


class CaseSettingsForm(forms.Form):
    inactivity_days = forms.IntegerField(
        min_value=WARNING_DAYS + 7,
        max_value=730,
        label="Close after (days)",
        help_text=(
            f"A case nobody touches for this many days is closed (reason “No activity”). Its "
            f"clinician is warned {WARNING_DAYS} days before."
        ),
    )
    quiet_days = forms.IntegerField(
        min_value=1,
        max_value=365,
        label="Quiet after (days)",
        help_text="Supervisors see cases without activity for this long flagged on caseloads.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        quiet, inactivity = data.get("quiet_days"), data.get("inactivity_days")
        if quiet is not None and inactivity is not None and quiet >= inactivity:
            self.add_error("quiet_days", "Must be shorter than the close-after period.")
        return data

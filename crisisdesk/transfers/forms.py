from __future__ import annotations

from django import forms

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.centers.models import Center
from crisisdesk.transfers.states import OUTCOMES, TransferState

DESK = "desk"


def clinicians_of(center: Center) -> list[User]:
    return list(
        User.objects.filter(center=center, is_active=True, role_grants__role=Role.CLINICIAN)
        .order_by("full_name", "username")
        .distinct()
    )


class OfferForm(forms.Form):
    to = forms.ChoiceField(label="Offer to")

    def __init__(self, *args: object, center: Center, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.clinicians = {str(user.pk): user for user in clinicians_of(center)}
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [(DESK, "Clinician desk (anyone free)")] + [
            (pk, str(user)) for pk, user in self.clinicians.items()
        ]

    def clinician(self) -> User | None:
        choice = self.cleaned_data["to"]
        return None if choice == DESK else self.clinicians[choice]


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000, required=False, widget=forms.Textarea({"rows": 2}))


class OutcomeForm(ReasonForm):
    outcome = forms.ChoiceField(
        choices=[(state.value, state.label) for state in OUTCOMES], widget=forms.RadioSelect
    )

    def chosen(self) -> TransferState:
        return TransferState(self.cleaned_data["outcome"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("deny", "Deny")])

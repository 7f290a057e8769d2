"""Forms for signing in and for administering accounts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import ROLE_CHOICES, Role
from crisisdesk.centers.models import Center


class SignInForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=150, label="Search", help_text="Username or name."
    )
    center = forms.ModelChoiceField(
        queryset=Center.objects.all(), required=False, empty_label="All centers"
    )

    def __init__(self, *args: Any, show_centers: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_centers:
            del self.fields["center"]


def _roles_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        choices=ROLE_CHOICES,
        coerce=Role,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What this person may do. An account without roles can sign in but see nothing.",
    )


class NewPasswordForm(forms.Form):
    """A password typed twice, checked against the installation's password validators."""

    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_owner(self) -> User:
        """The account the password is for; the similarity validator compares against it."""
        raise NotImplementedError

    def clean_password2(self) -> str:
        first = self.cleaned_data.get("password1")
        second: str = self.cleaned_data["password2"]
        if first is not None and first != second:
            raise ValidationError("The two passwords differ. Type the same password twice.")
        return second

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password1")
        if password and "password2" not in self.errors:
            try:
                validate_password(password, self.password_owner())
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class SetPasswordForm(NewPasswordForm):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def password_owner(self) -> User:
        return self.user


class UserCreateForm(NewPasswordForm):
    field_order = ["username", "full_name", "email", "center", "roles", "password1", "password2"]

    username = forms.CharField(
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="Used to sign in. Letters, digits and @ . + - _ only.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(required=False)
    center = forms.ModelChoiceField(queryset=Center.objects.filter(is_active=True))
    roles = _roles_field()

    def __init__(self, *args: Any, choose_center: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not choose_center:
            del self.fields["center"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        # Sign-in lockout and lookups fold case, so two accounts may not differ by case alone.
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError("This username is taken. Choose another one.")
        return username

    def password_owner(self) -> User:
        return User(
            username=self.cleaned_data.get("username", ""),
            full_name=self.cleaned_data.get("full_name", ""),
            email=self.cleaned_data.get("email", ""),
        )


class UserEditForm(forms.Form):
    full_name = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(required=False)
    roles = _roles_field()
    is_active = forms.BooleanField(
        required=False,
        label="Active",
        help_text="An inactive account cannot sign in; its history stays.",
    )
    supervisor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        help_text="Hears about this person's overdue follow-ups.",
    )

    def __init__(self, *args: Any, user: User, editor: User, **kwargs: Any) -> None:
        self.user = user
        self.editor = editor
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "email": user.email,
                "roles": sorted(user.roles),
                "is_active": user.is_active,
                "supervisor": user.supervisor_id,
            },
        )
        super().__init__(*args, **kwargs)
        supervisor_field = self.fields["supervisor"]
        assert isinstance(supervisor_field, forms.ModelChoiceField)  # noqa: S101 - for mypy
        supervisor_field.queryset = (
            User.objects.filter(
                center_id=user.center_id, is_active=True, role_grants__role=Role.SUPERVISOR
            )
            .exclude(pk=user.pk)
            .distinct()
            .order_by("full_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.user.pk != self.editor.pk:
            return data
        # Guard rails against locking yourself out of administration.
        if "roles" in data and Role.ADMIN not in data["roles"]:
            self.add_error(
                "roles",
                "You cannot remove your own administrator role. "
                "Ask another administrator to do it.",
            )
        if not data.get("is_active", False):
            self.add_error(
                "is_active",
                "You cannot deactivate your own account. Ask another administrator to do it.",
            )
        return data

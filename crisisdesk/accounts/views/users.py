"""Administration of accounts: list, create, edit, set a password, unlock a sign-in lockout."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.access import access_managed_user, locked_usernames, users_for
from crisisdesk.accounts.actions import (
    do_create_user,
    do_set_user_password,
    do_unlock_account,
    do_update_user,
)
from crisisdesk.accounts.forms import SetPasswordForm, UserCreateForm, UserEditForm, UserFilterForm
from crisisdesk.accounts.lockout import normalize_username
from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.accounts.roles import Role

PAGE_SIZE = 50


@dataclass(frozen=True)
class UserRow:
    """One line of the user list, with roles read from the prefetched grants."""

    user: User
    role_labels: list[str]
    locked: bool


def _search(users: QuerySet[User], form: UserFilterForm) -> QuerySet[User]:
    if not form.is_valid():
        return users
    query = form.cleaned_data["q"].strip()
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    center = form.cleaned_data.get("center")
    if center is not None:
        users = users.filter(center=center)
    return users


def _role_labels(user: User) -> list[str]:
    granted = {grant.role for grant in user.role_grants.all()}  # prefetched: no query per row
    return [role.label for role in Role if role in granted]


def _rows(users: list[User]) -> list[UserRow]:
    locked = locked_usernames(user.username for user in users)
    return [
        UserRow(
            user=user,
            role_labels=_role_labels(user),
            locked=normalize_username(user.username) in locked,
        )
        for user in users
    ]


def _attach(form: Form, error: ValidationError) -> None:
    """Errors the action found that the form could not (a race, a model rule) go to the form."""
    # Flattened: a model error may name a field the form does not have.
    form.add_error(None, error.messages)


@require(Capability.MANAGE_USERS)
@require_http_methods(["GET"])
def user_list(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    form = UserFilterForm(request.GET, show_centers=admin.is_superuser)
    users = (
        _search(users_for(admin), form)
        .select_related("center")
        .prefetch_related("role_grants")
        .order_by("username")
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": _rows(list(page)),
        "query": query.urlencode(),
        "show_centers": admin.is_superuser,
    }
    return render(request, "accounts/user_list.html", context)


@require(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    form = UserCreateForm(
        request.POST or None, choose_center=admin.is_superuser, initial={"center": admin.center}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = do_create_user(
                username=data["username"],
                center=data.get("center") or admin.center,
                roles=data["roles"],
                password=data["password1"],
                full_name=data["full_name"],
                email=data["email"],
                actor=admin,
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Account {user.username} created.")
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@require(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    user = access_managed_user(admin, user_id)
    form = UserEditForm(request.POST or None, user=user, editor=admin)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_update_user(
                user,
                full_name=data["full_name"],
                email=data["email"],
                roles=data["roles"],
                is_active=data["is_active"],
                supervisor=data["supervisor"],
                actor=admin,
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Account {user.username} saved.")
            return redirect("accounts:user_list")
    context = {
        "form": form,
        "managed": user,
        "locked": bool(locked_usernames([user.username])),
        "creating": False,
    }
    return render(request, "accounts/user_form.html", context)


@require(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    user = access_managed_user(admin, user_id)
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            do_set_user_password(user, password=form.cleaned_data["password1"], actor=admin)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"New password set for {user.username}.")
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(request, "accounts/user_password.html", {"form": form, "managed": user})


@require(Capability.MANAGE_USERS)
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    user = access_managed_user(admin, user_id)
    cleared = do_unlock_account(user, actor=admin)
    messages.success(
        request, f"Account {user.username} unlocked ({cleared} failed sign-ins cleared)."
    )
    return redirect("accounts:user_edit", user_id=user.pk)

"""Directory managers: capacity figures by hand, providers' capacity links, holiday settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.directory.search_access import (
    access_capacity_token,
    access_directory_service,
    access_holiday,
    capacity_tokens_for,
    directory_settings,
    holidays_of,
)
from crisisdesk.directory.search_actions import (
    CapacityRefused,
    do_add_directory_holiday,
    do_create_capacity_token,
    do_remove_directory_holiday,
    do_revoke_capacity_token,
    do_update_capacity,
    do_update_directory_settings,
)
from crisisdesk.directory.search_forms import (
    CapacityForm,
    CapacityTokenForm,
    DirectorySettingsForm,
    HolidayForm,
)


def _errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else 'Form'}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


@require(Capability.MANAGE_DIRECTORY)
@require_POST
def capacity_set(request: HttpRequest, hsds_id: str) -> HttpResponse:
    user = signed_in_user(request)
    service = access_directory_service(user, hsds_id)
    form = CapacityForm(request.POST, services=[service])
    if form.is_valid():
        try:
            do_update_capacity(service, form.figures(), actor=user)
        except CapacityRefused as refused:
            messages.error(request, f"Nothing was saved: {refused}")
        else:
            messages.success(request, f"Capacity of {service.name} saved.")
    else:
        messages.error(request, f"Nothing was saved: {_errors(form)}")
    return redirect("directory:service", hsds_id=hsds_id)


@require(Capability.MANAGE_DIRECTORY)
@require_POST
def capacity_link_create(request: HttpRequest, hsds_id: str) -> HttpResponse:
    user = signed_in_user(request)
    service = access_directory_service(user, hsds_id)
    form = CapacityTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"No link was made: {_errors(form)}")
        return redirect("directory:service", hsds_id=hsds_id)
    by_organization = form.cleaned_data["scope"] == "organization"
    if by_organization and service.organization is None:
        messages.error(request, "No link was made: this service names no organization.")
        return redirect("directory:service", hsds_id=hsds_id)
    try:
        token, secret = do_create_capacity_token(
            center=user.center,
            label=form.cleaned_data["label"],
            service=None if by_organization else service,
            organization=service.organization if by_organization else None,
            actor=user,
        )
    except ValidationError as refused:
        messages.error(request, f"No link was made: {' '.join(refused.messages)}")
        return redirect("directory:service", hsds_id=hsds_id)
    link = request.build_absolute_uri(reverse("directory:capacity_update", args=[secret]))
    # Shown once, on this response only: the secret is not stored and cannot be shown again.
    context = {"token": token, "link": link, "secret": secret, "service": service}
    return render(request, "directory/capacity_link_made.html", context)


@require(Capability.MANAGE_DIRECTORY)
@require_POST
def capacity_link_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = signed_in_user(request)
    token = access_capacity_token(user, token_id)
    if do_revoke_capacity_token(token, actor=user):
        messages.success(request, f"The link “{token.label}” no longer works.")
    else:
        messages.info(request, f"The link “{token.label}” was already revoked.")
    target = request.POST.get("next", "")
    if target.startswith("/directory/") and not target.startswith("//"):
        return redirect(target)
    return redirect("directory:settings")


@require(Capability.MANAGE_DIRECTORY)
@require_http_methods(["GET", "POST"])
def directory_settings_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    current = directory_settings(user.center)
    initial = {
        "observe_federal_holidays": current.observe_federal_holidays,
        "capacity_stale_hours": current.capacity_stale_hours,
    }
    form = DirectorySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        do_update_directory_settings(
            user.center,
            observe_federal_holidays=form.cleaned_data["observe_federal_holidays"],
            capacity_stale_hours=form.cleaned_data["capacity_stale_hours"],
            actor=user,
        )
        messages.success(request, "Directory settings saved.")
        return redirect("directory:settings")
    context = {
        "form": form,
        "holiday_form": HolidayForm(),
        "holidays": list(holidays_of(user)),
        "tokens": list(
            capacity_tokens_for(user)
            .select_related("service", "organization")
            .order_by("-created_at")
        ),
    }
    return render(request, "directory/settings.html", context, status=400 if form.errors else 200)


@require(Capability.MANAGE_DIRECTORY)
@require_POST
def holiday_add(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = HolidayForm(request.POST)
    if form.is_valid():
        try:
            do_add_directory_holiday(
                user.center,
                day=form.cleaned_data["date"],
                name=form.cleaned_data["name"],
                actor=user,
            )
        except ValidationError as refused:
            messages.error(request, f"Not added: {' '.join(refused.messages)}")
        else:
            messages.success(request, "Holiday added.")
    else:
        messages.error(request, f"Not added: {_errors(form)}")
    return redirect("directory:settings")


@require(Capability.MANAGE_DIRECTORY)
@require_POST
def holiday_remove(request: HttpRequest, holiday_id: int) -> HttpResponse:
    user = signed_in_user(request)
    holiday = access_holiday(user, holiday_id)
    do_remove_directory_holiday(holiday, actor=user)
    messages.success(request, "Holiday removed.")
    return redirect("directory:settings")

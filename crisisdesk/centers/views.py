"""Administration of centers: list, create (installation operators only), edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.centers.access import access_center, centers_for
from crisisdesk.centers.actions import do_create_center, do_update_center
from crisisdesk.centers.forms import CenterCreateForm, CenterEditForm, time_zone_names


@require(Capability.MANAGE_CENTER)
@require_http_methods(["GET"])
def center_list(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    context = {"centers": centers_for(admin).order_by("name"), "can_create": admin.is_superuser}
    return render(request, "centers/center_list.html", context)


@require(Capability.MANAGE_CENTER)
@require_http_methods(["GET", "POST"])
def center_create(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    if not admin.is_superuser:
        # A center administrator runs one center; opening new ones is the operator's job.
        raise PermissionDenied
    form = CenterCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            center = do_create_center(
                code=data["code"], name=data["name"], time_zone=data["time_zone"], actor=admin
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Center {center.name} created.")
            return redirect("centers:list")
    context = {"form": form, "creating": True, "time_zones": time_zone_names()}
    return render(request, "centers/center_form.html", context)


@require(Capability.MANAGE_CENTER)
@require_http_methods(["GET", "POST"])
def center_edit(request: HttpRequest, center_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    center = access_center(admin, center_id)
    form = CenterEditForm(request.POST or None, center=center, editor_center_id=admin.center_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_update_center(
                center,
                name=data["name"],
                time_zone=data["time_zone"],
                is_active=data["is_active"],
                actor=admin,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Center {center.name} saved.")
            return redirect("centers:list")
    context = {"form": form, "center": center, "creating": False, "time_zones": time_zone_names()}
    return render(request, "centers/center_form.html", context)

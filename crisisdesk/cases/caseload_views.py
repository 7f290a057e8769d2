"""Caseload pages: a clinician's own, the supervisor's overview with a drill-down per
clinician, and the center's case settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.cases.access import access_case_clinician, case_settings_of
from crisisdesk.cases.actions import CaseRefused, do_update_case_settings
from crisisdesk.cases.caseloads import caseload_of, caseload_summary
from crisisdesk.cases.forms import CaseSettingsForm


@require(Capability.MANAGE_CASES)
@require_GET
def my_caseload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "caseload": caseload_of(user, user),
        "mine": True,
        "can_supervise": user_can(user, Capability.SUPERVISE_CASELOADS),
    }
    return render(request, "cases/caseload.html", context)


@require(Capability.SUPERVISE_CASELOADS)
@require_GET
def clinician_caseload(request: HttpRequest, clinician_id: int) -> HttpResponse:
    user = signed_in_user(request)
    clinician = access_case_clinician(user, clinician_id)
    context = {
        "caseload": caseload_of(user, clinician),
        "mine": clinician.pk == user.pk,
        "can_supervise": True,
    }
    return render(request, "cases/caseload.html", context)


@require(Capability.SUPERVISE_CASELOADS)
@require_GET
def caseloads(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(request, "cases/caseloads.html", {"summary": caseload_summary(user)})


@require(Capability.SUPERVISE_CASELOADS)
@require_http_methods(["GET", "POST"])
def case_settings(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    current = case_settings_of(user.center_id)
    initial = {"inactivity_days": current.inactivity_days, "quiet_days": current.quiet_days}
    form = CaseSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_case_settings(
                user.center,
                inactivity_days=form.cleaned_data["inactivity_days"],
                quiet_days=form.cleaned_data["quiet_days"],
                actor=user,
            )
        except CaseRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Case settings saved.")
            return redirect("cases:caseloads")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "cases/settings.html", {"form": form, "current": current}, status=status)

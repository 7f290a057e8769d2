"""Decisions on a flag, posted from the incident page, and the supervisor's figures.

Each decision view parses, checks the capability and the flag (404 for another center), calls
the action and goes back to the incident page, where a refused step shows as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.review.access import access_incident_flag
from crisisdesk.review.actions import (
    TransferConflict,
    do_dismiss_flag,
    do_request_pull_from_flag,
)
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.forms import DismissForm, PeriodForm, PullForm
from crisisdesk.review.stats import recent_dismissals, review_stats


def _back(incident_id: int) -> HttpResponse:
    return HttpResponseRedirect(
        reverse("incidents:detail", kwargs={"incident_id": incident_id}) + "#review-flag"
    )


def _first_error(form: PullForm | DismissForm) -> str:
    errors = form.errors.get("reason")
    return str(errors[0]) if errors else "the reason could not be read."


@require(Capability.REVIEW_QUEUE)
@require_POST
def flag_pull(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident, flag = access_incident_flag(user, incident_id)
    form = PullForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing was changed: {_first_error(form)}")
        return _back(incident.pk)
    try:
        do_request_pull_from_flag(flag, incident, reason=form.cleaned_data["reason"], actor=user)
    except (ReviewRefusal, TransferConflict) as refusal:
        messages.error(request, f"Not requested. {refusal}")
    else:
        messages.success(request, "Asked a supervisor to let you pull this call.")
    return _back(incident.pk)


@require(Capability.REVIEW_QUEUE)
@require_POST
def flag_dismiss(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident, flag = access_incident_flag(user, incident_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"The flag was not dismissed. {_first_error(form)}")
        return _back(incident.pk)
    try:
        do_dismiss_flag(flag, reason=form.cleaned_data["reason"], actor=user)
    except ReviewRefusal as refusal:
        messages.error(request, f"The flag was not dismissed. {refusal.message}")
    else:
        messages.success(request, "Flag dismissed; your reason is kept with it.")
    return _back(incident.pk)


# The figures judge the flagger's configuration: they are for those who configure it.
@require(Capability.CONFIGURE_FLAGGER)
@require_http_methods(["GET"])
def stats(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    period = PeriodForm(request.GET or None)
    weeks = period.weeks_or_default()
    context = {
        "period": period,
        "weeks": weeks,
        "stats": review_stats(user.center, weeks=weeks),
        "dismissals": recent_dismissals(user.center),
    }
    return render(request, "review/stats.html", context)

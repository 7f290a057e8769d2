"""The guided screening: start, answer, change an answer, accept or override.

With htmx each view answers the panel fragment, which replaces itself in the incident page;
without script, forms post and the browser lands on the screening's own page. A refused step
(an override without a reason, a question the skip logic rules out) comes back as the panel
with the message: status 200 for htmx, which swaps only successful responses, 400 otherwise.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.incidents.access import access_incident
from crisisdesk.triage.models import Screening
from crisisdesk.triage.screening import (
    ScreeningRefused,
    do_answer_screening,
    do_decide_screening,
    do_start_screening,
)
from crisisdesk.triage.screening_access import access_screening, protocol_for
from crisisdesk.triage.screening_panel import Panel, parse_answer, screening_panel

PANEL = "triage/screening/_panel.html"
PAGE = "triage/screening/page.html"
# Tells the incident page's live region to refresh now rather than at its next poll.
DECIDED_EVENT = "screening-decided"


def _htmx(request: HttpRequest) -> bool:
    # Boosted links are whole pages; only htmx's own requests get the fragment.
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def _show(request: HttpRequest, panel: Panel, *, status: int = 200) -> HttpResponse:
    if _htmx(request):
        return render(request, PANEL, {"panel": panel})
    return render(request, PAGE, {"panel": panel, "incident": panel.incident}, status=status)


def _done(request: HttpRequest, user: User, screening: Screening) -> HttpResponse:
    if not _htmx(request):
        return redirect("triage:screening", screening_id=screening.pk)
    return _show(request, screening_panel(user, screening.incident, screening))


@require(Capability.SCREEN_CALLS)
@require_POST
def start_screening(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    try:
        screening = do_start_screening(
            incident, protocol_name=request.POST.get("protocol", ""), actor=user
        )
    except ScreeningRefused as refused:
        if not _htmx(request):
            messages.error(request, str(refused))
            return redirect("incidents:detail", incident_id=incident.pk)
        return _show(request, screening_panel(user, incident, None, error=str(refused)))
    return _done(request, user, screening)


@require(Capability.SCREEN_CALLS)
def screening_page(request: HttpRequest, screening_id: int) -> HttpResponse:
    """The screening on its own page (or, for htmx, its panel), showing one question:
    `?ask=<question id>` to change an earlier answer, else the next one needed."""
    user = signed_in_user(request)
    screening = access_screening(user, screening_id)
    record_read(actor=user, center=screening.center, obj=screening)
    panel = screening_panel(user, screening.incident, screening, ask=request.GET.get("ask"))
    return _show(request, panel)


@require(Capability.SCREEN_CALLS)
@require_POST
def answer_screening(request: HttpRequest, screening_id: int) -> HttpResponse:
    user = signed_in_user(request)
    screening = access_screening(user, screening_id)
    question_id = request.POST.get("question", "")
    try:
        value = parse_answer(protocol_for(screening), question_id, request.POST.get("value", ""))
        screening = do_answer_screening(screening, question_id=question_id, value=value, actor=user)
    except ScreeningRefused as refused:
        panel = screening_panel(
            user, screening.incident, screening, ask=question_id, error=str(refused)
        )
        return _show(request, panel, status=400)
    return _done(request, user, screening)


@require(Capability.SCREEN_CALLS)
@require_POST
def decide_screening(request: HttpRequest, screening_id: int) -> HttpResponse:
    user = signed_in_user(request)
    screening = access_screening(user, screening_id)
    decision = request.POST.get("decision", "")
    final_outcome = request.POST.get("final_outcome", "")
    reason = request.POST.get("reason", "")
    try:
        if decision not in ("accept", "override"):
            raise ScreeningRefused("Choose to accept the recommendation or to override it.")
        screening = do_decide_screening(
            screening,
            accept=decision == "accept",
            final_outcome=final_outcome or None,
            override_reason=reason,
            actor=user,
        )
    except ScreeningRefused as refused:
        panel = screening_panel(
            user,
            screening.incident,
            screening,
            error=str(refused),
            override_choice=final_outcome,
            override_reason=reason,
        )
        return _show(request, panel, status=400)
    response = _done(request, user, screening)
    response["HX-Trigger"] = DECIDED_EVENT
    return response

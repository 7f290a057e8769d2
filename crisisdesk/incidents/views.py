"""The incident list and the read-only incident page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_read
from crisisdesk.care.access import encounters_of_incident
from crisisdesk.incidents.access import access_incident, incidents_for
from crisisdesk.incidents.actions import do_add_incident_note
from crisisdesk.incidents.filters import IncidentFilterForm, filter_incidents
from crisisdesk.incidents.forms import NoteForm
from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.incidents.workspace import workspace_for
from crisisdesk.review.workspace import flag_panel
from crisisdesk.triage.models import SafetyPlan
from crisisdesk.triage.screening_panel import workspace_panel

PAGE_SIZE = 50


@require(Capability.VIEW_INCIDENTS)
def incident_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = IncidentFilterForm(request.GET or None)
    incidents = incidents_for(user).select_related("location")
    if form.is_bound and form.is_valid():
        incidents = filter_incidents(incidents, form.cleaned_data)
    page = Paginator(incidents.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "incidents/list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "incident-results":
        template = "incidents/_results.html"
    return render(request, template, context)


def _change_token(incident: Incident) -> str:
    return incident.updated_at.isoformat()


@require(Capability.VIEW_INCIDENTS)
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    involvements = (
        IncidentPerson.objects.filter(incident=incident)
        .select_related("person")
        .order_by("role", "person__family_name")
    )
    record_read(actor=user, center=incident.center, obj=incident)
    space = workspace_for(user, incident)
    context = {
        "incident": incident,
        "involvements": involvements,
        "events": incident.events.select_related("author").order_by("at", "pk"),
        "token": _change_token(incident),
        "space": space,
        # The queue flagger's answer with its evidence; None for roles that do not review
        # the queue (crisisdesk/review/workspace.py).
        "review_flag": flag_panel(user, incident, can_request_pull=space.can_request_pull),
        "note_form": NoteForm(),
        # Outside the polled region: a poll must not replace the question being answered.
        "screening_panel": workspace_panel(user, incident),
        # Clinical: only for the roles that run instruments (None hides the section).
        "safety_plans": (
            list(
                SafetyPlan.objects.filter(incident=incident)
                .select_related("created_by")
                .order_by("-updated_at")
            )
            if user_can(user, Capability.RUN_INSTRUMENTS)
            else None
        ),
        # Clinical too: None hides the section from roles that do not document care.
        "encounters": encounters_of_incident(user, incident),
        "can_document": user_can(user, Capability.DOCUMENT_CARE),
        "can_find_people": user_can(user, Capability.FIND_PEOPLE),
        "can_search_directory": user_can(user, Capability.SEARCH_DIRECTORY),
    }
    return render(request, "incidents/detail.html", context)


@require(Capability.VIEW_INCIDENTS)
def incident_live(request: HttpRequest, incident_id: int) -> HttpResponse:
    """The polled part of the workspace: status, transfer and timeline; 204 when unchanged."""
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    token = _change_token(incident)
    if request.GET.get("token") == token:
        return HttpResponse(status=204)
    context = {
        "incident": incident,
        "events": incident.events.select_related("author").order_by("at", "pk"),
        "token": token,
        "space": workspace_for(user, incident),
    }
    return render(request, "incidents/_live.html", context)


@require(Capability.WORK_QUEUE)
@require_POST
def add_note(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        do_add_incident_note(incident, text=form.cleaned_data["text"], actor=user)
        messages.success(request, "Note added.")
    else:
        messages.error(request, "The note was empty; nothing was added.")
    return redirect("incidents:detail", incident_id=incident.pk)

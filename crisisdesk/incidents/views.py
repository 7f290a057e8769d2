"""The incident list and the read-only incident page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.incidents.access import access_incident, incidents_for
from crisisdesk.incidents.filters import IncidentFilterForm, filter_incidents
from crisisdesk.incidents.models import IncidentPerson

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


@require(Capability.VIEW_INCIDENTS)
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    involvements = (
        IncidentPerson.objects.filter(incident=incident)
        .select_related("person")
        .order_by("role", "person__family_name")
    )
    events = incident.events.select_related("author").order_by("at", "pk")
    record_read(actor=user, center=incident.center, obj=incident)
    return render(
        request,
        "incidents/detail.html",
        {"incident": incident, "involvements": involvements, "events": events},
    )

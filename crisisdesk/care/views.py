"""Encounter pages: my encounters, start one, the encounter (draft form or signed record),
sign, addenda; and the center's disposition list."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_read
from crisisdesk.care.access import access_encounter, disposition_choices, encounters_for
from crisisdesk.care.actions import (
    EncounterError,
    EncounterFields,
    do_add_addendum,
    do_save_dispositions,
    do_sign_encounter,
    do_start_encounter,
    do_update_encounter,
    signing_problems,
)
from crisisdesk.care.forms import AddendumForm, EncounterForm, StartEncounterForm
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.incidents.access import access_incident
from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.people.models import Person
from crisisdesk.triage.models import SafetyPlan
from crisisdesk.triage.screening_access import incident_screenings


@require(Capability.VIEW_CLINICAL)
def encounter_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    everyone = request.GET.get("who") == "all" and user_can(user, Capability.SUPERVISE_CASELOADS)
    encounters = encounters_for(user).select_related("clinician", "person", "incident")
    if not everyone:
        encounters = encounters.filter(clinician=user)
    context = {
        "drafts": list(encounters.filter(status=EncounterStatus.DRAFT).order_by("started_at")),
        "signed": list(
            encounters.filter(status=EncounterStatus.SIGNED).order_by("-signed_at")[:50]
        ),
        "everyone": everyone,
        "can_see_everyone": user_can(user, Capability.SUPERVISE_CASELOADS),
    }
    return render(request, "care/encounter_list.html", context)


def _person_of_center(user: User, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id, center_id=user.center_id).first()
    if person is None:
        raise Http404("No such person.")
    return person


@require(Capability.DOCUMENT_CARE)
@require_POST
def encounter_start(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = StartEncounterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Could not start an encounter: the request was incomplete.")
        return redirect("care:encounter_list")
    incident_id = form.cleaned_data["incident"]
    incident = access_incident(user, incident_id) if incident_id else None
    person = _person_of_center(user, form.cleaned_data["person"])
    if person is None and incident is not None:
        # The person in crisis if CAD named one, else the caller.
        involvement = (
            IncidentPerson.objects.filter(incident=incident)
            .order_by("-role")  # "subject" before "other" before "caller"
            .select_related("person")
            .first()
        )
        person = involvement.person if involvement else None
    try:
        encounter = do_start_encounter(
            center=user.center,
            incident=incident,
            person=person,
            channel=form.cleaned_data["channel"] or "phone",
            actor=user,
        )
    except EncounterError as error:
        messages.error(request, str(error))
        return redirect("care:encounter_list")
    return redirect("care:encounter_detail", encounter.pk)


def _people_choices(encounter: Encounter) -> list[Person]:
    people: list[Person] = []
    if encounter.incident_id is not None:
        people = [
            involvement.person
            for involvement in IncidentPerson.objects.filter(
                incident_id=encounter.incident_id
            ).select_related("person")
        ]
    if encounter.person is not None and encounter.person not in people:
        people.append(encounter.person)
    return people


def _form_initial(encounter: Encounter) -> dict[str, object]:
    return {
        "channel": encounter.channel,
        "started_at": encounter.started_at,
        "ended_at": encounter.ended_at,
        "person": encounter.person_id,
        "interventions": encounter.interventions,
        "disposition": encounter.disposition,
        "police_involvement": encounter.police_involvement,
        "transport": encounter.transport,
        "substance_use": encounter.substance_use,
        "note_data": encounter.note_data,
        "note_assessment": encounter.note_assessment,
        "note_plan": encounter.note_plan,
    }


@require(Capability.VIEW_CLINICAL)
@require_http_methods(["GET", "POST"])
def encounter_detail(request: HttpRequest, encounter_id: int) -> HttpResponse:
    user = signed_in_user(request)
    encounter = access_encounter(user, encounter_id)
    editable = not encounter.is_signed and encounter.clinician_id == user.pk
    form = None
    if editable:
        form = EncounterForm(
            request.POST if request.method == "POST" else None,
            initial=_form_initial(encounter),
            dispositions=disposition_choices(encounter.center),
            people=_people_choices(encounter),
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                do_update_encounter(encounter, fields=EncounterFields(**data), actor=user)
            except EncounterError as error:
                for problem in error.problems:
                    form.add_error(None, problem)
            else:
                messages.success(request, "Draft saved.")
                return redirect("care:encounter_detail", encounter.pk)
    elif request.method == "POST":
        raise Http404("This encounter cannot be edited.")
    record_read(actor=user, center=encounter.center, obj=encounter)
    context = {
        "encounter": encounter,
        "form": form,
        "addenda": list(encounter.addenda.select_related("author")),
        "addendum_form": AddendumForm() if encounter.is_signed else None,
        "problems": signing_problems(encounter) if editable else [],
        **_instruments(encounter),
    }
    return render(request, "care/encounter_detail.html", context)


def _instruments(encounter: Encounter) -> dict[str, object]:
    """The incident's decided screenings and safety plans, shown beside the note."""
    incident: Incident | None = encounter.incident
    if incident is None:
        return {"screenings": None, "safety_plans": []}
    return {
        "screenings": incident_screenings(incident),
        "safety_plans": list(SafetyPlan.objects.filter(incident=incident).order_by("-updated_at")),
    }


@require(Capability.DOCUMENT_CARE)
@require_POST
def encounter_sign(request: HttpRequest, encounter_id: int) -> HttpResponse:
    user = signed_in_user(request)
    encounter = access_encounter(user, encounter_id)
    try:
        do_sign_encounter(encounter, actor=user)
    except EncounterError as error:
        for problem in error.problems:
            messages.error(request, problem)
    else:
        messages.success(request, "Encounter signed. Later changes are addenda.")
    return redirect("care:encounter_detail", encounter.pk)


@require(Capability.DOCUMENT_CARE)
@require_POST
def encounter_addendum(request: HttpRequest, encounter_id: int) -> HttpResponse:
    user = signed_in_user(request)
    encounter = access_encounter(user, encounter_id)
    form = AddendumForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Addendum: write what you are adding (at most 20,000 characters).")
        return redirect("care:encounter_detail", encounter.pk)
    try:
        do_add_addendum(encounter, text=form.cleaned_data["text"], actor=user)
    except EncounterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Addendum added.")
    return redirect(reverse("care:encounter_detail", args=[encounter.pk]) + "#addenda")


@require(Capability.MANAGE_DISPOSITIONS)
@require_http_methods(["GET", "POST"])
def disposition_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    problems: list[str] = []
    if request.method == "POST":
        codes = request.POST.getlist("code")
        labels = request.POST.getlist("label")
        known = {item.code for item in disposition_choices(user.center, include_retired=True)}
        active = set(request.POST.getlist("active"))
        # A new row has no "in use" box to tick: it is in use once added.
        entries = [
            (code.strip(), label.strip(), code.strip() in active or code.strip() not in known)
            for code, label in zip(codes, labels, strict=False)
            if code.strip() or label.strip()
        ]
        try:
            do_save_dispositions(user.center, entries=entries, actor=user)
        except EncounterError as error:
            problems = error.problems
        else:
            messages.success(request, "Dispositions saved.")
            return redirect("care:disposition_list")
    context = {
        "dispositions": disposition_choices(user.center, include_retired=True),
        "problems": problems,
    }
    return render(request, "care/disposition_list.html", context)

"""The safety plan a clinician fills in with the person: write, revise, print, send as text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.incidents.access import access_incident
from crisisdesk.triage.engine.forms import FormSpec, plan_as_text, safety_plan_spec
from crisisdesk.triage.safety_plans import (
    InvalidPlan,
    access_safety_plan,
    do_save_safety_plan,
    responses_from_post,
)


def _sections(spec: FormSpec, responses: dict[str, Any]) -> list[dict[str, Any]]:
    """The form as the template draws it: each field with as many inputs as it allows."""
    sections = []
    for section in spec.sections:
        fields = []
        for form_field in section.fields:
            value = responses.get(form_field.id)
            if form_field.type == "text":
                slots: list[Any] = [value or ""]
            elif form_field.type == "list":
                slots = list(value or []) + [""] * form_field.max_items
            else:
                slots = list(value or []) + [{"name": "", "phone": ""}] * form_field.max_items
            fields.append({"field": form_field, "slots": slots[: form_field.max_items]})
        sections.append({"section": section, "fields": fields})
    return sections


@require(Capability.RUN_INSTRUMENTS)
@require_http_methods(["GET", "POST"])
def safety_plan_new(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    spec = safety_plan_spec()
    responses: dict[str, Any] = {}
    errors: list[str] = []
    if request.method == "POST":
        responses = responses_from_post(spec, request.POST)
        try:
            plan = do_save_safety_plan(incident, responses=responses, actor=user)
        except InvalidPlan as invalid:
            errors = [f"{p.path}: {p.message}" for p in invalid.problems]
        else:
            messages.success(request, "Safety plan saved.")
            return redirect("triage:safety_plan", plan_id=plan.pk)
    context = {
        "incident": incident,
        "spec": spec,
        "sections": _sections(spec, responses),
        "errors": errors,
    }
    return render(request, "triage/safety_plan/form.html", context)


@require(Capability.RUN_INSTRUMENTS)
@require_http_methods(["GET", "POST"])
def safety_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = access_safety_plan(user, plan_id)
    spec = safety_plan_spec()
    responses: dict[str, Any] = plan.responses
    errors: list[str] = []
    if request.method == "POST":
        responses = responses_from_post(spec, request.POST)
        try:
            do_save_safety_plan(plan.incident, responses=responses, actor=user, plan=plan)
        except InvalidPlan as invalid:
            errors = [f"{p.path}: {p.message}" for p in invalid.problems]
        else:
            messages.success(request, "Safety plan updated.")
            return redirect("triage:safety_plan", plan_id=plan.pk)
    else:
        record_read(actor=user, center=plan.incident.center, obj=plan)
    context = {
        "incident": plan.incident,
        "plan": plan,
        "spec": spec,
        "sections": _sections(spec, responses),
        "errors": errors,
        "as_text": plan_as_text(spec, plan.responses),
    }
    return render(request, "triage/safety_plan/form.html", context)


@require(Capability.RUN_INSTRUMENTS)
@require_http_methods(["GET"])
def safety_plan_print(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = access_safety_plan(user, plan_id)
    record_read(actor=user, center=plan.incident.center, obj=plan, details={"printed": True})
    spec = safety_plan_spec()
    context = {"plan": plan, "spec": spec, "as_text": plan_as_text(spec, plan.responses)}
    return render(request, "triage/safety_plan/print.html", context)

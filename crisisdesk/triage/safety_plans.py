"""Safety plans: reading the filled-in form from a request, and the actions that store it.

The plan's text is clinical content: audit rows record that a plan was written or read, never
what it says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import record_event
from crisisdesk.incidents.models import Incident
from crisisdesk.incidents.queue_version import touch_incident
from crisisdesk.triage.engine.forms import FormSpec, response_problems, safety_plan_spec
from crisisdesk.triage.engine.model import AnswerProblem
from crisisdesk.triage.models import SafetyPlan


class InvalidPlan(Exception):
    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = problems


def responses_from_post(spec: FormSpec, post: Mapping[str, Any]) -> dict[str, Any]:
    """The form's fields from POSTed inputs named `<field>`, `<field>.<n>` and
    `<field>.<n>.name` / `.phone`; empty entries are dropped."""
    responses: dict[str, Any] = {}
    for form_field in spec.fields().values():
        name = form_field.id
        if form_field.type == "text":
            value = str(post.get(name, "")).strip()
            if value:
                responses[name] = value
        elif form_field.type == "list":
            items = [str(post.get(f"{name}.{n}", "")).strip() for n in range(form_field.max_items)]
            if any(items):
                responses[name] = [item for item in items if item]
        else:
            contacts = []
            for n in range(form_field.max_items):
                person = str(post.get(f"{name}.{n}.name", "")).strip()
                phone = str(post.get(f"{name}.{n}.phone", "")).strip()
                if person or phone:
                    contacts.append({"name": person, "phone": phone})
            if contacts:
                responses[name] = contacts
    return responses


def access_safety_plan(user: User, plan_id: int) -> SafetyPlan:
    plan = (
        SafetyPlan.objects.select_related("incident", "incident__center", "created_by")
        .filter(pk=plan_id, center_id=user.center_id)
        .first()
    )
    if plan is None or not user_can(user, Capability.RUN_INSTRUMENTS):
        raise Http404("No such safety plan.")
    return plan


@transaction.atomic
def do_save_safety_plan(
    incident: Incident, *, responses: dict[str, Any], actor: User, plan: SafetyPlan | None = None
) -> SafetyPlan:
    spec = safety_plan_spec()
    problems = response_problems(spec, responses)
    if problems:
        raise InvalidPlan(problems)
    if plan is None:
        plan = SafetyPlan.objects.create(
            center_id=incident.center_id,
            incident=incident,
            form_name=spec.name,
            form_version=spec.version,
            responses=responses,
            created_by=actor,
            updated_by=actor,
        )
        event = "safety_plan.created"
    else:
        plan.responses, plan.updated_by = responses, actor
        plan.save(update_fields=["responses", "updated_by", "updated_at"])
        event = "safety_plan.updated"
    touch_incident(incident)
    record_event(
        actor=actor,
        center=incident.center,
        event_type=event,
        obj=plan,
        details={"incident_id": incident.pk, "fields_filled": sorted(responses)},
    )
    return plan

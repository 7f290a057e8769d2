"""Frequent callers and response plans for the plans tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.people.models import Person, PersonPhone
from crisisdesk.places.models import Location
from crisisdesk.plans.actions import (
    PlanContent,
    PlanSubject,
    center_today,
    do_approve_response_plan,
    do_draft_response_plan,
    do_submit_response_plan,
)
from crisisdesk.plans.models import ResponsePlan
from tests.conftest import Personas, make_incident

SAFETY_WARNING = "Large dog in the yard: ask for it to be put inside"
WHAT_HELPS = "Calm voice, first name, talk through breathing"
WHAT_TO_AVOID = "Uniformed police at the door"
BACKGROUND = "Calls most evenings; lives alone"


def make_person(center: Center, given: str = "Ray", family: str = "Moreno", *phones: str) -> Person:
    person = Person.objects.create(center=center, given_name=given, family_name=family)
    for number in phones:
        PersonPhone.objects.create(person=person, number=number)
    return person


def link(incident: Incident, person: Person, role: str = "subject") -> None:
    IncidentPerson.objects.create(incident=incident, person=person, role=role)


def incidents_for(
    center: Center,
    prefix: str,
    count: int,
    *,
    person: Person | None = None,
    address: str = "100 MAIN ST",
    start: datetime | None = None,
    call_type_text: str = "MENTAL HEALTH CRISIS",
) -> list[Incident]:
    """`count` incidents a day apart (the newest first), linked to `person` when given."""
    start = start or timezone.now() - timedelta(hours=1)
    made = []
    for n in range(count):
        incident = make_incident(
            center,
            f"{prefix}-{n}",
            received_at=start - timedelta(days=n),
            address=address,
            call_type_text=call_type_text,
            note="",
        )
        if person is not None:
            link(incident, person)
        made.append(incident)
    return made


def content(center: Center, **changes: object) -> PlanContent:
    values: dict[str, object] = {
        "preferred_response": "crt",
        "review_date": center_today(center) + timedelta(days=90),
        "background": BACKGROUND,
        "what_helps": WHAT_HELPS,
        "what_to_avoid": WHAT_TO_AVOID,
        "safety_warnings": f"{SAFETY_WARNING}\nSecond-floor apartment",
        "triggers": "Sirens",
        "contacts": "Case manager via the clinician desk",
    }
    values.update(changes)
    return PlanContent(**values)  # type: ignore[arg-type]


def draft(
    personas: Personas,
    *,
    person: Person | None = None,
    phone: str = "",
    location: Location | None = None,
    author: User | None = None,
    **changes: object,
) -> ResponsePlan:
    return do_draft_response_plan(
        personas.metro,
        subject=PlanSubject(person=person, phone=phone, location=location),
        content=content(personas.metro, **changes),
        actor=author or personas.clinician,
    )


def approved(personas: Personas, **subject: object) -> ResponsePlan:
    plan = draft(personas, **subject)  # type: ignore[arg-type]
    do_submit_response_plan(plan, actor=personas.clinician)
    return do_approve_response_plan(plan, actor=personas.supervisor)


def address(center: Center, street: str = "12 ELM ST") -> Location:
    return Location.objects.create(center=center, address=street, city="Metro")


def past(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)

"""The Stanley-Brown safety plan: written with the person, revised, printed, sent as text."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.triage.models import SafetyPlan
from tests.conftest import Personas, make_incident

ClientFor = Callable[[User], Client]

FILLED = {
    "warning_signs.0": "I stop answering my phone",
    "warning_signs.1": "I can't sleep",
    "coping_strategies.0": "Walk the dog",
    "distraction_people.0.name": "Aunt Rosa",
    "distraction_people.0.phone": "555-201-0100",
}


def test_a_clinician_writes_a_plan_and_it_reads_back_as_text(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    client = client_for(personas.clinician)
    form = client.get(f"/triage/safety-plans/incidents/{incident.pk}/new/")
    assert form.status_code == 200
    assert "Step 1: Warning signs" in form.content.decode()
    response = client.post(f"/triage/safety-plans/incidents/{incident.pk}/new/", FILLED)
    plan = SafetyPlan.objects.get()
    assert response["Location"] == f"/triage/safety-plans/{plan.pk}/"
    assert plan.responses["warning_signs"] == ["I stop answering my phone", "I can't sleep"]
    assert plan.responses["distraction_people"] == [{"name": "Aunt Rosa", "phone": "555-201-0100"}]
    page = client.get(f"/triage/safety-plans/{plan.pk}/").content.decode()
    assert "  - Aunt Rosa - 555-201-0100" in page
    printed = client.get(f"/triage/safety-plans/{plan.pk}/print/").content.decode()
    assert "MY SAFETY PLAN" in printed
    assert "Walk the dog" in printed


def test_revising_keeps_one_plan_and_audits_without_its_words(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    client = client_for(personas.clinician)
    client.post(f"/triage/safety-plans/incidents/{incident.pk}/new/", FILLED)
    plan = SafetyPlan.objects.get()
    client.post(f"/triage/safety-plans/{plan.pk}/", {**FILLED, "coping_strategies.1": "Music"})
    plan.refresh_from_db()
    assert plan.responses["coping_strategies"] == ["Walk the dog", "Music"]
    events = AuditEvent.objects.filter(event_type__startswith="safety_plan.")
    assert [event.event_type for event in events.order_by("seq")] == [
        "safety_plan.created",
        "safety_plan.updated",
    ]
    assert "Walk the dog" not in str([event.details for event in events])


def test_an_overlong_entry_is_refused_and_nothing_is_saved(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    response = client_for(personas.clinician).post(
        f"/triage/safety-plans/incidents/{incident.pk}/new/",
        {"warning_signs.0": "x" * 600},
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert not SafetyPlan.objects.exists()


def test_call_takers_and_other_centers_cannot_see_a_plan(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    client_for(personas.clinician).post(
        f"/triage/safety-plans/incidents/{incident.pk}/new/", FILLED
    )
    plan = SafetyPlan.objects.get()
    assert (
        client_for(personas.call_taker).get(f"/triage/safety-plans/{plan.pk}/").status_code == 403
    )
    assert client_for(personas.outsider).get(f"/triage/safety-plans/{plan.pk}/").status_code == 404
    other = make_incident(personas.northfield, "NOR-1")
    assert (
        client_for(personas.clinician)
        .get(f"/triage/safety-plans/incidents/{other.pk}/new/")
        .status_code
        == 404
    )


def test_reading_a_plan_is_audited(personas: Personas, client_for: ClientFor) -> None:
    incident = make_incident(personas.metro)
    client = client_for(personas.clinician)
    client.post(f"/triage/safety-plans/incidents/{incident.pk}/new/", FILLED)
    plan = SafetyPlan.objects.get()
    client.get(f"/triage/safety-plans/{plan.pk}/")
    assert AuditEvent.objects.filter(
        event_type="safetyplan.viewed", object_id=str(plan.pk), actor=personas.clinician
    ).exists()


def test_the_incident_page_offers_the_plan_to_clinicians_only(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    assert (
        "Write a safety plan"
        in client_for(personas.clinician).get(f"/incidents/{incident.pk}/").content.decode()
    )
    assert (
        "Write a safety plan"
        not in client_for(personas.call_taker).get(f"/incidents/{incident.pk}/").content.decode()
    )

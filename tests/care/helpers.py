from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.actions import EncounterFields, do_start_encounter, do_update_encounter
from crisisdesk.care.models import Encounter
from crisisdesk.incidents.models import Incident
from crisisdesk.people.models import Person


def started(incident: Incident, clinician: User, person: Person | None = None) -> Encounter:
    return do_start_encounter(
        center=incident.center, incident=incident, person=person, actor=clinician
    )


def complete_fields(encounter: Encounter, **overrides: object) -> EncounterFields:
    values: dict[str, object] = {
        "channel": "phone",
        "started_at": encounter.started_at,
        "ended_at": encounter.started_at + timedelta(minutes=25),
        "person": encounter.person,
        "interventions": ["de_escalation", "safety_planning"],
        "disposition": "resolved_by_phone",
        "note_data": "Caller's son (24) says he will not go on living; no plan, no means at home.",
        "note_assessment": "Passive ideation, protective factors: sister, job.",
        "note_plan": "Safety plan written; follow-up call tomorrow.",
    }
    values.update(overrides)
    return EncounterFields(**values)  # type: ignore[arg-type]


def signed_ready(incident: Incident, clinician: User) -> Encounter:
    encounter = started(incident, clinician)
    return do_update_encounter(encounter, fields=complete_fields(encounter), actor=clinician)


def now() -> object:
    return timezone.now()

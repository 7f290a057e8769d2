"""Demo encounters for the synthetic city: signed DAP notes for recent calls and two drafts.

Every name and sentence here is made up; notes are composed from a few plain phrases so that
the demo reads like real documentation without describing anyone.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.care.models import Encounter, EncounterStatus, Intervention
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident, IncidentPerson

DEMO = SystemActor("demo")

SITUATIONS = [
    "Caller reports feeling hopeless since losing her job; alone at home.",
    "Mother called about her adult son, who has not slept in three days and is pacing.",
    "Caller hears voices telling him he is being watched; off medication for two weeks.",
    "Neighbor reported a man shouting in the hallway; he says he was locked out.",
    "Caller is drinking and says there is no point anymore; denies a plan.",
    "Young adult calling from a parked car after a fight with family; tearful.",
]
ASSESSMENTS = [
    "Passive ideation without plan or intent; protective factors: children, faith.",
    "Agitated but redirectable; no weapons reported; oriented.",
    "Moderate risk; future-oriented when discussing his sister's visit.",
    "Intoxicated, cooperative; no acute medical concern voiced.",
    "Low risk; distress linked to housing loss.",
]
PLANS = [
    "Safety plan reviewed; follow-up call within 48 hours.",
    "Warm handoff to the crisis stabilization unit; mother to drive.",
    "Referral to outpatient clinic; check-in call tomorrow morning.",
    "Shelter bed arranged; team to check in next week.",
    "Person declined further services; given 988 and the clinic's walk-in hours.",
]
DISPOSITIONS = [
    ("resolved_by_phone", "Resolved by phone"),
    ("referred", "Referred to community services"),
    ("follow_up_scheduled", "Follow-up scheduled"),
    ("voluntary_transport", "Transported voluntarily"),
    ("declined_services", "Declined services"),
]


def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    clinician = users["clinician"]
    supervisor = users.get("supervisor")
    if supervisor is not None and clinician.supervisor_id is None:
        clinician.supervisor = supervisor
        clinician.save(update_fields=["supervisor"])
    behavioral = Incident.objects.filter(
        center=center, call_type_code__in=["MH", "SUIC", "WELF", "INTOX", "OD", "FAMD"]
    )
    candidates = list(behavioral.order_by("-received_at").values_list("pk", flat=True))
    if len(candidates) < 10:
        candidates = list(
            Incident.objects.filter(center=center)
            .order_by("-received_at")
            .values_list("pk", flat=True)
        )
    # Spread over the whole month, the two newest first (they stay drafts): a caseload has
    # people met weeks ago as well as yesterday.
    chosen = candidates[:2] + sorted(rng.sample(candidates[2:], min(38, len(candidates[2:]))))
    by_pk = Incident.objects.in_bulk(chosen)
    incidents = [by_pk[pk] for pk in chosen]
    people = dict(
        IncidentPerson.objects.filter(incident__in=incidents)
        .order_by("role")
        .values_list("incident_id", "person_id")
    )
    interventions = list(Intervention.values)
    encounters = []
    for number, incident in enumerate(incidents[:40]):
        started = incident.received_at + timedelta(minutes=rng.randint(2, 15))
        disposition, label = rng.choice(DISPOSITIONS)
        draft = number < 2
        encounters.append(
            Encounter(
                center=center,
                incident=incident,
                person_id=people.get(incident.pk),
                clinician=clinician,
                channel=rng.choice(["phone", "phone", "phone", "in_person"]),
                started_at=started,
                ended_at=None if draft else started + timedelta(minutes=rng.randint(10, 55)),
                interventions=sorted(rng.sample(interventions, 2), key=interventions.index),
                disposition="" if draft else disposition,
                disposition_label="" if draft else label,
                substance_use=rng.random() < 0.15,
                note_data=rng.choice(SITUATIONS),
                note_assessment="" if draft else rng.choice(ASSESSMENTS),
                note_plan="" if draft else rng.choice(PLANS),
                status=EncounterStatus.DRAFT if draft else EncounterStatus.SIGNED,
                signed_at=None if draft else started + timedelta(hours=1),
            )
        )
    Encounter.objects.bulk_create(encounters)
    record_event(
        actor=DEMO,
        center=center,
        event_type="demo.encounters_loaded",
        details={"encounters": len(encounters), "at": timezone.now()},
    )
    return {"encounters": len(encounters)}

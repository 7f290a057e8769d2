"""Demo follow-ups for the synthetic city: a dozen for the demo clinician, some overdue (the
worker alerts the supervisor on its first run), some with attempts, two done, and one weekly
check-in. Every purpose and note is made up."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.models import Encounter
from crisisdesk.centers.models import Center
from crisisdesk.followups.actions import (
    do_complete_follow_up,
    do_create_follow_up,
    do_create_follow_up_policy,
    do_record_follow_up_attempt,
)
from crisisdesk.followups.models import FollowUp, FollowUpPolicy
from crisisdesk.incidents.models import Incident, IncidentPerson, IncidentPersonRole
from crisisdesk.people.models import Person

PURPOSES = [
    "Care navigation call within 48 hours: check in after the crisis call.",
    "Confirm the intake appointment at the community clinic happened.",
    "Check on sleep and whether the new medication has been picked up.",
    "Follow up on the housing application and the shelter bed.",
    "Ask how things are at home since the family conflict; review the safety plan.",
    "Check whether the food pantry referral worked out.",
    "Second attempt after the field team's visit: see how the week went.",
    "Make sure the peer support group contact was made.",
]
ATTEMPT_NOTES = {
    "no_answer": "Rang out, no voicemail.",
    "left_message": "Left a callback number and the 988 line.",
    "reached": "Spoke briefly; agreed on next steps.",
}

# Hours from now for each planned follow-up: three overdue, two due soon, four later.
DUE_OFFSETS_HOURS = [-30, -7, -2, 2, 5, 20, 30, 52, 96]


def _sources(
    center: Center, clinician: User, rng: random.Random
) -> list[tuple[Person, Incident | None, Encounter | None]]:
    """People to follow up with: the clinician's encounters first (when the care demo ran),
    then people in crisis on recent calls."""
    found: dict[int, tuple[Person, Incident | None, Encounter | None]] = {}
    encounters = (
        Encounter.objects.filter(center=center, clinician=clinician, person__isnull=False)
        .select_related("person", "incident", "center", "clinician")
        .order_by("-started_at")[:30]
    )
    for encounter in encounters:
        if encounter.person is not None:  # always, by the filter; narrows the type
            found.setdefault(encounter.person.pk, (encounter.person, encounter.incident, encounter))
    involvements = (
        IncidentPerson.objects.filter(incident__center=center, role=IncidentPersonRole.SUBJECT)
        .select_related("person", "incident")
        .order_by("-incident__received_at")[:60]
    )
    for involvement in involvements:
        found.setdefault(involvement.person_id, (involvement.person, involvement.incident, None))
    sources = list(found.values())
    rng.shuffle(sources)
    return sources


def _policies(center: Center, supervisor: User | None) -> int:
    if supervisor is None or FollowUpPolicy.objects.filter(center=center).exists():
        return 0
    for name, hours, is_default in [
        ("Care navigation 48 h", 48, True),
        ("Field team follow-up 72 h", 72, False),
        ("Weekly check-in", 168, False),
    ]:
        do_create_follow_up_policy(
            center, name=name, due_within_hours=hours, is_default=is_default, actor=supervisor
        )
    return 3


@transaction.atomic
def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    clinician = users["clinician"]
    supervisor = users.get("supervisor")
    policies = _policies(center, supervisor)
    sources = _sources(center, clinician, rng)
    now = timezone.now()
    follow_ups = attempts = 0

    def attempt(follow_up: FollowUp, hours_ago: float, result: str) -> None:
        nonlocal attempts
        do_record_follow_up_attempt(
            follow_up,
            at=now - timedelta(hours=hours_ago),
            channel=rng.choice(["phone", "phone", "phone", "text"]),
            result=result,
            note=ATTEMPT_NOTES.get(result, ""),
            actor=clinician,
        )
        attempts += 1

    def create(index: int, due_in_hours: float, *, every: int | None = None) -> FollowUp:
        nonlocal follow_ups
        person, incident, encounter = sources[index % len(sources)]
        follow_ups += 1
        return do_create_follow_up(
            center=center,
            assignee=clinician,
            person=person,
            incident=incident,
            encounter=encounter,
            due_at=now + timedelta(hours=due_in_hours),
            purpose=rng.choice(PURPOSES),
            repeat_every_days=every,
            # Cambridge-style weekly check-ins, eight at most.
            repeat_count=8 if every else None,
            actor=clinician,
        )

    if not sources:
        return {"follow_up_policies": policies, "follow_ups": 0, "follow_up_attempts": 0}
    for index, hours in enumerate(DUE_OFFSETS_HOURS):
        follow_up = create(index, hours)
        if hours == -30:
            attempt(follow_up, 26, "no_answer")
            attempt(follow_up, 4, "left_message")
        elif hours in (-2, 20):
            attempt(follow_up, 1, "no_answer")
    create(len(DUE_OFFSETS_HOURS), 72, every=7)
    # Two already done: one reached, one never reached.
    reached = create(len(DUE_OFFSETS_HOURS) + 1, -20)
    attempt(reached, 22, "reached")
    do_complete_follow_up(reached, outcome="reached_stable", actor=clinician)
    unreached = create(len(DUE_OFFSETS_HOURS) + 2, -40)
    for hours_ago in (44, 30, 21):
        attempt(unreached, hours_ago, "no_answer")
    do_complete_follow_up(unreached, outcome="unable_to_reach", actor=clinician)
    return {
        "follow_up_policies": policies,
        "follow_ups": follow_ups,
        "follow_up_attempts": attempts,
    }

"""Demo referrals: about fifteen across every state, one stale, several with warm handoffs.

Written straight to the tables with times spread over the last weeks (the actions stamp "now"),
like the demo city itself: synthetic rows describe no real person, so they get no audit rows of
their own. Run after the care demo when there is one: referrals then link the person's latest
encounter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.models import Encounter
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import IncidentPerson, IncidentPersonRole
from crisisdesk.people.models import Person
from crisisdesk.referrals.lifecycle import TIMESTAMP_FIELDS, DeclinedBy, State
from crisisdesk.referrals.models import (
    HandoffMethod,
    Referral,
    ReferralHandoff,
    ReferralTransition,
    ServiceRef,
    Urgency,
)

SERVICES: tuple[tuple[str, str, str, str], ...] = (
    ("Same-Day Access Clinic", "Riverton Community Mental Health", "555-0110", "400 Elm St"),
    ("Withdrawal Management", "Harbor Recovery Center", "555-0142", "12 Dock St"),
    ("Medication for Opioid Use Disorder", "Harbor Recovery Center", "555-0143", "12 Dock St"),
    ("Emergency Shelter Intake", "Riverton Housing Coalition", "555-0120", "88 Mill Rd"),
    ("Eastside Food Pantry", "Eastside Neighbors", "555-0131", "9 Quarry Ave"),
    ("Eviction Defense Clinic", "Prairie Legal Aid", "555-0155", "210 Court St, Suite 3"),
    ("Veterans Peer Group", "Riverton Vet Center", "555-0166", "3 Armory Ln"),
    ("Outpatient Counseling", "Riverton Family Counseling", "555-0177", "51 Grove St"),
)

# (service index, need)
NEEDS: tuple[tuple[int, str], ...] = (
    (0, "Psychiatric evaluation today; out of medication for three days, not sleeping."),
    (1, "Detox bed: drinking daily, afraid of withdrawal, asked for help on the call."),
    (2, "Buprenorphine intake; wants to start this week, has transport on weekdays."),
    (3, "Shelter tonight: locked out after a fight with the landlord, no family nearby."),
    (4, "Food for a family of four until benefits restart next month."),
    (5, "Eviction notice, court date in nine days; anxious, not answering the door."),
    (6, "Peer support with other veterans; declined therapy but open to a group."),
    (7, "Weekly counseling after the crisis; prefers evening appointments."),
)

# The state each demo referral ends in, and how it got there.
PATHS: tuple[tuple[State, ...], ...] = (
    (State.PROPOSED,),
    (State.PROPOSED,),
    (State.PROPOSED, State.SENT),  # the stale one: sent six days ago, no answer
    (State.PROPOSED, State.SENT),
    (State.PROPOSED, State.SENT),
    (State.PROPOSED, State.SENT, State.ACCEPTED),
    (State.PROPOSED, State.SENT, State.ACCEPTED),
    (State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED),
    (State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED, State.CLOSED),
    (State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED, State.CLOSED),
    (State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED, State.CLOSED),
    (State.PROPOSED, State.DECLINED),
    (State.PROPOSED, State.SENT, State.DECLINED),
    (State.PROPOSED, State.SENT, State.ACCEPTED, State.NO_SHOW),
    (State.PROPOSED, State.SENT, State.UNABLE_TO_REACH),
)

OUTCOMES: dict[State, str] = {
    State.CLOSED: "Attended intake and the first two sessions; the person says it helps.",
    State.DECLINED: "Declined: the person would rather wait until after the holidays.",
    State.NO_SHOW: "Missed the intake appointment; two calls since, no answer.",
    State.UNABLE_TO_REACH: "Three calls and a text over a week, no answer; letter sent.",
}

CONTACTS = ("Dana, intake nurse", "Marcus (shelter intake)", "Dr. Osei", "Ruth, case manager")


@dataclass
class _Clock:
    """The times of one referral's steps, going forward from when it was made."""

    at: datetime
    rng: random.Random

    def step(self, hours: tuple[int, int]) -> datetime:
        self.at += timedelta(hours=self.rng.randint(*hours), minutes=self.rng.randint(0, 59))
        return self.at


def _people(center: Center, rng: random.Random, count: int) -> list[Person]:
    # People who were the subject of a call: the ones a clinician would refer.
    subject_ids = list(
        IncidentPerson.objects.filter(
            incident__center=center, role=IncidentPersonRole.SUBJECT
        ).values_list("person_id", flat=True)[:500]
    )
    ids = sorted(set(subject_ids)) or list(
        Person.objects.filter(center=center).values_list("pk", flat=True)[:500]
    )
    chosen = rng.sample(ids, min(count, len(ids)))
    return list(Person.objects.filter(pk__in=chosen).order_by("pk"))


@transaction.atomic
def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    clinicians = [users[name] for name in ("clinician", "supervisor") if name in users]
    if not clinicians:
        return {"referrals": 0}
    now = timezone.now()
    services = [
        ServiceRef.objects.get_or_create(
            center=center,
            name=name,
            organization=organization,
            external_id="",
            defaults={"phone": phone, "address": f"{address}, Riverton"},
        )[0]
        for name, organization, phone, address in SERVICES
    ]
    people = _people(center, rng, len(PATHS))
    counts = {"services": len(services), "referrals": 0, "transitions": 0, "warm_handoffs": 0}
    for index, (person, path) in enumerate(zip(people, PATHS, strict=False)):
        service_index, need = NEEDS[index % len(NEEDS)]
        made_by = clinicians[0] if index % 4 else clinicians[-1]
        stale = index == 2
        made_at = now - timedelta(days=6, hours=rng.randint(2, 20)) if stale else None
        if made_at is None:
            # Open ones recent enough not to be stale; ended ones spread over three weeks.
            days = rng.randint(0, 1) if path[-1] in (State.PROPOSED, State.SENT) else None
            made_at = now - timedelta(days=days if days is not None else rng.randint(4, 21))
            made_at -= timedelta(hours=rng.randint(1, 10))
        referral, steps = _referral(
            center, person, services[service_index], need, made_by, path, made_at, rng, now
        )
        counts["referrals"] += 1
        counts["transitions"] += steps
        if path[-1] in (State.ACCEPTED, State.CONNECTED, State.CLOSED) and index % 2:
            _handoff(referral, made_by, rng)
            counts["warm_handoffs"] += 1
    return counts


def _referral(
    center: Center,
    person: Person,
    service: ServiceRef,
    need: str,
    made_by: User,
    path: tuple[State, ...],
    made_at: datetime,
    rng: random.Random,
    now: datetime,
) -> tuple[Referral, int]:
    clock = _Clock(made_at, rng)
    times = {State.PROPOSED: made_at}
    for state in path[1:]:
        # Sending is quick; the service answers within days; connecting takes a week or so.
        hours = (1, 6) if state is State.SENT else (12, 60)
        times[state] = min(clock.step(hours), now - timedelta(minutes=5))
    final = path[-1]
    declined_by = ""
    if final is State.DECLINED:
        declined_by = (DeclinedBy.SERVICE if State.SENT in path else DeclinedBy.PERSON).value
    encounter = Encounter.objects.filter(person=person, center=center).order_by("-started_at")
    referral = Referral.objects.create(
        center=center,
        person=person,
        encounter=encounter.first(),
        service=service,
        need=need,
        urgency=rng.choice(Urgency.values),
        made_by=made_by,
        state=final.value,
        state_changed_at=times[final],
        declined_by=declined_by,
        outcome_note=OUTCOMES.get(final, ""),
        **{TIMESTAMP_FIELDS[state]: at for state, at in times.items()},
    )
    ReferralTransition.objects.bulk_create(
        [
            ReferralTransition(
                referral=referral,
                from_state=previous.value if previous else "",
                to_state=state.value,
                declined_by=declined_by if state is State.DECLINED else "",
                at=times[state],
                actor=made_by,
                note=OUTCOMES.get(state, "") if state is final else "",
            )
            for previous, state in zip((None, *path[:-1]), path, strict=True)
        ]
    )
    return referral, len(path)


def _handoff(referral: Referral, by: User, rng: random.Random) -> None:
    at = (referral.sent_at or referral.proposed_at) + timedelta(minutes=rng.randint(2, 40))
    ReferralHandoff.objects.create(
        referral=referral,
        handed_off_at=at,
        handed_off_by=by,
        service_contact=rng.choice(CONTACTS),
        method=rng.choice(HandoffMethod.values),
        state=State.SENT.value,
        note="Introduced the person on a three-way call; intake will call back.",
    )
    Referral.objects.filter(pk=referral.pk).update(warm_handoff=True)

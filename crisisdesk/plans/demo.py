"""Demo response plans: approved plans for the demo city's most frequent callers, and one
submitted plan waiting for the supervisor.

The callers are found the way the list finds them (`detection.grouped`), so the plans land on
the people the demo generator made high utilizers. Plans go through the real actions (drafted
by the clinician, approved by the supervisor), audit rows and queue bumps included. Every word
is synthetic.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.people.models import Person, PersonAddress, PersonPhone
from crisisdesk.plans.actions import (
    PlanContent,
    PlanSubject,
    center_today,
    do_approve_response_plan,
    do_draft_response_plan,
    do_submit_response_plan,
)
from crisisdesk.plans.detection import Sort, grouped
from crisisdesk.plans.rules import SubjectKind, Thresholds

APPROVED_PLANS = 4
SUBMITTED_PLANS = 1

BACKGROUND = (
    "Calls several times a week, most often in the evening. Lives alone since a family "
    "member moved out; diagnosis of schizoaffective disorder per the CRT case manager.",
    "Known to the CRT since last year. Calls when benefits run out at the end of the month; "
    "sleeps outside near the transit center most nights.",
    "Long history of calls about neighbors; anxiety rises at night. Engaged with outpatient "
    "care on and off; the clinician team follows up after each call.",
    "Frequent calls about chest pain that EMS has found to be panic attacks. Has a primary "
    "care doctor and a peer support worker.",
    "Calls when drinking; usually asks for someone to talk to. No violence on record.",
)
TRIGGERS = (
    "Sirens and flashing lights; being told to calm down.",
    "End of the month; being moved on from where they sleep.",
    "Loud neighbors; anniversaries of a bereavement.",
    "Being left on hold; several people talking at once.",
)
WHAT_HELPS = (
    "A calm voice, first name, short sentences. Talking through breathing for a few minutes "
    "usually settles the call.",
    "Offer water and a ride to the day center. Knows and trusts the CRT peer specialist.",
    "Let them explain without interrupting, then agree on one next step for tonight.",
    "Remind them of the coping plan on the fridge; offer a check-in call the next morning.",
)
WHAT_TO_AVOID = (
    "Uniformed police at the door unless there is a safety need: escalates quickly.",
    "Raised voices, touching without asking, talking about hospital first.",
    "Promises the team cannot keep (housing tonight).",
    "Arguing about whether the neighbors are real.",
)
SAFETY_WARNINGS = (
    "Large dog in the yard: ask for it to be put inside.",
    "Has carried a pocket knife in the past (no use on record).",
    "Second-floor apartment, narrow stairs; no elevator.",
    "",
)
CONTACTS = (
    "CRT case manager (weekdays), via the clinician desk.",
    "Sister, listed as emergency contact in the CAD record.",
    "Peer support specialist, Riverton Recovery Center.",
)
# Unhoused callers (no home address): a community team; housed ones: phone first.
RESPONSES_HOUSED = ("phone", "phone", "co_response", "crt")
RESPONSES_UNHOUSED = ("crt", "crt", "phone")


def _content(rng: random.Random, today_offset: int, *, housed: bool, center: Center) -> PlanContent:
    return PlanContent(
        preferred_response=rng.choice(RESPONSES_HOUSED if housed else RESPONSES_UNHOUSED),
        review_date=center_today(center) + timedelta(days=today_offset),
        background=rng.choice(BACKGROUND),
        triggers=rng.choice(TRIGGERS),
        what_helps=rng.choice(WHAT_HELPS),
        what_to_avoid=rng.choice(WHAT_TO_AVOID),
        safety_warnings=rng.choice(SAFETY_WARNINGS),
        contacts=rng.choice(CONTACTS),
    )


def _subject(person: Person) -> tuple[PlanSubject, bool]:
    phone = (
        PersonPhone.objects.filter(person=person).order_by("pk").values_list("number", flat=True)
    ).first()
    home = PersonAddress.objects.filter(person=person, is_current=True).select_related("location")
    address = home.order_by("pk").first()
    location = address.location if address is not None else None
    return PlanSubject(person=person, phone=phone or "", location=location), location is not None


def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    """Plans for the center's most frequent callers; returns how many of each were made."""
    clinician, supervisor = users["clinician"], users["supervisor"]
    rows = grouped(SubjectKind.PERSON, center.pk, Thresholds(), timezone.now(), Sort.COUNT)
    frequent = [row["key"] for row in rows[: APPROVED_PLANS + SUBMITTED_PLANS]]
    people = Person.objects.in_bulk(list(frequent))
    approved = submitted = 0
    for position, person_id in enumerate(frequent):
        subject, housed = _subject(people[person_id])
        # Review dates spread over the next months; the first is due in a week.
        content = _content(
            rng, 7 if position == 0 else rng.randint(45, 180), housed=housed, center=center
        )
        plan = do_draft_response_plan(center, subject=subject, content=content, actor=clinician)
        do_submit_response_plan(plan, actor=clinician)
        if position < APPROVED_PLANS:
            do_approve_response_plan(plan, actor=supervisor)
            approved += 1
        else:
            submitted += 1
    return {"response_plans_approved": approved, "response_plans_submitted": submitted}

"""Records the referral tests build on: people, encounters, services, referrals."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.centers.models import Center
from crisisdesk.people.models import Person
from crisisdesk.referrals.actions import ServiceDetails, do_make_referral, do_move_referral
from crisisdesk.referrals.lifecycle import step_named
from crisisdesk.referrals.models import Referral

HARBOR = ServiceDetails(
    name="Harbor Recovery Center",
    organization="Harbor Health",
    phone="555-0142",
    address="12 Dock St",
)


def make_person(center: Center, given: str = "Jordan", family: str = "Diaz") -> Person:
    return Person.objects.create(center=center, given_name=given, family_name=family)


def make_encounter(
    center: Center, person: Person | None, clinician: User, *, substance_use: bool = False
) -> Encounter:
    now = timezone.now()
    return Encounter.objects.create(
        center=center,
        person=person,
        clinician=clinician,
        started_at=now - timedelta(hours=1),
        ended_at=now - timedelta(minutes=30),
        substance_use=substance_use,
        note_data="Caller reports two days without sleep.",
        status=EncounterStatus.SIGNED,
        signed_at=now - timedelta(minutes=20),
    )


def make_referral(
    person: Person,
    actor: User,
    service: ServiceDetails = HARBOR,
    *,
    need: str = "Detox bed and follow-up counseling.",
    encounter: Encounter | None = None,
) -> Referral:
    return do_make_referral(
        person, service=service, need=need, urgency="soon", encounter=encounter, actor=actor
    )


def move(referral: Referral, actor: User, *codes: str, note: str = "") -> Referral:
    for code in codes:
        step = step_named(code)
        assert step is not None, code
        do_move_referral(referral, step=step, from_state=referral.state, note=note, actor=actor)
    return referral

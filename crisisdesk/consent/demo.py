"""Demo consents and disclosures: a few consents (one revoked, one expired) and what was shared.

Run after the referrals demo (and the care demo, if any): each consent goes to someone referred
to its recipient (with a substance-use encounter, for a substance-use consent) when there is
one. Every demo disclosure is checked by the same
rules as a real one (`rules.decide`), so the demo never shows a disclosure the rules forbid.
Rows are written directly, with times in the past and no audit rows, like the demo city.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.models import Encounter
from crisisdesk.centers.models import Center
from crisisdesk.consent.models import Consent, Disclosure
from crisisdesk.consent.part2 import DisclosableRecord, center_today, disclosable_records
from crisisdesk.consent.rules import (
    REDISCLOSURE_NOTICE,
    SUBSTANCE_USE,
    Basis,
    Recipient,
    decide,
    is_part2,
)
from crisisdesk.people.models import Person
from crisisdesk.referrals.models import Referral


@dataclass(frozen=True)
class DemoConsent:
    recipient: Recipient
    designation: str
    purpose: str
    categories: tuple[str, ...]
    detail: str
    method: str
    signed_days_ago: int
    expires_in_days: int | None
    expiry_event: str = ""
    revoked_days_ago: int | None = None
    shares: tuple[str, ...] = field(default=())  # categories of the records shared under it


CONSENTS: tuple[DemoConsent, ...] = (
    DemoConsent(
        Recipient("Harbor Recovery Center"),
        "my treating providers at Harbor Recovery Center",
        "Admission to withdrawal management and aftercare planning.",
        ("substance_use", "referrals"),
        "The substance-use assessment, current medications and the referral; no other notes.",
        "electronic",
        signed_days_ago=9,
        expires_in_days=180,
        shares=("substance_use", "referrals"),
    ),
    DemoConsent(
        Recipient("Riverton Community Mental Health", "Dr. Amara Osei"),
        "",
        "Continuity of care after the crisis: same-day psychiatric evaluation.",
        ("mental_health", "safety_plans", "referrals"),
        "",
        "wet_scanned",
        signed_days_ago=5,
        expires_in_days=90,
        expiry_event="When I am discharged from RCMH outpatient care",
        shares=("referrals", "mental_health"),
    ),
    DemoConsent(
        Recipient("Riverton Housing Coalition"),
        "",
        "Shelter placement and housing search.",
        ("referrals",),
        "",
        "verbal_witnessed",
        signed_days_ago=14,
        expires_in_days=60,
        revoked_days_ago=3,
        shares=("referrals",),
    ),
    DemoConsent(
        Recipient("Harbor Recovery Center"),
        "",
        "Medication for opioid use disorder intake.",
        ("substance_use",),
        "Dates of contact and the substance-use screening result.",
        "electronic",
        signed_days_ago=200,
        expires_in_days=-20,  # expired twenty days ago
    ),
)


def _person_for(
    center: Center, spec: DemoConsent, used: set[int], rng: random.Random
) -> Person | None:
    """Someone a clinician would ask for this consent: referred to its recipient, and for a
    substance-use consent, with a substance-use encounter; failing that, the nearest fit."""
    part2 = set(
        Encounter.objects.filter(
            center=center, substance_use=True, person__isnull=False
        ).values_list("person_id", flat=True)
    )
    referrals = Referral.objects.filter(center=center)
    to_recipient = set(
        referrals.filter(service__organization=spec.recipient.organization).values_list(
            "person_id", flat=True
        )
    )
    anyone = set(referrals.values_list("person_id", flat=True)) | part2
    if SUBSTANCE_USE in spec.categories:
        pools = [part2 & to_recipient, part2, to_recipient, anyone]
    else:
        pools = [to_recipient - part2, to_recipient, anyone - part2, anyone]
    for pool in pools:
        free = sorted(pool - used)
        if free:
            return Person.objects.get(pk=rng.choice(free))
    return None


def _shareable(person: Person, consent: Consent, spec: DemoConsent) -> list[DisclosableRecord]:
    """The person's records this consent covers; referrals only to its recipient."""
    shares = frozenset(spec.shares)
    found = []
    for record in disclosable_records(person):
        if not (record.required & shares and record.required <= shares):
            continue
        referral = record.record
        if isinstance(referral, Referral) and (
            referral.service.organization != consent.recipient_organization
        ):
            continue
        found.append(record)
    return found


@transaction.atomic
def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    clinician = users.get("clinician") or users.get("supervisor")
    supervisor = users.get("supervisor") or clinician
    if clinician is None or supervisor is None:
        return {"consents": 0, "disclosures": 0}
    now = timezone.now()
    today = center_today(center, now)
    counts = {"consents": 0, "revoked": 0, "expired": 0, "disclosures": 0}
    used: set[int] = set()
    for spec in CONSENTS:
        person = _person_for(center, spec, used, rng)
        if person is None:
            break
        used.add(person.pk)
        consent = _consent(center, person, spec, clinician, supervisor, now)
        counts["consents"] += 1
        counts["revoked"] += consent.revoked_at is not None
        counts["expired"] += bool(consent.expires_on and consent.expires_on < today)
        records = _shareable(person, consent, spec)
        if records:
            counts["disclosures"] += _disclose(consent, records[:2], clinician, rng, now)
    counts["disclosures"] += _emergency(center, clinician, now)
    return counts


def _consent(
    center: Center,
    person: Person,
    spec: DemoConsent,
    clinician: User,
    supervisor: User,
    now: datetime,
) -> Consent:
    signed_at = now - timedelta(days=spec.signed_days_ago, hours=2)
    revoked_at = now - timedelta(days=spec.revoked_days_ago) if spec.revoked_days_ago else None
    verbal = spec.method == "verbal_witnessed"
    return Consent.objects.create(
        center=center,
        person=person,
        discloser=f"{center.name} crisis clinicians",
        recipient_organization=spec.recipient.organization,
        recipient_individual=spec.recipient.individual,
        recipient_general_designation=spec.designation,
        purpose=spec.purpose,
        categories=sorted(spec.categories),
        information_detail=spec.detail,
        expires_on=(
            center_today(center, now) + timedelta(days=spec.expires_in_days)
            if spec.expires_in_days is not None
            else None
        ),
        expiry_event=spec.expiry_event,
        signed_by="person",
        signature_method=spec.method,
        signature_reference="SCAN-" + signed_at.strftime("%Y%m%d")
        if spec.method == "wet_scanned"
        else "",
        signed_at=signed_at,
        witness=supervisor if verbal else None,
        notices_given=True,
        revoked_at=revoked_at,
        revocation_method="verbal" if revoked_at else "",
        revocation_recorded_by=clinician if revoked_at else None,
        created_by=clinician,
    )


def _disclose(
    consent: Consent,
    records: list[DisclosableRecord],
    by: User,
    rng: random.Random,
    now: datetime,
) -> int:
    # Shared a little after signing and after the records existed, before any revocation.
    until = (consent.revoked_at or now) - timedelta(minutes=30)
    records = [record for record in records if record.at < until]
    if not records:
        return 0
    at = consent.signed_at + timedelta(hours=rng.randint(1, 20))
    at = min(max(at, max(record.at for record in records) + timedelta(minutes=30)), until)
    required = frozenset().union(*(record.required for record in records))
    recipient = Recipient(consent.recipient_organization, consent.recipient_individual or "Intake")
    decision = decide(
        required=required,
        recipient=recipient,
        basis=Basis.CONSENT,
        consent=consent.terms(),
        justification="",
        now=at,
        today=center_today(consent.center, at),
    )
    if not decision.allowed:
        return 0
    _create(consent.person, records, recipient, consent.purpose, Basis.CONSENT, consent, "", by, at)
    return 1


def _emergency(center: Center, by: User, now: datetime) -> int:
    """One § 2.51 disclosure: a substance-use encounter to an emergency physician."""
    encounter = (
        Encounter.objects.filter(center=center, substance_use=True, person__isnull=False)
        .select_related("person")
        .first()
    )
    if encounter is None or encounter.person is None:
        return 0
    records = [r for r in disclosable_records(encounter.person) if r.record == encounter]
    if not records:
        return 0
    _create(
        encounter.person,
        records,
        Recipient("Riverton General Hospital ED", "Dr. Lena Park"),
        "Treat a suspected overdose.",
        Basis.MEDICAL_EMERGENCY,
        None,
        "Found unresponsive; the ED physician asked what was taken and current medications.",
        by,
        now - timedelta(days=1, hours=3),
    )
    return 1


def _create(
    person: Person,
    records: list[DisclosableRecord],
    recipient: Recipient,
    purpose: str,
    basis: str,
    consent: Consent | None,
    justification: str,
    by: User,
    at: datetime,
) -> None:
    refs: dict[str, list[int]] = {}
    for record in records:
        refs.setdefault(record.label, []).append(int(record.record.pk))
    required = frozenset().union(*(record.required for record in records))
    Disclosure.objects.create(
        center_id=person.center_id,
        person=person,
        basis=basis,
        consent=consent,
        justification=justification,
        recipient_organization=recipient.organization,
        recipient_individual=recipient.individual,
        purpose=purpose,
        records=refs,
        categories=sorted(required),
        includes_part2=is_part2(required),
        redisclosure_notice=REDISCLOSURE_NOTICE,
        disclosed_by=by,
        disclosed_at=at,
    )

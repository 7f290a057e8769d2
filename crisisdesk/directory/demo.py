"""The demo city's resource directory: about 150 synthetic services across the needs of crisis
work, placed near the city's own addresses, with hours, languages, eligibility, capacity (some of
it stale) and confidential domestic-violence shelters.

Written straight to the HSDS tables with bulk inserts, like the demo city itself: synthetic rows
describe no real provider, so one `directory.demo_seeded` audit row records the counts. The
search index is rebuilt at the end. Everything depends on `rng` only (and "now" for capacity
times), so the same seed gives the same directory.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.directory import models as hsds
from crisisdesk.directory.search_index import refresh_search_index
from crisisdesk.places.models import Location as Place

DEMO_ACTOR = SystemActor("demo")
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"
# Hours patterns: rows of (freq, byday, opens, closes, notes).
HOURS: dict[str, list[tuple[str, str, time, time, str]]] = {
    "always": [("WEEKLY", ALL_DAYS, time(0), time(23, 59), "")],
    "office": [("WEEKLY", WEEKDAYS, time(9), time(17), "")],
    "long": [
        ("WEEKLY", WEEKDAYS, time(8), time(20), ""),
        ("WEEKLY", "SA", time(10), time(14), ""),
    ],
    "night": [("WEEKLY", ALL_DAYS, time(18), time(8), "Open on holidays.")],
    "pantry": [
        ("WEEKLY", "TU,TH", time(10), time(14), ""),
        ("MONTHLY", "1SA", time(9), time(12), ""),
    ],
    "walk_in": [("WEEKLY", "MO,WE,FR", time(13), time(16), "")],
    "evening": [("WEEKLY", "MO,TU,WE,TH", time(17), time(21), "")],
}


@dataclass(frozen=True)
class Kind:
    """One kind of service: how many, what they are called, how they run."""

    code: str
    need: str
    count: int
    names: tuple[str, ...]
    hours: tuple[str, ...]
    unit: str = ""  # capacity counted in beds or slots, or none
    confidential: bool = False
    gender: str = ""
    ages: tuple[float | None, float | None] = (None, None)
    insurance: tuple[str, ...] = ("none-required",)


KINDS: tuple[Kind, ...] = (
    Kind(
        "shelter",
        "Emergency shelter",
        16,
        ("Emergency Shelter", "Night Shelter", "Men's Shelter", "Family Shelter"),
        ("night", "always"),
        "beds",
    ),
    Kind(
        "dv-shelter",
        "Domestic violence shelter",
        6,
        ("Safe Haven Shelter", "Confidential Shelter"),
        ("always",),
        "beds",
        confidential=True,
        gender="female",
    ),
    Kind(
        "youth-shelter",
        "Youth shelter",
        4,
        ("Youth Shelter", "Teen Drop-In and Shelter"),
        ("always", "night"),
        "beds",
        ages=(12, 24),
    ),
    Kind(
        "detox",
        "Detox (withdrawal management)",
        12,
        ("Withdrawal Management", "Detox Unit", "Sobering and Detox Center"),
        ("always", "always", "long"),
        "beds",
        insurance=("medicaid", "uninsured"),
    ),
    Kind(
        "crisis-stabilization",
        "Crisis stabilization",
        8,
        ("Crisis Stabilization Unit", "Crisis Receiving Center"),
        ("always",),
        "beds",
        insurance=("medicaid", "medicare", "private", "uninsured"),
    ),
    Kind(
        "peer-respite",
        "Peer respite",
        6,
        ("Peer Respite House", "Peer-Run Respite"),
        ("always",),
        "beds",
    ),
    Kind(
        "mental-health-clinic",
        "Mental health clinic",
        22,
        (
            "Same-Day Access Clinic",
            "Outpatient Counseling",
            "Community Mental Health Clinic",
            "Psychiatric Walk-In",
        ),
        ("office", "long", "walk_in", "evening"),
        "slots",
        insurance=("medicaid", "medicare", "private", "uninsured"),
    ),
    Kind(
        "mat",
        "Medication for opioid use disorder",
        8,
        ("Medication for Opioid Use Disorder", "Buprenorphine Bridge Clinic"),
        ("office", "long"),
        "slots",
        insurance=("medicaid", "private", "uninsured"),
    ),
    Kind(
        "food",
        "Food",
        20,
        ("Food Pantry", "Community Meals", "Mobile Food Market"),
        ("pantry", "office", "evening"),
    ),
    Kind(
        "legal-aid",
        "Legal aid",
        10,
        ("Legal Aid Clinic", "Benefits Law Project"),
        ("office", "walk_in"),
    ),
    Kind(
        "eviction",
        "Eviction help",
        10,
        ("Eviction Defense Clinic", "Rent Relief Desk", "Tenant Hotline"),
        ("office", "walk_in", "evening"),
    ),
    Kind(
        "housing",
        "Housing navigation",
        8,
        ("Housing Navigation", "Rapid Rehousing Intake"),
        ("office",),
    ),
    Kind(
        "warmline", "Peer warmline", 4, ("Peer Warmline", "Night Warmline"), ("evening", "always")
    ),
    Kind(
        "harm-reduction",
        "Harm reduction",
        6,
        ("Harm Reduction Outreach", "Syringe Services Program"),
        ("walk_in", "long"),
    ),
    Kind(
        "veterans",
        "Veterans services",
        6,
        ("Veterans Peer Group", "Vet Center Counseling"),
        ("office", "evening"),
        insurance=("va", "none-required"),
    ),
)
ORG_WORDS = (
    "Riverton", "Harbor", "Prairie", "Eastside", "Northgate", "Millbrook", "Cedar",
    "Lakeside", "Union", "Hope", "Bridgeway", "Crossroads", "Sunrise", "Open Door",
)  # fmt: skip
ORG_KINDS = ("Health", "Recovery Center", "Community Services", "Alliance", "Coalition", "House")
DESCRIPTIONS = {
    "shelter": "Emergency beds for adults without a place to stay tonight; meals and showers.",
    "dv-shelter": "Safe, confidential shelter for survivors of domestic violence and their "
    "children. Call the intake line; the address is given after screening.",
    "youth-shelter": "Beds, meals and case management for young people, no questions asked.",
    "detox": "Medically monitored detoxification (withdrawal management) for alcohol and "
    "opioids; admission around the clock.",
    "crisis-stabilization": "Short stays for adults in a psychiatric crisis, as an alternative "
    "to the emergency department; walk-in and first responder drop-off.",
    "peer-respite": "A home-like, voluntary stay of up to a week run by people with lived "
    "experience of mental-health crises.",
    "mental-health-clinic": "Behavioral health assessment, counseling and psychiatric "
    "medication; same-day appointments for people in crisis.",
    "mat": "Buprenorphine and methadone treatment for opioid use disorder, same-week starts.",
    "food": "Groceries and hot meals; no proof of income needed.",
    "legal-aid": "Free civil legal help: benefits, protective orders, debt and family law.",
    "eviction": "Help with eviction notices, court dates, rent arrears and landlord mediation.",
    "housing": "Assessment for housing programs, help with applications and deposits.",
    "warmline": "Peer support by phone for anyone who wants to talk, before it is a crisis.",
    "harm-reduction": "Naloxone, test strips, syringe exchange and referrals, without judgment.",
    "veterans": "Counseling and peer groups for veterans and their families.",
}
INSURANCE_NAMES = {
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "private": "Private insurance",
    "uninsured": "Uninsured (sliding scale)",
    "va": "VA",
    "none-required": "No insurance required",
}
LANGUAGES = (
    ("es", "Spanish", 0.4),
    ("vi", "Vietnamese", 0.1),
    ("ase", "American Sign Language", 0.05),
)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class _Rows:
    """Rows to insert, by model, in dependency order."""

    def __init__(self, center: Center, rng: random.Random) -> None:
        self.center, self.rng = center, rng
        self.pending: dict[type[Any], list[Any]] = {}
        self.counts: dict[str, int] = {}

    def add(self, model: type[Any], **fields: Any) -> Any:
        row = model(center=self.center, hsds_id=_id(self.rng), **fields)
        return self.append(row)

    def append(self, row: Any) -> Any:
        self.pending.setdefault(type(row), []).append(row)
        return row

    def flush(self) -> None:
        """Inserts what is pending; rows that later rows point to must be flushed first (bulk
        inserts set their ids on SQLite and PostgreSQL)."""
        for model, rows in self.pending.items():
            model._default_manager.bulk_create(rows, batch_size=500)
            name = f"directory_{model._meta.model_name}"
            self.counts[name] = self.counts.get(name, 0) + len(rows)
        self.pending.clear()


@transaction.atomic
def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    """Creates the directory and rebuilds its search index; returns counts by table."""
    places = list(
        Place.objects.filter(center=center, latitude__isnull=False)
        .exclude(address__contains="/")  # intersections are no street address
        .order_by("pk")[:2000]
    )
    rows = _Rows(center, rng)
    taxonomy = rows.add(hsds.Taxonomy, name="CrisisDesk service categories", version="1")
    eligibility = rows.add(hsds.Taxonomy, name="CrisisDesk eligibility", version="1")
    rows.flush()
    terms = {kind.code: _term(rows, taxonomy, kind.code, kind.need) for kind in KINDS}
    terms["gender:female"] = _term(rows, eligibility, "gender:female", "Women")
    for key, name in INSURANCE_NAMES.items():
        terms[f"insurance:{key}"] = _term(rows, eligibility, f"insurance:{key}", name)
    rows.flush()
    organizations = [
        rows.add(hsds.Organization, name=f"{word} {kind}", description="Synthetic demo provider.")
        for word in ORG_WORDS
        for kind in rng.sample(ORG_KINDS, 3)
    ]
    rows.flush()
    now = timezone.now()
    phone = iter(range(100, 10_000))
    for kind in KINDS:
        for n in range(kind.count):
            _service(rows, kind, n, rng.choice(organizations), places, terms, now, next(phone))
    rows.flush()
    counts = rows.counts
    refresh_search_index(center)
    record_event(
        actor=DEMO_ACTOR,
        center=center,
        event_type="directory.demo_seeded",
        obj=center,
        details={"counts": counts},
    )
    return counts


def _term(rows: _Rows, taxonomy: Any, code: str, name: str) -> Any:
    return rows.add(
        hsds.TaxonomyTerm,
        code=code,
        name=name,
        taxonomy=taxonomy.name,
        taxonomy_detail=taxonomy,
    )


def _service(
    rows: _Rows,
    kind: Kind,
    n: int,
    organization: Any,
    places: list[Place],
    terms: dict[str, Any],
    now: Any,
    number: int,
) -> None:
    rng, center = rows.rng, rows.center
    base = kind.names[n % len(kind.names)]
    name = f"{base} - {organization.name.split()[0]}" if n >= len(kind.names) else base
    service = rows.add(
        hsds.Service,
        organization=organization,
        name=name,
        description=DESCRIPTIONS[kind.code],
        status=hsds.ServiceStatus.ACTIVE,
        minimum_age=kind.ages[0],
        maximum_age=kind.ages[1],
        eligibility_description="Women and their children." if kind.gender else "",
        last_verified_at=now - timedelta(days=rng.randint(1, 90)),
    )
    location = _location(rows, kind, organization, places)
    rows.flush()
    rows.add(hsds.ServiceAtLocation, service=service, location=location)
    digits = f"555-{number:04d}"
    if kind.confidential:
        rows.add(hsds.IntakePoint, service=service, method="phone", phone_number=digits)
        rows.add(hsds.Phone, service=service, number=digits, type="voice", description="Intake")
    else:
        rows.add(hsds.Phone, service=service, number=digits, type="voice")
    rows.add(hsds.Language, service=service, name="English", code="en")
    for code, language, share in LANGUAGES:
        if rng.random() < share:
            rows.add(hsds.Language, service=service, name=language, code=code)
    pattern = kind.hours[n % len(kind.hours)]
    for freq, byday, opens, closes, notes in HOURS[pattern]:
        rows.add(
            hsds.Schedule,
            service=service,
            freq=freq,
            byday=byday,
            opens_at=opens,
            closes_at=closes,
            notes=notes,
        )
    if pattern != "always" and rng.random() < 0.1:
        closed_on = (now + timedelta(days=rng.randint(3, 30))).date()
        rows.add(
            hsds.Schedule,
            service=service,
            valid_from=closed_on,
            valid_to=closed_on,
            description="Closed for staff training.",
        )
    for code in [kind.code, f"gender:{kind.gender}" if kind.gender else ""]:
        if code:
            _link(rows, service, terms[code])
    for key in kind.insurance:
        _link(rows, service, terms[f"insurance:{key}"])
    if kind.unit and rng.random() < 0.8:
        total = rng.randint(4, 40) if kind.unit == "beds" else rng.randint(5, 20)
        available = rng.randint(0, min(total, 6))
        stale = rng.random() < 0.25
        age = (
            timedelta(hours=rng.randint(20, 72))
            if stale
            else timedelta(minutes=rng.randint(5, 300))
        )
        rows.append(
            hsds.Capacity(
                center=center,
                service=service,
                service_at_location=None,
                unit=kind.unit,
                available=available,
                total=total,
                waitlist=rng.randint(0, 5) if available == 0 else 0,
                accepting_referrals=available > 0 or rng.random() < 0.3,
                updated_at=now - age,
                updated_by_label="Demo bed board",
            )
        )


def _link(rows: _Rows, service: Any, term: Any) -> None:
    rows.add(
        hsds.Attribute,
        link_id=service.hsds_id,
        link_entity="service",
        link_type="service_category",
        taxonomy_term=term,
        service=service,
    )


def _location(rows: _Rows, kind: Kind, organization: Any, places: list[Place]) -> Any:
    rng = rows.rng
    place = rng.choice(places) if places else None
    if place is not None and place.latitude is not None and place.longitude is not None:
        lat = float(place.latitude) + rng.uniform(-0.0015, 0.0015)
        lon = float(place.longitude) + rng.uniform(-0.0015, 0.0015)
        street = " ".join(word.capitalize() for word in place.address.lower().split())
        city = place.city or rows.center.name
        region, postal = place.region or "ST", place.postal_code or "00000"
    else:  # a center without geocoded call locations: around Riverton's center
        lat, lon = 38.84 + rng.uniform(-0.03, 0.03), -98.56 + rng.uniform(-0.05, 0.05)
        street, city, region, postal = f"{rng.randint(1, 999)} Main St", "Riverton", "ST", "00101"
    location = rows.add(
        hsds.Location,
        location_type=hsds.LocationType.PHYSICAL,
        organization=organization,
        name=organization.name if not kind.confidential else "Confidential site",
        latitude=round(lat, 6),
        longitude=round(lon, 6),
        confidential=kind.confidential,
    )
    rows.flush()
    rows.add(
        hsds.Address,
        location=location,
        address_1=street,
        city=city,
        state_province=region,
        postal_code=postal,
        country="US",
        address_type=hsds.AddressType.PHYSICAL,
    )
    return location

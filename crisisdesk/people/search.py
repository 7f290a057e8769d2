"""Finding people of one center by name, date of birth, phone and address; read only.

Each criterion reads its own index: name keys on Person (names.py), (center, date_of_birth),
PersonPhone.number, and places.Location (center, match_key). The candidates they return are
scored in Python (matching.rank_search), so a search costs a few indexed queries whatever the
size of the center. Views reach this through `access.search_people`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet

from crisisdesk.people.matching import (
    AddressMatch,
    BirthComparison,
    SearchEvidence,
    compare_birth_dates,
    rank_search,
    swapped_day_and_month,
)
from crisisdesk.people.models import Person, PersonAddress, PersonPhone, normalize_phone
from crisisdesk.people.names import match_name_query, query_lookup
from crisisdesk.people.search_keys import SEARCH_KEYS_VERSION
from crisisdesk.places.models import Location, location_match_key

# Upper bounds on what one criterion may bring back before scoring; far above any real answer
# (a common name in a large city), they keep a pathological query from reading a whole center.
MAX_NAME_CANDIDATES = 3000
MAX_OTHER_CANDIDATES = 1000
MAX_LOCATIONS = 200
RESULT_LIMIT = 50
PERSON_FIELDS = ("id", "center_id", "given_name", "family_name", "date_of_birth")

# Street words as people say and CAD systems write them.
ADDRESS_WORDS = {
    "STREET": "ST",
    "AVENUE": "AVE",
    "ROAD": "RD",
    "DRIVE": "DR",
    "BOULEVARD": "BLVD",
    "LANE": "LN",
    "PLACE": "PL",
    "COURT": "CT",
    "TERRACE": "TER",
    "HIGHWAY": "HWY",
    "PARKWAY": "PKWY",
    "CIRCLE": "CIR",
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "APARTMENT": "APT",
    "SUITE": "STE",
}
SHORT_ADDRESS_WORDS = {short: long for long, short in ADDRESS_WORDS.items()}


@dataclass(frozen=True)
class SearchHit:
    person: Person
    score: float
    reasons: tuple[str, ...]
    address: Location | None = None  # the current address, for telling people apart


def search_center(
    center_id: int,
    *,
    name: str = "",
    date_of_birth: date | None = None,
    phone: str = "",
    address: str = "",
    limit: int = RESULT_LIMIT,
) -> list[SearchHit]:
    """Free text for `name` and `address`; `phone` in any format."""
    phone = normalize_phone(phone) if phone.strip() else ""
    requested = frozenset(
        criterion
        for criterion, given in (
            ("name", name.strip()),
            ("birth", date_of_birth),
            ("phone", phone),
            ("address", address.strip()),
        )
        if given
    )
    if not requested:
        return []
    base = Person.objects.filter(center_id=center_id, merged_into__isnull=True).only(*PERSON_FIELDS)
    people: dict[int, Person] = {}
    if name.strip():
        people.update((person.pk, person) for person in _name_candidates(base, name))
    if date_of_birth is not None:
        births = {date_of_birth}
        swapped = swapped_day_and_month(date_of_birth)
        if swapped is not None:
            births.add(swapped)
        people.update(
            (person.pk, person)
            for person in base.filter(date_of_birth__in=births)[:MAX_OTHER_CANDIDATES]
        )
    phone_ids = _phone_matches(center_id, phone) if phone else set()
    addresses = _address_matches(center_id, address) if address.strip() else {}
    missing = (phone_ids | set(addresses)) - set(people)
    if missing:
        people.update((person.pk, person) for person in base.filter(pk__in=missing))

    hits = []
    for person in people.values():
        evidence = SearchEvidence(requested=requested)
        if name.strip():
            evidence.name = match_name_query(name, person.given_name, person.family_name)
        if date_of_birth is not None:
            evidence.birth = compare_birth_dates(date_of_birth, person.date_of_birth)
            if evidence.birth is BirthComparison.ONE_DIGIT:
                evidence.birth = BirthComparison.DIFFERENT
        evidence.phone = person.pk in phone_ids
        evidence.address = addresses.get(person.pk)
        ranked = rank_search(evidence)
        if ranked is not None:
            hits.append(SearchHit(person, ranked[0], ranked[1]))
    hits.sort(key=lambda hit: (-hit.score, hit.person.family_name, hit.person.given_name))
    return _with_addresses(hits[:limit])


def _name_candidates(base: QuerySet[Person], text: str) -> list[Person]:
    lookup = query_lookup(text)
    conditions = [
        Q(search_given__in=lookup.given),
        Q(search_family__in=lookup.family),
        Q(phonetic_given__in=lookup.given_sounds),
        Q(phonetic_family__in=lookup.family_sounds),
        Q(phonetic_family_alt__in=lookup.family_sounds),
        Q(family_letters__in=lookup.family_letters),
        # Rows inserted without keys (raw imports) until the worker fills them: few, and read
        # whole so that nobody is unfindable in the meantime.
        Q(search_keys_version__lt=SEARCH_KEYS_VERSION),
    ]
    return list(base.filter(reduce(or_, conditions))[:MAX_NAME_CANDIDATES])


def _phone_matches(center_id: int, digits: str) -> set[int]:
    numbers = PersonPhone.objects.filter(
        person__center_id=center_id, person__merged_into__isnull=True
    )
    if len(digits) >= 10:
        # normalize_phone adds the country code to 10 digits; a number typed with another
        # country code still matches on its exact digits.
        numbers = numbers.filter(number=digits)
    else:
        # Seven digits without the area code: the end of the number.
        numbers = numbers.filter(number__endswith=digits)
    return set(numbers.values_list("person_id", flat=True)[:MAX_OTHER_CANDIDATES])


def address_keys(text: str) -> set[str]:
    """The match-key fragments an address may be stored under: as typed, with street words
    shortened (STREET → ST) and lengthened (ST → STREET)."""
    words = location_match_key(text).split()
    if not words:
        return set()
    shortened = [ADDRESS_WORDS.get(word, word) for word in words]
    lengthened = [SHORT_ADDRESS_WORDS.get(word, word) for word in words]
    return {" ".join(words), " ".join(shortened), " ".join(lengthened)}


def _address_matches(center_id: int, text: str) -> dict[int, AddressMatch]:
    keys = address_keys(text)
    if not keys:
        return {}
    matching = reduce(or_, (Q(match_key__contains=key) for key in keys))
    location_ids = list(
        Location.objects.filter(center_id=center_id)
        .filter(matching)
        .values_list("pk", flat=True)[:MAX_LOCATIONS]
    )
    found: dict[int, AddressMatch] = {}
    rows = PersonAddress.objects.filter(
        location_id__in=location_ids, person__merged_into__isnull=True
    ).values_list("person_id", "is_current")
    for person_id, is_current in rows[:MAX_OTHER_CANDIDATES]:
        if is_current or person_id not in found:
            found[person_id] = AddressMatch.CURRENT if is_current else AddressMatch.FORMER
    return found


def _with_addresses(hits: list[SearchHit]) -> list[SearchHit]:
    """Adds each person's current address (one query for all)."""
    if not hits:
        return hits
    current: dict[int, Location] = {}
    rows = (
        PersonAddress.objects.filter(person_id__in=[hit.person.pk for hit in hits], is_current=True)
        .select_related("location")
        .order_by("-pk")
    )
    for row in rows:
        current.setdefault(row.person_id, row.location)
    return [
        SearchHit(hit.person, hit.score, hit.reasons, current.get(hit.person.pk)) for hit in hits
    ]


def audit_details(criteria: list[str], hits: list[SearchHit]) -> dict[str, Any]:
    """What the audit row of a search keeps: which criteria were used and who was shown, never
    the query text or the names found."""
    return {
        "criteria": criteria,
        "results": len(hits),
        "person_ids": [hit.person.pk for hit in hits],
    }

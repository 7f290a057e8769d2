"""Demo duplicates and contacts for the synthetic city, so that the people pages have work.

Among the demo people it adds a few records of the same human as CAD intake produces them every
day: the nickname given on one call (Bill for William), a typo in the family name, the same
phone with a misspelled given name. Each duplicate is linked to incidents of its own; one shares
an incident with its original (same role), which a merge has to set aside and an undo restores.
It also adds contacts: family members and case workers. Every name here is made up.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident, IncidentPerson, IncidentPersonRole
from crisisdesk.people.models import (
    ContactRelation,
    Person,
    PersonContact,
    PersonPhone,
    normalize_phone,
)
from crisisdesk.people.names import fold
from crisisdesk.people.nicknames import NICKNAMES

DEMO = SystemActor("demo")
NICKNAME_PAIRS = 3
TYPO_PAIRS = 3
PHONE_PAIRS = 2
PEOPLE_WITH_CONTACTS = 8

FAMILY_GIVEN_NAMES = ("Ana", "Marcus", "Linda", "Jorge", "Denise", "Tran", "Rosa", "Kevin")
FAMILY_RELATIONS = ("mother", "brother", "sister", "son", "daughter", "husband", "wife")
CASE_WORKERS = ("Dana Whitfield", "Luis Ortega", "Priya Nair", "Tom Becker", "Grace Obi")
ORGANIZATIONS = (
    ("Riverton Community Mental Health", ContactRelation.CASE_WORKER),
    ("County Housing Services", ContactRelation.CASE_WORKER),
    ("Eastside Family Clinic", ContactRelation.PROVIDER),
    ("Harbor Recovery Center", ContactRelation.PROVIDER),
)


def seed_demo(center: Center, rng: random.Random) -> dict[str, int]:
    """Adds duplicate pairs and contacts among the center's people; returns the counts."""
    with transaction.atomic():
        people = list(
            Person.objects.filter(center=center, merged_into__isnull=True)
            .exclude(given_name="")
            .exclude(family_name="")
            .order_by("pk")
        )
        incident_ids = list(
            Incident.objects.filter(center=center)
            .order_by("-received_at")
            .values_list("pk", flat=True)[:300]
        )
        counts = {"duplicate_pairs": 0, "duplicate_incidents": 0, "contacts": 0}
        if len(people) < 20:
            return counts
        rng.shuffle(people)
        used: set[int] = set()

        def take(fits: Callable[[Person], bool]) -> Person | None:
            for person in people:
                if person.pk not in used and fits(person):
                    used.add(person.pk)
                    return person
            return None

        pairs: list[tuple[Person, Person]] = []
        for _ in range(NICKNAME_PAIRS):
            original = take(lambda person: _first_word(person.given_name) in NICKNAMES)
            if original is not None:
                nickname = rng.choice(NICKNAMES[_first_word(original.given_name)].split())
                pairs.append((original, _copy(original, given_name=nickname.title())))
        for _ in range(TYPO_PAIRS):
            original = take(lambda person: len(fold(person.family_name)) >= 5)
            if original is not None:
                typo = _transpose(original.family_name, rng)
                pairs.append((original, _copy(original, family_name=typo)))
        for _ in range(PHONE_PAIRS):
            original = take(lambda person: person.phones.exists() and len(person.given_name) > 3)
            if original is not None:
                given = original.given_name[:-1] if rng.random() < 0.5 else original.given_name
                twin = _copy(original, given_name=given, date_of_birth=None)
                number = original.phones.order_by("pk").values_list("number", flat=True)[0]
                PersonPhone.objects.create(person=twin, number=number)
                pairs.append((original, twin))
        counts["duplicate_pairs"] = len(pairs)
        counts["duplicate_incidents"] = _link_incidents(pairs, incident_ids, rng)
        counts["contacts"] = _add_contacts(
            [person for person in people if person.pk not in used][:PEOPLE_WITH_CONTACTS], rng
        )
        record_event(
            actor=DEMO, center=center, event_type="people.demo_seeded", obj=center, details=counts
        )
        return counts


def _first_word(name: str) -> str:
    words = fold(name).split()
    return words[0] if words else ""


def _copy(original: Person, **changes: object) -> Person:
    fields: dict[str, object] = {
        "center": original.center,
        "given_name": original.given_name,
        "family_name": original.family_name,
        "date_of_birth": original.date_of_birth,
        "preferred_language": original.preferred_language,
    }
    fields.update(changes)
    return Person.objects.create(**fields)


def _transpose(name: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped, as fast typing does (never the first letter)."""
    for _ in range(10):
        index = rng.randrange(1, len(name) - 1)
        swapped = name[:index] + name[index + 1] + name[index] + name[index + 2 :]
        if swapped != name and name[index].isalpha() and name[index + 1].isalpha():
            return swapped
    return name + name[-1]


def _link_incidents(
    pairs: list[tuple[Person, Person]], incident_ids: list[int], rng: random.Random
) -> int:
    links: list[IncidentPerson] = []
    for number, (original, duplicate) in enumerate(pairs):
        for incident_id in rng.sample(incident_ids, k=min(2, len(incident_ids))):
            role = rng.choice([IncidentPersonRole.SUBJECT, IncidentPersonRole.CALLER])
            links.append(IncidentPerson(incident_id=incident_id, person=duplicate, role=role))
        if number == 0:
            # The same person entered twice on one call: a merge sets this row aside.
            shared = (
                IncidentPerson.objects.filter(person=original).values_list("incident_id", "role")
            ).first()
            if shared is not None:
                links.append(
                    IncidentPerson(incident_id=shared[0], person=duplicate, role=shared[1])
                )
    unique = {(link.incident_id, link.person_id, link.role): link for link in links}
    IncidentPerson.objects.bulk_create(list(unique.values()))
    return len(unique)


def _demo_phone(rng: random.Random) -> str:
    # 555-01xx numbers are reserved for fiction.
    return normalize_phone(f"{rng.randint(201, 989)}55501{rng.randint(0, 99):02d}")


def _add_contacts(people: list[Person], rng: random.Random) -> int:
    contacts: list[PersonContact] = []
    for person in people:
        contacts.append(
            PersonContact(
                person=person,
                name=f"{rng.choice(FAMILY_GIVEN_NAMES)} {person.family_name}",
                relation=ContactRelation.FAMILY,
                phones=[_demo_phone(rng)],
                note=f"The person's {rng.choice(FAMILY_RELATIONS)}.",
                may_contact=rng.random() < 0.7,
            )
        )
        if rng.random() < 0.5:
            organization, relation = rng.choice(ORGANIZATIONS)
            contacts.append(
                PersonContact(
                    person=person,
                    name=rng.choice(CASE_WORKERS),
                    relation=relation,
                    organization=organization,
                    phones=[_demo_phone(rng)],
                    may_contact=True,
                )
            )
    PersonContact.objects.bulk_create(contacts)
    return len(contacts)

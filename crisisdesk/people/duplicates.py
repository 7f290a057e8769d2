"""Suggested duplicates: pairs of records that may be one human (read only).

The rule is `matching.assess_pair`: a similar name plus the same date of birth, phone or
address, or a very similar name (a nickname, a typo) with nothing against it. Pairs someone
marked "not the same person" (DuplicateDismissal) are never suggested again.

For one person the candidates come from indexed lookups (name keys, date of birth, phones,
addresses). For the whole center, records are grouped into blocks that share a birth date
(day and month in either order), a phone, an address or name keys, and only pairs within a block
are compared: a few thousand people make a few hundred pairs, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from itertools import combinations
from operator import or_

from django.db.models import Q

from crisisdesk.people.matching import DuplicateAssessment, PersonFacts, assess_pair
from crisisdesk.people.models import DuplicateDismissal, Person, PersonAddress, PersonPhone
from crisisdesk.people.names import query_lookup

MAX_CANDIDATES = 500
# A block this large (a shelter's phone, a common name) says little about any one pair.
MAX_BLOCK = 60
MAX_CENTER_SUGGESTIONS = 200


@dataclass(frozen=True)
class DuplicateSuggestion:
    person: Person
    other: Person
    assessment: DuplicateAssessment


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def dismissed_pairs(center_id: int, person_id: int | None = None) -> set[tuple[int, int]]:
    rows = DuplicateDismissal.objects.filter(center_id=center_id)
    if person_id is not None:
        rows = rows.filter(Q(first_id=person_id) | Q(second_id=person_id))
    return set(rows.values_list("first_id", "second_id"))


def facts_of(people: Iterable[Person]) -> dict[int, PersonFacts]:
    people = list(people)
    ids = [person.pk for person in people]
    phones: dict[int, set[str]] = defaultdict(set)
    for person_id, number in PersonPhone.objects.filter(person_id__in=ids).values_list(
        "person_id", "number"
    ):
        phones[person_id].add(number)
    places: dict[int, set[str]] = defaultdict(set)
    for person_id, key in PersonAddress.objects.filter(person_id__in=ids).values_list(
        "person_id", "location__match_key"
    ):
        places[person_id].add(key)
    return {
        person.pk: PersonFacts(
            id=person.pk,
            given=person.given_name,
            family=person.family_name,
            date_of_birth=person.date_of_birth,
            phones=frozenset(phones[person.pk]),
            places=frozenset(places[person.pk]),
        )
        for person in people
    }


def suggestions_for_person(person: Person) -> list[DuplicateSuggestion]:
    if person.merged_into_id is not None:
        return []
    others = Person.objects.filter(center_id=person.center_id, merged_into__isnull=True).exclude(
        pk=person.pk
    )
    conditions = []
    lookup = query_lookup(f"{person.given_name} {person.family_name}")
    if lookup:
        conditions += [
            Q(search_given__in=lookup.given) & Q(search_family__in=lookup.family),
            Q(search_given__in=lookup.given) & Q(phonetic_family__in=lookup.family_sounds),
            Q(phonetic_given__in=lookup.given_sounds) & Q(search_family__in=lookup.family),
            Q(family_letters__in=lookup.family_letters),
        ]
    if person.date_of_birth is not None:
        conditions.append(Q(date_of_birth__in=_birth_variants(person.date_of_birth)))
    numbers = list(PersonPhone.objects.filter(person=person).values_list("number", flat=True))
    if numbers:
        conditions.append(Q(phones__number__in=numbers))
    places = list(
        PersonAddress.objects.filter(person=person).values_list("location__match_key", flat=True)
    )
    if places:
        conditions.append(Q(addresses__location__match_key__in=places))
    if not conditions:
        return []
    candidates = list(others.filter(reduce(or_, conditions)).distinct()[:MAX_CANDIDATES])
    facts = facts_of([person, *candidates])
    dismissed = dismissed_pairs(person.center_id, person.pk)
    suggestions = []
    for other in candidates:
        if _pair(person.pk, other.pk) in dismissed:
            continue
        assessment = assess_pair(facts[person.pk], facts[other.pk])
        if assessment is not None:
            suggestions.append(DuplicateSuggestion(person, other, assessment))
    suggestions.sort(key=lambda suggestion: (-suggestion.assessment.score, suggestion.other.pk))
    return suggestions


def _birth_variants(born: date) -> list[date]:
    variants = [born]
    if born.day <= 12 and born.day != born.month:
        variants.append(born.replace(month=born.day, day=born.month))
    return variants


def suggestions_for_center(
    center_id: int, limit: int = MAX_CENTER_SUGGESTIONS
) -> list[DuplicateSuggestion]:
    """Three reads of plain values (people, phones, addresses) give the blocks and every fact
    the rule needs; model instances are made only for the suggestions shown."""
    active = Person.objects.filter(center_id=center_id, merged_into__isnull=True)
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    identities: dict[int, tuple[str, str, date | None]] = {}
    rows = active.values_list(
        "pk",
        "given_name",
        "family_name",
        "date_of_birth",
        "search_given",
        "phonetic_family",
        "family_letters",
        "search_family",
    )
    for pk, given_name, family_name, born, given, family_sound, letters, family in rows:
        identities[pk] = (given_name, family_name, born)
        if born is not None:
            # Day and month in either order, so that a swapped date lands in the same block.
            low, high = sorted((born.month, born.day)) if born.day <= 12 else (born.month, born.day)
            blocks[("birth", born.year, low, high)].append(pk)
        if given and family_sound:
            blocks[("sound", given, family_sound)].append(pk)
        if given and letters:
            blocks[("letters", given, letters)].append(pk)
        if family:
            blocks[("family", family, (given or "")[:1])].append(pk)
    phones: dict[int, set[str]] = defaultdict(set)
    for number, pk in PersonPhone.objects.filter(
        person__center_id=center_id, person__merged_into__isnull=True
    ).values_list("number", "person_id"):
        phones[pk].add(number)
        blocks[("phone", number)].append(pk)
    places: dict[int, set[str]] = defaultdict(set)
    for key, pk in PersonAddress.objects.filter(
        person__center_id=center_id, person__merged_into__isnull=True
    ).values_list("location__match_key", "person_id"):
        places[pk].add(key)
        blocks[("place", key)].append(pk)

    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        unique = sorted(set(members))
        if 1 < len(unique) <= MAX_BLOCK:
            pairs.update(combinations(unique, 2))
    pairs -= dismissed_pairs(center_id)

    facts: dict[int, PersonFacts] = {}

    def facts_for(pk: int) -> PersonFacts:
        if pk not in facts:
            given_name, family_name, born = identities[pk]
            facts[pk] = PersonFacts(
                pk, given_name, family_name, born, frozenset(phones[pk]), frozenset(places[pk])
            )
        return facts[pk]

    found = []
    for first, second in pairs:
        assessment = assess_pair(facts_for(first), facts_for(second))
        if assessment is not None:
            found.append((first, second, assessment))
    found.sort(key=lambda item: (-item[2].score, item[0], item[1]))
    found = found[:limit]
    shown = {pk for first, second, _ in found for pk in (first, second)}
    people = {person.pk: person for person in active.filter(pk__in=shown)}
    return [
        DuplicateSuggestion(people[first], people[second], assessment)
        for first, second, assessment in found
    ]

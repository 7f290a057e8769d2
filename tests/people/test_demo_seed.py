"""The demo's people: search keys on load, and the duplicates and contacts `seed_demo` adds."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.demo.city import City, generate_city
from crisisdesk.demo.load import load_city
from crisisdesk.people.access import search_people
from crisisdesk.people.demo import seed_demo
from crisisdesk.people.duplicates import suggestions_for_center
from crisisdesk.people.models import Person, PersonContact
from crisisdesk.people.search_keys import SEARCH_KEYS_VERSION, person_search_fields
from tests.conftest import Personas

ANCHOR = datetime(2026, 3, 14, 17, 42, tzinfo=UTC)


@pytest.fixture(scope="module")
def small_city() -> City:
    return generate_city(2026, ANCHOR, scale=0.05)


@pytest.mark.django_db
def test_the_demo_loader_stores_search_keys_with_every_person(small_city: City) -> None:
    center = load_city(small_city)
    people = Person.objects.filter(center=center)
    assert not people.filter(search_keys_version__lt=SEARCH_KEYS_VERSION).exists()
    sample = people.order_by("pk").first()
    assert sample is not None
    assert (
        sample.search_family
        == person_search_fields(sample.given_name, sample.family_name)["search_family"]
    )


@pytest.mark.django_db
def test_seed_demo_adds_duplicates_the_suggestions_find_and_contacts(small_city: City) -> None:
    center = load_city(small_city)
    before = {(s.person.pk, s.other.pk) for s in suggestions_for_center(center.pk)}
    counts = seed_demo(center, random.Random(2026))
    assert counts["duplicate_pairs"] == 8
    assert counts["contacts"] >= 8
    assert counts["duplicate_incidents"] >= 16
    assert PersonContact.objects.filter(person__center=center).count() == counts["contacts"]
    after = {(s.person.pk, s.other.pk) for s in suggestions_for_center(center.pk)}
    new_pairs = after - before
    assert len(new_pairs) >= counts["duplicate_pairs"]
    kinds = {s.assessment.kind for s in suggestions_for_center(center.pk)}
    assert {"birth", "phone"} <= kinds
    event = AuditEvent.objects.get(event_type="people.demo_seeded")
    assert event.details == counts


def test_seed_demo_leaves_a_nearly_empty_center_alone(personas: Personas) -> None:
    assert seed_demo(personas.metro, random.Random(1)) == {
        "duplicate_pairs": 0,
        "duplicate_incidents": 0,
        "contacts": 0,
    }
    assert search_people(personas.clinician, name="anyone") == []

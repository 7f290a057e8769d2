"""Search keys on Person: computed on save, by the migration's backfill and by the worker."""

from __future__ import annotations

import importlib

from django.apps import apps

from crisisdesk.audit.models import AuditEvent
from crisisdesk.core.fast_insert import insert
from crisisdesk.core.jobs import JOBS
from crisisdesk.people.access import search_people
from crisisdesk.people.jobs import fill_person_search_keys
from crisisdesk.people.models import Person
from crisisdesk.people.search_keys import (
    SEARCH_KEY_FIELDS,
    SEARCH_KEYS_VERSION,
    person_search_fields,
)
from tests.conftest import Personas
from tests.people.helpers import make_person

backfill = importlib.import_module("crisisdesk.people.migrations.0003_backfill_person_search_keys")


def keys_of(person: Person) -> dict[str, object]:
    person.refresh_from_db()
    return {field: getattr(person, field) for field in SEARCH_KEY_FIELDS}


def raw_insert(personas: Personas, given: str, family: str) -> Person:
    """As CAD intake does it: a plain INSERT that never calls save()."""
    person = Person(center=personas.metro, given_name=given, family_name=family)
    insert(person)
    return person


def test_saving_a_person_computes_the_keys(personas: Personas) -> None:
    person = make_person(personas.metro, "Bill", "García-López")
    assert keys_of(person) == person_search_fields("Bill", "García-López")
    assert person.search_given == "william"
    assert person.search_keys_version == SEARCH_KEYS_VERSION


def test_renaming_with_update_fields_refreshes_the_keys(personas: Personas) -> None:
    person = make_person(personas.metro, "John", "Smith")
    person.family_name = "Jones"
    person.save(update_fields=["family_name"])
    assert keys_of(person)["search_family"] == "jones"


def test_a_raw_insert_has_no_keys_but_is_still_found(personas: Personas) -> None:
    person = raw_insert(personas, "Jonathan", "Quist")
    assert keys_of(person)["search_keys_version"] == 0
    hits = search_people(personas.clinician, name="Jonathon Quist")
    assert [hit.person.pk for hit in hits] == [person.pk]


def test_the_worker_job_fills_missing_keys_and_audits_the_count(personas: Personas) -> None:
    first = raw_insert(personas, "Katie", "Ng")
    second = raw_insert(personas, "Bob", "Stone")
    make_person(personas.metro, "Already", "Keyed")
    job = next(job for job in JOBS if job.name == "fill_person_search_keys")
    assert job.run() == 2
    assert keys_of(first) == person_search_fields("Katie", "Ng")
    assert keys_of(second)["search_given"] == "robert"
    event = AuditEvent.objects.get(event_type="person.search_keys_filled")
    assert event.details == {"count": 2, "first_id": first.pk, "last_id": second.pk}
    # Nothing left: the next run writes nothing, not even an audit row.
    assert fill_person_search_keys() == 0
    assert AuditEvent.objects.filter(event_type="person.search_keys_filled").count() == 1


def test_the_job_works_through_a_large_import_in_batches(personas: Personas) -> None:
    Person.objects.bulk_create(
        Person(center=personas.metro, given_name=f"Given{n}", family_name="Batch")
        for n in range(1200)
    )
    assert fill_person_search_keys() == 1200
    assert not Person.objects.filter(search_keys_version=0).exists()
    assert AuditEvent.objects.filter(event_type="person.search_keys_filled").count() == 3


def test_the_migration_backfill_fills_stale_rows_and_can_run_again(personas: Personas) -> None:
    stale = raw_insert(personas, "Peggy", "Olson")
    old_version = make_person(personas.metro, "Chuck", "Berry")
    Person.objects.filter(pk=old_version.pk).update(search_keys_version=0, search_given="")
    backfill.backfill_search_keys(apps, None)
    assert keys_of(stale) == person_search_fields("Peggy", "Olson")
    assert keys_of(old_version)["search_given"] == "charles"
    backfill.backfill_search_keys(apps, None)  # rerunnable: nothing left, nothing breaks
    assert keys_of(stale) == person_search_fields("Peggy", "Olson")

"""Merging two records of one human, and undoing it (the actions)."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import models

from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.models import IncidentEvent, IncidentPerson
from crisisdesk.people.actions import (
    ContactDetails,
    PersonRefused,
    _has_dependents,
    do_add_person_contact,
    do_merge_people,
    do_undo_person_merge,
)
from crisisdesk.people.models import (
    Person,
    PersonAddress,
    PersonAlias,
    PersonContact,
    PersonMerge,
    PersonPhone,
)
from crisisdesk.people.references import person_references
from tests.conftest import Personas, make_incident
from tests.people.helpers import involve, make_person

BORN = date(1980, 3, 14)


@pytest.fixture
def pair(personas: Personas) -> tuple[Person, Person]:
    """William Smith (to keep) and Bill Smith (to merge), each with a history of their own."""
    william = make_person(
        personas.metro, "William", "Smith", BORN, phones=("5551110000",), address="1 Oak St"
    )
    bill = make_person(
        personas.metro, "Bill", "Smith", None, phones=("5552220000",), address="2 Elm St",
        language="en",
    )  # fmt: skip
    involve(william, make_incident(personas.metro, "MET-W1"))
    involve(bill, make_incident(personas.metro, "MET-B1"))
    involve(bill, make_incident(personas.metro, "MET-B2"), "caller")
    PersonAlias.objects.create(person=bill, name="Billy the Kid")
    do_add_person_contact(
        bill, details=ContactDetails(name="Rosa Smith", relation="family"), actor=personas.clinician
    )
    return william, bill


def incident_numbers(person: Person) -> set[str]:
    return set(
        IncidentPerson.objects.filter(person=person).values_list("incident__external_id", flat=True)
    )


def test_a_merge_moves_every_reference_to_the_survivor(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    do_merge_people(survivor=william, merged=bill, reason="Same DOB", actor=personas.clinician)
    assert incident_numbers(william) == {"MET-W1", "MET-B1", "MET-B2"}
    assert incident_numbers(bill) == set()
    assert set(PersonPhone.objects.filter(person=william).values_list("number", flat=True)) == {
        "15551110000",
        "15552220000",
    }
    assert PersonAddress.objects.filter(person=william).count() == 2
    assert PersonContact.objects.get().person == william
    assert "Billy the Kid" in set(william.aliases.values_list("name", flat=True))
    for reference in person_references():
        manager = reference.model._base_manager
        assert not manager.filter(**{reference.field.attname: bill.pk}).exists(), reference.label


def test_the_merged_record_is_kept_and_marked(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    bill.refresh_from_db()
    assert bill.merged_into == william
    assert bill.merged_at == merge.merged_at
    assert (bill.given_name, bill.family_name) == ("Bill", "Smith")  # untouched


def test_the_merge_record_keeps_who_when_why_and_exactly_what_moved(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    moved_incidents = sorted(
        IncidentPerson.objects.filter(person=bill).values_list("pk", flat=True)
    )
    merge = do_merge_people(
        survivor=william, merged=bill, reason="Same person, confirmed", actor=personas.clinician
    )
    merge.refresh_from_db()
    assert (merge.survivor, merge.merged, merge.merged_by) == (william, bill, personas.clinician)
    assert merge.reason == "Same person, confirmed"
    assert merge.center == personas.metro
    assert merge.moved["incidents.IncidentPerson"] == {"person": moved_incidents}
    assert set(merge.moved) == {
        "incidents.IncidentPerson",
        "people.PersonAddress",
        "people.PersonAlias",
        "people.PersonContact",
        "people.PersonPhone",
    }
    assert merge.moved_count() == 2 + 1 + 1 + 1 + 1
    assert merge.differences == {"given_name": {"kept": "William", "merged": "Bill"}}
    assert merge.filled == {"preferred_language": "en"}
    assert merge.set_aside == []


def test_blanks_of_the_survivor_are_filled_and_undo_empties_them_again(
    personas: Personas,
) -> None:
    keep = make_person(personas.metro, "Ana", "Ruiz")
    other = make_person(personas.metro, "Ana", "Ruiz", BORN, language="es")
    merge = do_merge_people(survivor=keep, merged=other, reason="x", actor=personas.clinician)
    keep.refresh_from_db()
    assert (keep.date_of_birth, keep.preferred_language) == (BORN, "es")
    assert merge.filled == {"date_of_birth": "1980-03-14", "preferred_language": "es"}
    # Someone corrects the language after the merge: undo leaves the correction alone.
    Person.objects.filter(pk=keep.pk).update(preferred_language="pt")
    do_undo_person_merge(merge, actor=personas.clinician)
    keep.refresh_from_db()
    assert keep.date_of_birth is None
    assert keep.preferred_language == "pt"


def test_the_merged_name_becomes_an_alias_and_undo_removes_it(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    assert merge.added_alias is not None and merge.added_alias.name == "Bill Smith"
    do_undo_person_merge(merge, actor=personas.clinician)
    assert not PersonAlias.objects.filter(name="Bill Smith").exists()
    assert PersonAlias.objects.get(name="Billy the Kid").person == bill


def test_undo_moves_everything_back_and_restores_the_record(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    before = {
        reference.label: sorted(
            reference.model._base_manager.filter(**{reference.field.attname: bill.pk}).values_list(
                "pk", flat=True
            )
        )
        for reference in person_references()
    }
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    do_undo_person_merge(merge, actor=personas.supervisor)
    after = {
        reference.label: sorted(
            reference.model._base_manager.filter(**{reference.field.attname: bill.pk}).values_list(
                "pk", flat=True
            )
        )
        for reference in person_references()
    }
    assert after == before
    assert incident_numbers(william) == {"MET-W1"}
    bill.refresh_from_db()
    assert bill.merged_into is None and bill.merged_at is None
    merge.refresh_from_db()
    assert merge.undone_by == personas.supervisor and merge.undone_at is not None


def test_a_row_the_survivor_already_has_is_set_aside_and_restored_by_undo(
    personas: Personas,
) -> None:
    keep = make_person(personas.metro, "John", "Smith", BORN)
    other = make_person(personas.metro, "Jon", "Smith", BORN)
    shared = make_incident(personas.metro, "MET-SHARED")
    involve(keep, shared, "subject")
    duplicate_row = IncidentPerson.objects.create(
        incident=shared, person=other, role="subject", source_ref="cad-person-7"
    )
    involve(other, shared, "caller")  # a different role moves normally
    merge = do_merge_people(survivor=keep, merged=other, reason="x", actor=personas.clinician)
    assert IncidentPerson.objects.filter(incident=shared, person=keep).count() == 2
    assert not IncidentPerson.objects.filter(pk=duplicate_row.pk).exists()
    assert len(merge.set_aside) == 1
    kept = merge.set_aside[0]
    assert (kept["model"], kept["field"], kept["pk"]) == (
        "incidents.IncidentPerson",
        "person",
        duplicate_row.pk,
    )
    assert kept["row"]["fields"]["source_ref"] == "cad-person-7"

    do_undo_person_merge(merge, actor=personas.clinician)
    restored = IncidentPerson.objects.get(pk=duplicate_row.pk)
    assert (restored.person, restored.role, restored.source_ref) == (
        other,
        "subject",
        "cad-person-7",
    )
    assert IncidentPerson.objects.filter(incident=shared, person=keep).count() == 1
    assert IncidentPerson.objects.filter(incident=shared, person=other).count() == 2


def test_a_row_with_records_of_its_own_is_never_set_aside_silently(personas: Personas) -> None:
    incident = make_incident(personas.metro, "MET-DEP")
    person = make_person(personas.metro, "Ana", "Ruiz")
    row = involve(person, incident)
    assert not _has_dependents(row)
    assert IncidentEvent.objects.filter(incident=incident).exists()
    assert _has_dependents(incident)  # deleting it would take its timeline along


def test_rows_added_to_the_survivor_after_the_merge_stay_with_it_on_undo(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    later = involve(william, make_incident(personas.metro, "MET-LATER"))
    do_undo_person_merge(merge, actor=personas.clinician)
    later.refresh_from_db()
    assert later.person == william


def test_every_foreign_key_to_person_in_the_project_is_covered() -> None:
    expected = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is Person:
                expected.add((model._meta.label, field.name))
    bookkeeping = {
        ("people.Person", "merged_into"),
        ("people.PersonMerge", "survivor"),
        ("people.PersonMerge", "merged"),
        ("people.DuplicateDismissal", "first"),
        ("people.DuplicateDismissal", "second"),
    }
    covered = {(reference.label, reference.field.name) for reference in person_references()}
    assert covered == expected - bookkeeping
    assert ("incidents.IncidentPerson", "person") in covered
    unique = {reference.label for reference in person_references() if reference.unique}
    assert "incidents.IncidentPerson" in unique
    assert "people.PersonPhone" not in unique


def test_records_of_different_centers_cannot_be_merged(personas: Personas) -> None:
    mine = make_person(personas.metro, "John", "Smith")
    theirs = make_person(personas.northfield, "John", "Smith")
    with pytest.raises(PersonRefused, match="different centers"):
        do_merge_people(survivor=mine, merged=theirs, reason="x", actor=personas.clinician)
    other_center = make_person(personas.northfield, "Jon", "Smith")
    with pytest.raises(PersonRefused, match="your own center"):
        do_merge_people(survivor=theirs, merged=other_center, reason="x", actor=personas.clinician)
    assert not PersonMerge.objects.exists()


def test_a_record_is_merged_once_and_never_into_itself_or_a_merged_one(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    third = make_person(personas.metro, "Will", "Smith")
    with pytest.raises(PersonRefused, match="into itself"):
        do_merge_people(survivor=william, merged=william, reason="x", actor=personas.clinician)
    do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    with pytest.raises(PersonRefused, match="already merged"):
        do_merge_people(survivor=third, merged=bill, reason="x", actor=personas.clinician)
    with pytest.raises(PersonRefused, match="merge into that one instead"):
        do_merge_people(survivor=bill, merged=third, reason="x", actor=personas.clinician)


def test_undo_after_the_survivor_was_merged_again_is_refused_until_that_is_undone(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    final = make_person(personas.metro, "Will", "Smith", BORN)
    first = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    second = do_merge_people(survivor=final, merged=william, reason="y", actor=personas.clinician)
    assert incident_numbers(final) == {"MET-W1", "MET-B1", "MET-B2"}
    with pytest.raises(PersonRefused, match=f"merged into record #{final.pk}.*Undo that merge"):
        do_undo_person_merge(first, actor=personas.clinician)
    assert incident_numbers(final) == {"MET-W1", "MET-B1", "MET-B2"}  # nothing moved

    do_undo_person_merge(second, actor=personas.clinician)
    do_undo_person_merge(first, actor=personas.clinician)
    assert incident_numbers(william) == {"MET-W1"}
    assert incident_numbers(bill) == {"MET-B1", "MET-B2"}
    assert incident_numbers(final) == set()


def test_a_second_merge_into_the_same_survivor_is_undone_on_its_own(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    billy = make_person(personas.metro, "Billy", "Smith")
    involve(billy, make_incident(personas.metro, "MET-Y1"))
    first = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    do_merge_people(survivor=william, merged=billy, reason="x", actor=personas.clinician)
    do_undo_person_merge(first, actor=personas.clinician)
    assert incident_numbers(william) == {"MET-W1", "MET-Y1"}
    assert incident_numbers(bill) == {"MET-B1", "MET-B2"}


def test_an_undone_merge_cannot_be_undone_again(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    do_undo_person_merge(merge, actor=personas.clinician)
    with pytest.raises(PersonRefused, match="already undone"):
        do_undo_person_merge(merge, actor=personas.clinician)


def test_the_same_records_can_be_merged_again_after_an_undo(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    do_undo_person_merge(merge, actor=personas.clinician)
    again = do_merge_people(survivor=bill, merged=william, reason="y", actor=personas.clinician)
    assert incident_numbers(bill) == {"MET-W1", "MET-B1", "MET-B2"}
    assert again.pk != merge.pk


def test_merge_and_undo_are_audited_without_names_or_reasons(
    personas: Personas, pair: tuple[Person, Person]
) -> None:
    william, bill = pair
    merge = do_merge_people(
        survivor=william, merged=bill, reason="Sister confirmed", actor=personas.clinician
    )
    merged = AuditEvent.objects.get(event_type="person.merged")
    assert merged.object_type == "people.personmerge" and merged.object_id == str(merge.pk)
    assert merged.details["survivor_id"] == william.pk
    assert merged.details["merged_id"] == bill.pk
    assert merged.details["moved"]["incidents.IncidentPerson"] == 2
    assert merged.details["differing_fields"] == ["given_name"]
    assert merged.details["has_reason"] is True
    do_undo_person_merge(merge, actor=personas.clinician)
    undone = AuditEvent.objects.get(event_type="person.merge_undone")
    assert undone.details["moved_back"] == merge.moved_count()
    for event in (merged, undone):
        text = str(event.details)
        assert "Smith" not in text and "Bill" not in text and "Sister" not in text

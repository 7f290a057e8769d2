"""Suggested duplicates: for one person, for the whole center, and "not the same person"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.people.actions import PersonRefused, do_dismiss_duplicate
from crisisdesk.people.duplicates import suggestions_for_center, suggestions_for_person
from crisisdesk.people.models import DuplicateDismissal, Person
from tests.conftest import Personas
from tests.people.helpers import make_person, word

ClientFor = Callable[[User], Client]
BORN = date(1980, 3, 14)


def others(person: Person) -> list[int]:
    return [suggestion.other.pk for suggestion in suggestions_for_person(person)]


def pairs(personas: Personas) -> set[tuple[int, int]]:
    return {
        tuple(sorted((suggestion.person.pk, suggestion.other.pk)))  # type: ignore[misc]
        for suggestion in suggestions_for_center(personas.metro.pk)
    }


def test_same_date_of_birth_and_a_similar_name_is_suggested(personas: Personas) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smiht", BORN)
    make_person(personas.metro, "Mary", "Jones", BORN)  # same birthday, another person
    suggestions = suggestions_for_person(john)
    assert [suggestion.other.pk for suggestion in suggestions] == [jon.pk]
    assert "same date of birth" in suggestions[0].assessment.reasons


def test_same_phone_and_a_similar_name_is_suggested(personas: Personas) -> None:
    maria = make_person(personas.metro, "Maria", "Lopez", phones=("5551234567",))
    mari = make_person(personas.metro, "Mari", "Lopez", phones=("(555) 123-4567",))
    make_person(personas.metro, "Pedro", "Alvarez", phones=("5551234567",))
    assert others(maria) == [mari.pk]
    assert "same phone number" in suggestions_for_person(maria)[0].assessment.reasons


def test_same_address_and_a_similar_name_is_suggested(personas: Personas) -> None:
    peter = make_person(personas.metro, "Peter", "Olsen", address="12 Oak St")
    pete = make_person(personas.metro, "Pete", "Olsen", address="12 OAK ST")  # another Location
    assert others(peter) == [pete.pk]
    assert "same address" in suggestions_for_person(peter)[0].assessment.reasons


def test_a_nickname_is_suggested_even_without_other_evidence(personas: Personas) -> None:
    william = make_person(personas.metro, "William", "Turner", BORN)
    bill = make_person(personas.metro, "Bill", "Turner")
    assert others(william) == [bill.pk]
    assert "Bill is a nickname of William" in suggestions_for_person(william)[0].assessment.reasons


def test_a_father_and_son_of_the_same_name_are_not_suggested(personas: Personas) -> None:
    father = make_person(
        personas.metro, "John", "Smith", date(1950, 1, 9), phones=("5551234567",), address="1 Oak"
    )
    make_person(
        personas.metro, "John", "Smith", date(1979, 6, 20), phones=("5551234567",), address="1 Oak"
    )
    assert others(father) == []
    assert pairs(personas) == set()


def test_merged_away_and_other_center_records_are_never_suggested(personas: Personas) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    merged = make_person(personas.metro, "John", "Smith", BORN)
    Person.objects.filter(pk=merged.pk).update(merged_into=john)
    make_person(personas.northfield, "John", "Smith", BORN)
    assert others(john) == []
    merged.refresh_from_db()
    assert suggestions_for_person(merged) == []


def test_the_center_list_finds_each_kind_of_pair_once(personas: Personas) -> None:
    a = make_person(personas.metro, "John", "Smith", BORN)
    b = make_person(personas.metro, "Jonh", "Smith", BORN)
    c = make_person(personas.metro, "Maria", "Lopez", phones=("5551234567",))
    d = make_person(personas.metro, "Mari", "Lopez", phones=("5551234567",))
    e = make_person(personas.metro, "Katherine", "Olsen")
    f = make_person(personas.metro, "Katie", "Olsen")
    g = make_person(personas.metro, "Ana", "Ruiz", date(1990, 4, 3))
    h = make_person(personas.metro, "Ana", "Ruiz", date(1990, 3, 4))  # day and month swapped
    make_person(personas.metro, "Unrelated", "Person", BORN)
    assert pairs(personas) == {(a.pk, b.pk), (c.pk, d.pk), (e.pk, f.pk), (g.pk, h.pk)}


def test_the_center_list_reads_a_few_queries_whatever_its_size(personas: Personas) -> None:
    for n in range(40):
        make_person(personas.metro, word(n, "giv"), word(n, "fam"), date(1970, 1, 1 + n % 28))
    make_person(personas.metro, "John", "Smith", BORN)
    make_person(personas.metro, "Jon", "Smith", BORN)
    with CaptureQueriesContext(connection) as queries:
        assert len(suggestions_for_center(personas.metro.pk)) == 1
    assert len(queries) <= 7


def test_a_dismissed_pair_is_not_suggested_again(personas: Personas) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smith", BORN)
    dismissal = do_dismiss_duplicate(jon, john, actor=personas.clinician)
    assert (dismissal.first_id, dismissal.second_id) == (john.pk, jon.pk)
    assert others(john) == [] and others(jon) == []
    assert pairs(personas) == set()
    # Dismissing again changes nothing and writes no second audit row
    do_dismiss_duplicate(john, jon, actor=personas.supervisor)
    assert DuplicateDismissal.objects.count() == 1
    event = AuditEvent.objects.get(event_type="person.duplicate_dismissed")
    assert event.details == {"first_id": john.pk, "second_id": jon.pk}


def test_dismissing_needs_two_records_of_ones_own_center(personas: Personas) -> None:
    john = make_person(personas.metro, "John", "Smith")
    theirs = make_person(personas.northfield, "John", "Smith")
    with pytest.raises(PersonRefused):
        do_dismiss_duplicate(john, john, actor=personas.clinician)
    with pytest.raises(PersonRefused):
        do_dismiss_duplicate(john, theirs, actor=personas.clinician)


def test_the_possible_duplicates_page_lists_pairs_with_reasons(
    personas: Personas, client_for: ClientFor
) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smith", BORN)
    body = client_for(personas.supervisor).get("/people/duplicates/").content.decode()
    assert "1 pair" in body
    assert f"/people/{john.pk}/merge/{jon.pk}/" in body
    assert "same date of birth" in body
    assert "Jon is a nickname of John" in body


def test_not_the_same_person_from_the_page_is_remembered(
    personas: Personas, client_for: ClientFor
) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smith", BORN)
    client = client_for(personas.clinician)
    response = client.post(
        f"/people/{john.pk}/not-duplicate/{jon.pk}/", {"next": "/people/duplicates/"}
    )
    assert response["Location"] == "/people/duplicates/"
    assert "No possible duplicates right now." in client.get("/people/duplicates/").content.decode()
    assert "Compare and merge" not in client.get(f"/people/{john.pk}/").content.decode()


def test_dismissing_never_redirects_off_site(personas: Personas, client_for: ClientFor) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smith", BORN)
    response = client_for(personas.clinician).post(
        f"/people/{john.pk}/not-duplicate/{jon.pk}/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/people/{john.pk}/"

"""The search page: /people/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from tests.conftest import Personas
from tests.people.helpers import make_person

ClientFor = Callable[[User], Client]


def test_the_page_opens_empty_with_a_hint(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.call_taker).get("/people/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Find a person" in body
    assert "results list the reasons they match" in body
    assert not AuditEvent.objects.filter(event_type="person.searched").exists()


def test_results_link_to_the_person_with_reasons(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro, "William", "Turner", date(1980, 3, 14))
    body = client_for(personas.call_taker).get("/people/", {"name": "Bill Turnr"}).content.decode()
    assert f'href="/people/{person.pk}/"' in body
    assert "Bill is a nickname of William" in body
    assert "family name spelled alike (Turnr, Turner)" in body
    assert "1 person found" in body
    assert "03/14/1980" in body


def test_every_criterion_is_read_from_what_people_type(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(
        personas.metro,
        "Ana",
        "Ruiz",
        date(1990, 4, 3),
        phones=("555 201 7788",),
        address="7 Elm St",
    )
    client = client_for(personas.clinician)
    for params in (
        {"date_of_birth": "April 3, 1990"},
        {"date_of_birth": "4/3/90"},
        {"phone": "+1 (555) 201-7788"},
        {"address": "7 elm street"},
    ):
        body = client.get("/people/", params).content.decode()
        assert f'href="/people/{person.pk}/"' in body, params


def test_bad_input_gets_a_clear_message_not_an_error(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.call_taker)
    cases = {
        "date_of_birth=soon": "is not a date we can read",
        "date_of_birth=2/30/1980": "is not a real date",
        "date_of_birth=1/1/2999": "cannot be in the future",
        "phone=12": "is not a phone number we can read",
        "name=J": "Type at least two letters of the name.",
        "address=a": "at least three characters",
        "name=": "Enter a name, a date of birth, a phone number or an address to search.",
    }
    for query, message in cases.items():
        response = client.get(f"/people/?{query}")
        assert response.status_code == 200, query
        assert message in response.content.decode(), query
        assert 'role="alert"' in response.content.decode()


def test_an_htmx_search_answers_only_the_results(personas: Personas, client_for: ClientFor) -> None:
    make_person(personas.metro, "John", "Smith")
    response = client_for(personas.clinician).get(
        "/people/",
        {"name": "john smith"},
        headers={"HX-Request": "true", "HX-Target": "person-results"},
    )
    body = response.content.decode()
    assert "John Smith" in body
    assert "<html" not in body


def test_a_search_is_audited_without_the_query_or_names(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "John", "Smith")
    client_for(personas.clinician).get("/people/", {"name": "John Smith", "phone": "5551234567"})
    event = AuditEvent.objects.get(event_type="person.searched")
    assert event.actor == personas.clinician
    assert event.details == {
        "criteria": ["name", "phone"],
        "results": 1,
        "person_ids": [person.pk],
    }
    assert "Smith" not in str(event.details) and "555" not in str(event.details)


def test_people_of_another_center_never_show(personas: Personas, client_for: ClientFor) -> None:
    make_person(personas.northfield, "John", "Smith")
    body = client_for(personas.clinician).get("/people/", {"name": "John Smith"}).content.decode()
    assert "0 people found" in body

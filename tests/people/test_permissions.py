"""Who may do what with people: each page for each role, and for another center."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.people.actions import ContactDetails, do_add_person_contact, do_merge_people
from crisisdesk.people.models import Person, PersonMerge
from tests.conftest import Personas
from tests.people.helpers import make_person

ClientFor = Callable[[User], Client]
BORN = date(1980, 3, 14)


@pytest.fixture
def records(personas: Personas) -> dict[str, object]:
    john = make_person(personas.metro, "John", "Smith", BORN)
    jon = make_person(personas.metro, "Jon", "Smith", BORN)
    william = make_person(personas.metro, "William", "Turner")
    bill = make_person(personas.metro, "Bill", "Turner")
    contact = do_add_person_contact(
        john, details=ContactDetails(name="Rosa Smith", relation="family"), actor=personas.clinician
    )
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    return {"john": john, "jon": jon, "contact": contact, "merge": merge}


def finding_pages(records: dict[str, object]) -> list[tuple[str, str]]:
    john, contact = records["john"], records["contact"]
    assert isinstance(john, Person)
    return [
        ("get", "/people/?name=john"),
        ("get", f"/people/{john.pk}/"),
        ("get", f"/people/{john.pk}/contacts/new/"),
        ("get", f"/people/{john.pk}/contacts/{contact.pk}/"),  # type: ignore[attr-defined]
    ]


def merging_pages(records: dict[str, object]) -> list[tuple[str, str]]:
    john, jon, merge = records["john"], records["jon"], records["merge"]
    assert isinstance(john, Person) and isinstance(jon, Person)
    assert isinstance(merge, PersonMerge)
    return [
        ("get", "/people/duplicates/"),
        ("get", f"/people/{john.pk}/merge/{jon.pk}/"),
        ("post", f"/people/{john.pk}/merge/{jon.pk}/"),
        ("post", f"/people/{john.pk}/not-duplicate/{jon.pk}/"),
        ("get", f"/people/merges/{merge.pk}/"),
        ("post", f"/people/merges/{merge.pk}/undo/"),
    ]


def status(client: Client, method: str, url: str) -> int:
    response = client.post(url) if method == "post" else client.get(url)
    return response.status_code


def test_a_call_taker_may_find_people_but_not_merge(
    personas: Personas, client_for: ClientFor, records: dict[str, object]
) -> None:
    client = client_for(personas.call_taker)
    for method, url in finding_pages(records):
        assert status(client, method, url) == 200, url
    for method, url in merging_pages(records):
        assert status(client, method, url) == 403, url
    assert PersonMerge.objects.count() == 1


def test_clinicians_and_supervisors_may_find_and_merge(
    personas: Personas, client_for: ClientFor, records: dict[str, object]
) -> None:
    for user in (personas.clinician, personas.supervisor):
        client = client_for(user)
        for method, url in finding_pages(records):
            assert status(client, method, url) == 200, (user, url)
        for method, url in merging_pages(records)[:2] + merging_pages(records)[4:5]:
            assert status(client, method, url) == 200, (user, url)


@pytest.mark.parametrize("role", ["responder", "analyst", "admin", "peer_support"])
def test_other_roles_are_refused_everywhere(
    personas: Personas, client_for: ClientFor, records: dict[str, object], role: str
) -> None:
    client = client_for(getattr(personas, role))
    for method, url in finding_pages(records) + merging_pages(records):
        assert status(client, method, url) == 403, (role, url)


def test_another_center_gets_404_for_every_record(
    personas: Personas, client_for: ClientFor, records: dict[str, object]
) -> None:
    # The outsider is a clinician (and admin) of Northfield: allowed the pages, not the records.
    client = client_for(personas.outsider)
    for method, url in finding_pages(records)[1:] + merging_pages(records)[1:]:
        assert status(client, method, url) == 404, url
    assert "John Smith" not in client.get("/people/?name=john+smith").content.decode()
    assert "No possible duplicates" in client.get("/people/duplicates/").content.decode()


def test_the_people_tile_is_on_the_home_page_of_those_who_find_people(
    personas: Personas, client_for: ClientFor
) -> None:
    for user in (personas.call_taker, personas.clinician, personas.supervisor):
        assert 'href="/people/"' in client_for(user).get("/").content.decode(), user
    for user in (personas.responder, personas.analyst, personas.admin):
        assert 'href="/people/"' not in client_for(user).get("/").content.decode(), user

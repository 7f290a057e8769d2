"""The frequent callers page: tabs by key, sorting, plan state, draft links, who may open it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from tests.conftest import Personas
from tests.plans.helpers import approved, incidents_for, make_person

ClientFor = Callable[[User], Client]
URL = "/plans/frequent-callers/"


def test_a_clinician_sees_frequent_callers_with_a_link_to_draft_a_plan(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    incidents_for(personas.metro, "RAY", 6, person=ray, address="1 A ST")
    response = client_for(personas.clinician).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ray Moreno" in page
    assert "MENTAL HEALTH CRISIS ×6" in page
    assert f'href="/plans/new/?person={ray.pk}"' in page
    assert "1 person since" in page


def test_the_phone_and_address_tabs_list_their_own_keys(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    incidents_for(personas.metro, "RAY", 5, person=ray, address="400 RIVER RD")
    client = client_for(personas.clinician)
    phones = client.get(URL, {"by": "phone"}).content.decode()
    assert "+1 555-555-0100" in phones
    assert "Ray Moreno" in phones  # who has the number
    assert 'href="/plans/new/?phone=15555550100"' in phones
    addresses = client.get(URL, {"by": "address", "sort": "recent"}).content.decode()
    assert "400 RIVER RD METRO" in addresses
    assert 'href="/plans/new/?address=400+RIVER+RD+METRO"' in addresses


def test_an_entry_with_a_plan_shows_its_state_instead_of_the_draft_link(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno")
    incidents_for(personas.metro, "RAY", 5, person=ray)
    plan = approved(personas, person=ray)
    page = client_for(personas.supervisor).get(URL).content.decode()
    assert f'<a href="/plans/{plan.pk}/">Approved</a>' in page
    assert "/plans/new/?person=" not in page


def test_an_htmx_request_gets_only_the_results(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.clinician).get(
        URL, {"by": "address"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="hu-results"
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "No address reaches the threshold in this window." in page


def test_unknown_tabs_sorts_and_pages_fall_back_instead_of_failing(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.clinician).get(
        URL, {"by": "shoe-size", "sort": "DROP TABLE", "page": "-3"}
    )
    assert response.status_code == 200
    assert "No person reaches the threshold" in response.content.decode()


def test_roles_without_frequent_callers_are_refused(
    personas: Personas, client_for: ClientFor
) -> None:
    for user in (
        personas.call_taker,
        personas.responder,
        personas.analyst,
        personas.admin,
        personas.peer_support,
    ):
        assert client_for(user).get(URL).status_code == 403, user


def test_another_centers_callers_are_not_listed(personas: Personas, client_for: ClientFor) -> None:
    theirs = make_person(personas.northfield, "Nora", "Elsewhere")
    incidents_for(personas.northfield, "NORA", 8, person=theirs)
    page = client_for(personas.outsider).get(URL).content.decode()
    assert "Nora Elsewhere" in page
    assert "Nora Elsewhere" not in client_for(personas.clinician).get(URL).content.decode()

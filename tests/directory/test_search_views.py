"""The search page, search as you type, where distance is measured from, the service page and
favourites, driven through HTTP."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.models import Encounter
from crisisdesk.directory.search_access import CONFIDENTIAL_NOTICE
from crisisdesk.directory.search_models import FavouriteService
from crisisdesk.places.models import Location
from tests.conftest import Personas, make_incident
from tests.directory.search_fixtures import HOME, east, index, make_service
from tests.referrals.helpers import make_encounter, make_person

Clients = Callable[[User], Client]
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


def seed(personas: Personas) -> dict[str, Any]:
    center = personas.metro
    detox = make_service(center, "Harbor Detox Unit", point=east(2), needs=[("detox", "Detox")])
    far = make_service(center, "Prairie Detox", point=east(9), needs=[("detox", "Detox")])
    shelter = make_service(
        center,
        "Safe Haven Shelter",
        point=east(1),
        confidential=True,
        address="77 Hidden Ln",
        intake_phone="555-0199",
    )
    index(center)
    return {"detox": detox, "far": far, "shelter": shelter}


def text(response: Any) -> str:
    return str(response.content.decode())


def test_the_page_answers_the_roles_that_search_and_refuses_the_others(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    for user in (personas.call_taker, personas.clinician, personas.responder, personas.supervisor):
        assert client_for(user).get("/directory/").status_code == 200, user
    assert client_for(personas.analyst).get("/directory/").status_code == 403
    assert Client().get("/directory/").status_code == 302


def test_search_as_you_type_returns_only_the_results_fragment(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    response = client_for(personas.clinician).get("/directory/?q=deto", **HTMX)  # type: ignore[arg-type]
    body = text(response)
    assert response.status_code == 200
    assert "<html" not in body and "Harbor Detox Unit" in body and "Prairie Detox" in body
    full = text(client_for(personas.clinician).get("/directory/?q=deto"))
    assert "<html" in full and 'hx-trigger="input changed delay:200ms, search"' in full


def test_distance_from_the_incidents_location(personas: Personas, client_for: Clients) -> None:
    seed(personas)
    incident = make_incident(personas.metro)
    assert incident.location is not None
    Location.objects.filter(pk=incident.location.pk).update(
        latitude=Decimal(str(HOME[0])), longitude=Decimal(str(HOME[1]))
    )
    body = text(
        client_for(personas.clinician).get(f"/directory/?incident={incident.pk}&q=detox&radius=5")
    )
    assert "Harbor Detox Unit" in body and "Prairie Detox" not in body
    assert "nearest first from the call&#x27;s location (100 MAIN ST, Metro)" in body
    assert "2.0 km away" in body


def test_an_incident_without_coordinates_asks_for_an_address(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    incident = make_incident(personas.metro)
    response = client_for(personas.clinician).get(f"/directory/?incident={incident.pk}&radius=5")
    assert response.status_code == 400
    assert "no map coordinates: type an address or latitude, longitude" in text(response)
    # Without a radius the search still runs, unsorted by distance.
    assert (
        client_for(personas.clinician)
        .get(f"/directory/?incident={incident.pk}&q=detox")
        .status_code
        == 200
    )


def test_another_centers_incident_is_not_found(personas: Personas, client_for: Clients) -> None:
    seed(personas)
    theirs = make_incident(personas.northfield)
    response = client_for(personas.clinician).get(f"/directory/?incident={theirs.pk}&q=detox")
    assert response.status_code == 400 and f"Call {theirs.pk} was not found." in text(response)


def test_a_typed_address_is_found_among_the_centers_call_locations(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    Location.objects.create(
        center=personas.metro,
        address="1200 MAPLE AVE",
        city="Metro",
        latitude=Decimal("38.84"),
        longitude=Decimal("-98.56"),
    )
    client = client_for(personas.clinician)
    body = text(client.get("/directory/?near=1200+maple&radius=5&q=detox"))
    assert "nearest first from 1200 MAPLE AVE, Metro" in body and "Prairie Detox" not in body
    coordinates = text(client.get("/directory/?near=38.84,-98.56&radius=5&q=detox"))
    assert "Harbor Detox Unit" in coordinates and "Prairie Detox" not in coordinates
    unknown = client.get("/directory/?near=9+Nowhere+Rd&radius=5")
    assert unknown.status_code == 400
    assert "No address of this center&#x27;s calls matches “9 Nowhere Rd”" in text(unknown)


def test_bad_input_gets_a_message_not_an_error(personas: Personas, client_for: Clients) -> None:
    seed(personas)
    client = client_for(personas.clinician)
    for query, message in (
        ("age=old", "Enter the age as a whole number of years."),
        ("age=400", "Ensure this value is less than or equal to 120."),
        ("radius=7&near=38.84,-98.56", "Choose a distance from the list."),
        ("radius=5", "Say where to measure the distance from, or open a call."),
        ("need=99999", "is not one of the choices"),
        ("incident=abc", "Enter a whole number."),
    ):
        response = client.get(f"/directory/?{query}")
        assert response.status_code == 400, query
        assert message in text(response), query


def test_a_call_taker_sees_the_intake_line_instead_of_a_confidential_address(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    call_taker = text(client_for(personas.call_taker).get("/directory/?q=haven"))
    assert CONFIDENTIAL_NOTICE in call_taker and "77 Hidden Ln" not in call_taker
    assert "555-0199" in call_taker
    clinician = text(client_for(personas.clinician).get("/directory/?q=haven"))
    assert "77 Hidden Ln" in clinician


def test_add_to_referral_links_the_encounters_referral_form(
    personas: Personas, client_for: Clients
) -> None:
    services = seed(personas)
    encounter = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    body = text(
        client_for(personas.clinician).get(f"/directory/?q=harbor&encounter={encounter.pk}")
    )
    hsds_id = services["detox"].hsds_id
    assert (
        f'href="/referrals/new/?encounter={encounter.pk}&amp;directory_service={hsds_id}"' in body
    )
    # Without an encounter, or without the right to refer, no link.
    assert "Add to referral" not in text(client_for(personas.clinician).get("/directory/?q=harbor"))
    call_taker = client_for(personas.call_taker).get(
        f"/directory/?q=harbor&encounter={encounter.pk}"
    )
    assert "Add to referral" not in text(call_taker)


def test_the_incidents_encounter_is_found_for_add_to_referral(
    personas: Personas, client_for: Clients
) -> None:
    seed(personas)
    incident = make_incident(personas.metro)
    encounter = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    Encounter.objects.filter(pk=encounter.pk).update(incident=incident)
    body = text(client_for(personas.clinician).get(f"/directory/?incident={incident.pk}&q=harbor"))
    assert f"/referrals/new/?encounter={encounter.pk}&amp;directory_service=" in body


def test_the_service_page_shows_hours_capacity_and_respects_confidentiality(
    personas: Personas, client_for: Clients
) -> None:
    services = seed(personas)
    detox = text(
        client_for(personas.call_taker).get(f"/directory/services/{services['detox'].hsds_id}/")
    )
    assert "Open 24 hours, every day" in detox and "No capacity reported." in detox
    shelter_url = f"/directory/services/{services['shelter'].hsds_id}/"
    shelter = text(client_for(personas.call_taker).get(shelter_url))
    assert CONFIDENTIAL_NOTICE in shelter and "77 Hidden Ln" not in shelter
    assert "77 Hidden Ln" in text(client_for(personas.clinician).get(shelter_url))
    assert "Capacity links for the provider" not in shelter
    assert "Capacity links for the provider" in text(
        client_for(personas.supervisor).get(shelter_url)
    )


def test_another_centers_service_page_is_not_found(personas: Personas, client_for: Clients) -> None:
    theirs = make_service(personas.northfield, "Northfield Detox")
    assert (
        client_for(personas.clinician).get(f"/directory/services/{theirs.hsds_id}/").status_code
        == 404
    )
    assert client_for(personas.clinician).get("/directory/services/no-such-id/").status_code == 404


def test_starring_and_unstarring_a_service(personas: Personas, client_for: Clients) -> None:
    services = seed(personas)
    client = client_for(personas.clinician)
    url = f"/directory/services/{services['detox'].hsds_id}/favourite/"
    response = client.post(url, {"star": "1", "next": "/directory/?q=detox"})
    assert response.status_code == 302 and response["Location"] == "/directory/?q=detox"
    assert FavouriteService.objects.filter(user=personas.clinician).count() == 1
    assert "★" in text(client.get("/directory/?favourites=on"))
    fragment = client.post(url, {"star": "0"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "☆" in text(fragment)
    assert not FavouriteService.objects.exists()
    events = AuditEvent.objects.filter(event_type__startswith="directory.favourite")
    assert sorted(events.values_list("event_type", flat=True)) == [
        "directory.favourite_added",
        "directory.favourite_removed",
    ]
    # Going back only to this site's pages.
    away = client.post(url, {"star": "1", "next": "//evil.example/"})
    assert away["Location"] == f"/directory/services/{services['detox'].hsds_id}/"


def test_search_as_you_type_takes_a_fixed_number_of_queries(
    personas: Personas, client_for: Clients
) -> None:
    for n in range(30):
        make_service(
            personas.metro,
            f"Pantry {n}",
            point=east(n % 4),
            needs=[("food", "Food")],
            capacity={"available": 1, "total": 2},
        )
    index(personas.metro)
    client = client_for(personas.clinician)
    path = "/directory/?q=pantry&near=38.84,-98.56&radius=5&open_now=on"
    client.get(path, **HTMX)  # type: ignore[arg-type]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **HTMX)  # type: ignore[arg-type]
    assert response.status_code == 200 and text(response).count('class="result"') == 25
    # Session, user, roles; index state, settings, candidates, holidays, results, capacity,
    # favourites; the session saved, its expiry sliding (a savepoint, the update, the release).
    assert len(queries) == 13, [q["sql"][:80] for q in queries.captured_queries]

"""The read-only HSDS 3.0 API: token, envelope, shapes, search parameters, confidential
locations, one center only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from crisisdesk.api.openapi import SCHEMA
from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.directory.hsds.official import official_problems
from crisisdesk.intake.tokens import do_create_integration_token
from tests.conftest import Personas
from tests.directory.hsds_data import (
    EXAMPLES_DIR,
    SCHEMA_DIR,
    crisis_directory,
    hsds_id,
    needs_hsds,
    run_directory,
    write_json,
)

ENVELOPE = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]
SECRET_TEXT = ("Secret Elm", "blue church", "41.9", "-87.7", "60602")


class Api:
    """A client of /api/v1/hsds with one center's integration token."""

    def __init__(self, center: Center) -> None:
        _, secret = do_create_integration_token(
            center=center, name="211 sync", source_system="211", actor=SystemActor("tests")
        )
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def get(self, path: str, status: int = 200, /, **params: str | int) -> Any:
        response = self.client.get(f"/api/v1/hsds/{path}", params)
        assert response.status_code == status, response.content
        assert response["Content-Type"] == "application/json"
        return response.json()


@pytest.fixture
def api(personas: Personas, tmp_path: Path) -> Api:
    code, out, err = run_directory(
        "import", str(write_json(tmp_path / "d.json", crisis_directory())), "--center", "metro"
    )
    assert code == 0, out + err
    return Api(personas.metro)


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["contents"]]


def openapi_validator(name: str) -> Any:
    """Validates against a schema of our OpenAPI document (its $refs resolved in it)."""
    schema = {**SCHEMA["components"]["schemas"][name], "components": SCHEMA["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_the_api_needs_an_integration_token(personas: Personas) -> None:
    response = Client().get("/api/v1/hsds/services")
    assert response.status_code == 401
    assert response.json()["errors"][0]["path"] == "Authorization"


def test_a_session_is_no_credential(personas: Personas, client_for: Any) -> None:
    assert client_for(personas.supervisor).get("/api/v1/hsds/services").status_code == 401


def test_only_get_is_answered(api: Api) -> None:
    response = api.client.post("/api/v1/hsds/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_the_root_says_which_hsds(api: Api) -> None:
    assert api.get("")["version"] == "3.0"


def test_a_service_page_has_the_hsds_envelope(api: Api) -> None:
    page = api.get("services")
    assert list(page) == ENVELOPE
    assert (page["total_items"], page["total_pages"], page["page_number"], page["size"]) == (
        3,
        1,
        1,
        3,
    )
    assert (page["first_page"], page["last_page"], page["empty"]) == (True, True, False)
    assert names(page) == ["Emergency Shelter", "Food Pantry", "Medical Detox"]
    basic = page["contents"][2]
    assert basic["organization"]["name"] == "Harbor Recovery Center"
    assert "phones" not in basic
    openapi_validator("HsdsPage").validate(page)


def test_pages_follow_page_and_per_page(api: Api) -> None:
    second = api.get("services", page=2, per_page=2)
    assert (second["total_pages"], second["size"], names(second)) == (2, 1, ["Medical Detox"])
    assert (second["first_page"], second["last_page"]) == (False, True)
    beyond = api.get("services", page=5, per_page=2)
    assert (beyond["empty"], beyond["contents"]) == (True, [])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "detox withdrawal"}, ["Medical Detox"]),
        ({"search": "haven"}, ["Emergency Shelter"]),
        ({"taxonomy_term_id": hsds_id("term-detox")}, ["Medical Detox"]),
        ({"taxonomy_id": hsds_id("taxonomy-211")}, ["Emergency Shelter", "Medical Detox"]),
        ({"organization_id": hsds_id("org-pantry")}, ["Food Pantry"]),
        ({"modified_after": "2024-01-01T00:00:00Z"}, ["Medical Detox"]),
        ({"modified_after": "2024-05-01T07:00:00-05:00"}, ["Medical Detox"]),
        ({"modified_after": "2024-05-01T17:00:00 05:00"}, ["Medical Detox"]),  # "+" unencoded
        ({"modified_after": "2024-05-01T18:00:00+05:00"}, []),
        ({"search": "nothing-like-this"}, []),
    ],
)
def test_services_are_found_by_the_hsds_parameters(
    api: Api, params: dict[str, str], expected: list[str]
) -> None:
    assert names(api.get("services", **params)) == expected


def test_minimal_gives_ids_and_modification_times(api: Api) -> None:
    page = api.get("services", minimal="true")
    assert page["contents"][2] == {
        "id": hsds_id("svc-detox"),
        "last_modified": "2024-05-01T12:00:00Z",
    }


@pytest.mark.parametrize(
    ("params", "name", "message"),
    [
        ({"page": "0"}, "page", "must be a whole number of 1 or more, not '0'"),
        ({"per_page": "501"}, "per_page", "must be at most 500"),
        ({"full": "maybe"}, "full", "must be true or false, not 'maybe'"),
        ({"modified_after": "yesterday"}, "modified_after", "'yesterday' is not a date and time"),
        ({"format": "ndjson"}, "format", "only json is offered"),
    ],
)
def test_a_parameter_that_cannot_be_read_is_a_400_naming_it(
    api: Api, params: dict[str, str], name: str, message: str
) -> None:
    [error] = api.get("services", 400, **params)["errors"]
    assert error["path"] == name
    assert error["message"].startswith(message)


@needs_hsds
def test_a_full_service_is_valid_hsds(api: Api) -> None:
    service = api.get(f"services/{hsds_id('svc-detox')}")
    assert official_problems(SCHEMA_DIR, "service", service, check_formats=True) == []
    assert service["phones"][0]["number"] == "312-555-0100"
    assert service["schedules"][0]["opens_at"] == "08:00:00-06:00"
    assert service["attributes"][0]["taxonomy_term"]["code"] == "RX-8450.1800"
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "100 Harbor Way"
    assert service["crisisdesk_intake_points"][0]["method"] == "phone"
    assert service["organization"]["locations"][0]["id"] == hsds_id("loc-harbor")
    openapi_validator("HsdsService").validate(service)


@needs_hsds
def test_the_full_page_of_services_is_valid_hsds(api: Api) -> None:
    for service in api.get("services", full="true")["contents"]:
        assert official_problems(SCHEMA_DIR, "service", service, check_formats=True) == []
        assert "service_at_locations" in service


def test_a_confidential_location_never_shows_where_it_is(api: Api) -> None:
    answers = [
        api.get(f"services/{hsds_id('svc-shelter')}"),
        api.get("services", full="true"),
        api.get(f"service_at_locations/{hsds_id('sal-shelter')}"),
        api.get("service_at_locations", full="true"),
        api.get("service_at_locations"),
        api.get(f"organizations/{hsds_id('org-haven')}", full_service="true"),
        api.get("organizations", full="true", full_service="true"),
    ]
    for answer in answers:
        text = str(answer)
        for secret in SECRET_TEXT[:4]:
            assert secret not in text
    location = answers[2]["location"]
    assert location["name"] == "Safe Haven house"
    assert location["crisisdesk_confidential"] is True
    assert location["addresses"] == []
    assert "latitude" not in location


def test_a_postcode_search_never_finds_a_confidential_location(api: Api) -> None:
    found = api.get("service_at_locations", postcode="60602")["contents"]
    assert [item["id"] for item in found] == [hsds_id("sal-pantry")]


def test_services_at_locations_have_their_service_and_location(api: Api) -> None:
    page = api.get("service_at_locations", taxonomy_term_id=hsds_id("term-detox"))
    [item] = page["contents"]
    assert item["service"]["name"] == "Medical Detox"
    assert item["service"]["organization"]["name"] == "Harbor Recovery Center"
    assert item["location"]["latitude"] == 41.8781
    full = api.get(f"service_at_locations/{hsds_id('sal-detox')}")
    assert full["service"]["phones"][0]["number"] == "312-555-0100"
    assert full["location"]["addresses"][0]["postal_code"] == "60601"


def test_organizations_list_and_nest_their_services(api: Api) -> None:
    page = api.get("organizations", search="harbor")
    assert names(page) == ["Harbor Recovery Center"]
    assert "services" not in page["contents"][0]
    organization = api.get(f"organizations/{hsds_id('org-harbor')}")
    assert [s["name"] for s in organization["services"]] == ["Medical Detox"]
    assert "phones" not in organization["services"][0]
    full = api.get(f"organizations/{hsds_id('org-harbor')}", full_service="true")
    assert full["services"][0]["phones"][0]["number"] == "312-555-0100"


def test_taxonomies_and_terms(api: Api) -> None:
    [taxonomy] = api.get("taxonomies")["contents"]
    assert taxonomy == {
        "id": hsds_id("taxonomy-211"),
        "name": "211 LA",
        "description": "AIRS/211 LA County taxonomy",
        "version": "2024",
    }
    terms = api.get("taxonomy_terms", taxonomy_id=hsds_id("taxonomy-211"), top_only="true")
    assert names(terms) == ["Detoxification", "Domestic Violence Shelters"]
    term = api.get(f"taxonomy_terms/{hsds_id('term-detox')}")
    assert term["taxonomy_detail"]["name"] == "211 LA"
    assert api.get(f"taxonomies/{hsds_id('taxonomy-211')}")["version"] == "2024"


@pytest.mark.parametrize(
    "path",
    ["services/{}", "organizations/{}", "service_at_locations/{}", "taxonomy_terms/{}"],
)
def test_another_centers_records_do_not_exist(api: Api, personas: Personas, path: str) -> None:
    outsider = Api(personas.northfield)
    ids = {
        "services/{}": hsds_id("svc-detox"),
        "organizations/{}": hsds_id("org-harbor"),
        "service_at_locations/{}": hsds_id("sal-detox"),
        "taxonomy_terms/{}": hsds_id("term-detox"),
    }
    [error] = outsider.get(path.format(ids[path]), 404)["errors"]
    assert error["path"] == "id"
    assert outsider.get("services")["total_items"] == 0
    assert api.get(path.format(ids[path]))["id"] == ids[path]


def test_a_page_costs_the_same_few_queries_whatever_its_size(
    api: Api, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # token and its last-used stamp, count, page, services, organizations, programs
    with django_assert_max_num_queries(7):
        api.get("services")
    # ... and about twenty more for everything a full service nests.
    with django_assert_max_num_queries(30):
        api.get("services", full="true")


@needs_hsds
def test_the_official_example_is_served_as_it_was_imported(personas: Personas) -> None:
    run_directory("import", str(EXAMPLES_DIR / "service_full.json"), "--center", "metro")
    served = Api(personas.metro).get("services/ac148810-d857-441c-9679-408f346de14b")
    assert official_problems(SCHEMA_DIR, "service", served, check_formats=True) == []
    assert served["organization"]["organization_identifiers"][0]["identifier"] == "1234567"

"""POST /api/v1/directory/capacity: a provider's program sends figures with its link's secret."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from crisisdesk.audit.models import AuditEvent
from crisisdesk.directory import models as hsds
from crisisdesk.directory import search_actions
from crisisdesk.directory.search_actions import do_create_capacity_token, do_revoke_capacity_token
from crisisdesk.directory.search_models import CapacityToken
from tests.conftest import Personas
from tests.directory.search_fixtures import make_service

URL = "/api/v1/directory/capacity"


def post(secret: str | None, body: Any, content_type: str = "application/json") -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return Client().post(URL, data, content_type=content_type, **headers)  # type: ignore[arg-type]


@pytest.fixture
def harbor(personas: Personas) -> tuple[hsds.Service, str]:
    service = make_service(personas.metro, "Harbor Detox")
    _, secret = do_create_capacity_token(
        center=personas.metro, label="Harbor bed board", service=service, actor=personas.supervisor
    )
    return service, secret


def test_a_program_sets_the_figures(harbor: tuple[hsds.Service, str]) -> None:
    service, secret = harbor
    response = post(
        secret, {"available": 3, "total": 12, "waitlist": 0, "accepting_referrals": True}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["service_id"] == service.hsds_id and body["unit"] == "beds"
    assert (body["available"], body["total"], body["accepting_referrals"]) == (3, 12, True)
    assert body["updated_at"].endswith("Z") and body["stale_after_hours"] == 12
    event = AuditEvent.objects.get(event_type="directory.capacity_updated")
    assert event.actor_username.endswith(":Harbor bed board")


def test_a_service_at_one_location(harbor: tuple[hsds.Service, str]) -> None:
    service, secret = harbor
    site = hsds.ServiceAtLocation.objects.get(service=service)
    response = post(
        secret,
        {"service_id": service.hsds_id, "service_at_location_id": site.hsds_id, "available": 1},
    )
    assert response.status_code == 200 and response.json()["service_at_location_id"] == site.hsds_id
    assert hsds.Capacity.objects.get().service_at_location == site
    unknown = post(secret, {"service_at_location_id": "nowhere", "available": 1})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {"path": "service_at_location_id", "message": "is not a location of this service"}
    ]


def test_every_bad_field_is_named(harbor: tuple[hsds.Service, str]) -> None:
    _, secret = harbor
    response = post(
        secret,
        {
            "available": "3",
            "total": -1,
            "accepting_referrals": "yes",
            "unit": "rooms",
            "colour": "red",
        },
    )
    assert response.status_code == 400
    paths = sorted(error["path"] for error in response.json()["errors"])
    assert paths == ["accepting_referrals", "available", "colour", "total", "unit"]
    assert not hsds.Capacity.objects.exists()


def test_a_service_the_token_does_not_cover_is_refused(
    personas: Personas, harbor: tuple[hsds.Service, str]
) -> None:
    _, secret = harbor
    other = make_service(personas.metro, "Eastside Pantry")
    response = post(secret, {"service_id": other.hsds_id, "available": 1})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"path": "service_id", "message": "is not a service this token may update"}
    ]


def test_requests_that_are_not_updates_are_refused(harbor: tuple[hsds.Service, str]) -> None:
    _, secret = harbor
    assert post(None, {"available": 1}).status_code == 401
    assert post("wrong-secret", {"available": 1}).status_code == 401
    assert (
        post(secret, "available=1", content_type="application/x-www-form-urlencoded").status_code
        == 415
    )
    assert post(secret, "{not json").status_code == 400
    assert post(secret, "[1, 2]").json()["errors"][0]["message"] == "must be a JSON object"
    assert post(secret, "x" * 20000).status_code == 413
    get = Client().get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert get.status_code == 405 and get["Allow"] == "POST"


def test_a_revoked_token_is_refused_at_once(
    personas: Personas, harbor: tuple[hsds.Service, str]
) -> None:
    service, secret = harbor
    token = CapacityToken.objects.get(service=service)
    do_revoke_capacity_token(token, actor=personas.supervisor)
    response = post(secret, {"available": 1})
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_too_many_updates_get_429(
    harbor: tuple[hsds.Service, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_actions, "RATE_LIMIT", 1)
    _, secret = harbor
    assert post(secret, {"available": 1}).status_code == 200
    limited = post(secret, {"available": 2})
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"


def test_a_session_is_no_credential(personas: Personas, harbor: tuple[hsds.Service, str]) -> None:
    client = Client()
    client.force_login(personas.supervisor)
    response = client.post(URL, json.dumps({"available": 1}), content_type="application/json")
    assert response.status_code == 401

"""The published API description is valid OpenAPI and matches the routes that exist."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

from crisisdesk.api.openapi import SCHEMA


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> set[str]:
    routes = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):  # an app's API mounted below /api/v1 (HSDS)
            routes |= _routes(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", prefix + str(pattern.pattern))
        if route != "openapi.json":
            routes.add("/" + route)
    return routes


def api_routes() -> set[str]:
    api = next(
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "api/v1/"
    )
    return _routes(api.url_patterns)


def test_the_schema_is_valid_openapi() -> None:
    validate(SCHEMA)  # raises on any error


def test_the_schema_documents_every_api_route_and_no_other() -> None:
    assert set(SCHEMA["paths"]) == api_routes()


def test_the_schema_is_served_without_signing_in(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"] == "3.1.0"
    assert "/incidents/eido" in response.json()["paths"]

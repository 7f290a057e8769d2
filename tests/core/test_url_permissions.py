"""Walks the whole URLconf: every view must carry a permission check or be marked public.

API views for other systems are authenticated by an integration token instead of a session
(`require_integration_token`): they count as checked, and answer 401 JSON to anyone without one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from crisisdesk.accounts.models import User
from tests.conftest import Personas

# Views Django or a library provides that are allowed without our decorator.
PUBLIC_VIEWS = {"accounts:login", "core:health", "api:openapi"}


def walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            child_namespace = pattern.namespace or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), child_namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield prefix + str(pattern.pattern), name, pattern.callback


def all_views() -> list[tuple[str, str, Callable[..., Any]]]:
    return [view for view in walk(get_resolver().url_patterns) if not view[0].startswith("static")]


def is_token_view(view: Callable[..., Any]) -> bool:
    return getattr(view, "crisisdesk_token_auth", False) is True


def assert_token_refusal(response: Any, name: str) -> None:
    assert response.status_code == 401, f"{name} answered {response.status_code}"
    assert response["Content-Type"] == "application/json", name
    assert response["WWW-Authenticate"].startswith("Bearer"), name
    assert response.json()["errors"], name


def concrete_path(route: str) -> str:
    # Fill every converter with an id that exists nowhere: the check must answer before lookup.
    import re

    return "/" + re.sub(r"<(?:\w+:)?\w+>", "999999", route)


def test_every_view_has_a_permission_check_or_is_marked_public() -> None:
    missing = []
    for route, name, view in all_views():
        marked_public = getattr(view, "crisisdesk_public", False)
        capability = getattr(view, "crisisdesk_capability", None)
        if name in PUBLIC_VIEWS:
            assert marked_public, f"{name} is listed as public but not marked @public"
            continue
        if capability is None and not is_token_view(view):
            missing.append(f"{name} ({route})")
    assert not missing, f"views without @require or a token check: {missing}"


def test_the_walk_finds_the_known_views() -> None:
    names = {name for _, name, _ in all_views()}
    assert {"core:home", "incidents:list", "incidents:detail", "accounts:user_list"} <= names
    token_views = {name for _, name, view in all_views() if is_token_view(view)}
    assert "api:incidents_eido" in token_views


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_from_every_protected_view() -> None:
    client = Client()
    for route, name, view in all_views():
        if name in PUBLIC_VIEWS:
            continue
        response = client.get(concrete_path(route))
        if is_token_view(view):
            assert_token_refusal(response, name)
            continue
        assert response.status_code == 302, f"{name} answered {response.status_code}"
        assert response["Location"].startswith("/accounts/login/"), name


def test_a_user_without_the_role_is_refused_everywhere(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    # The peer-support persona holds no capability beyond signing in.
    client = client_for(personas.peer_support)
    for route, name, view in all_views():
        if name in PUBLIC_VIEWS or getattr(view, "crisisdesk_capability", "") == "signed_in":
            continue
        response = client.get(concrete_path(route))
        if is_token_view(view):
            # A signed-in session is no credential for the API.
            assert_token_refusal(response, name)
            continue
        assert response.status_code in (403, 405), f"{name} answered {response.status_code}"

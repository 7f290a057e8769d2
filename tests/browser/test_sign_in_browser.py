"""People signing in through a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from crisisdesk.accounts.roles import Role
from tests.conftest import PASSWORD, Personas, make_incident

pytestmark = pytest.mark.browser


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_and_sees_its_home_page(
    page: Any, personas: Personas, role: Role
) -> None:
    user = personas.by_role()[role]
    sign_in(page, user.username, PASSWORD)
    page.get_by_role("heading", name=f"Welcome, {user.display_name}").wait_for()
    assert page.get_by_role("heading", name=role.label, exact=True).is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_a_wrong_password_shows_a_clear_error(page: Any, personas: Personas) -> None:
    sign_in(page, personas.clinician.username, "not-my-password")
    alert = page.get_by_role("alert")
    assert "Wrong username or password" in alert.inner_text()
    assert page.url.endswith("/accounts/login/")


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_failures_lock_the_account(page: Any, personas: Personas) -> None:
    for _ in range(3):
        sign_in(page, personas.clinician.username, "guess")
    assert "locked" in page.get_by_role("alert").inner_text()
    sign_in(page, personas.clinician.username, PASSWORD)
    assert "locked" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_signing_out_returns_to_the_sign_in_page(page: Any, personas: Personas) -> None:
    sign_in(page, personas.supervisor.username, PASSWORD)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_a_clinician_searches_incidents_and_reads_a_timeline(page: Any, personas: Personas) -> None:
    make_incident(personas.metro, "MET-100", call_type_text="WELFARE CHECK", note="SUBJ ON ROOF")
    make_incident(personas.metro, "MET-200", call_type_text="TRAFFIC COLLISION")
    make_incident(personas.northfield, "NOR-300", call_type_text="WELFARE CHECK")
    sign_in(page, personas.clinician.username, PASSWORD)
    page.get_by_role("link", name="Incidents").first.click()
    page.get_by_role("link", name="MET-200").wait_for()
    assert page.get_by_role("link", name="NOR-300").count() == 0
    # "/" jumps to the search box, as on the console.
    page.keyboard.press("/")
    page.keyboard.type("welfare")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=welfare**")
    page.get_by_text("1 incident", exact=True).wait_for()
    page.get_by_role("link", name="MET-100").click()
    page.get_by_role("heading", name="Incident MET-100").wait_for()
    assert page.get_by_text("SUBJ ON ROOF").is_visible()


def test_another_centers_incident_is_not_found(page: Any, personas: Personas) -> None:
    theirs = make_incident(personas.northfield, "NOR-1")
    sign_in(page, personas.clinician.username, PASSWORD)
    page.get_by_role("heading", name=f"Welcome, {personas.clinician.display_name}").wait_for()
    response = page.goto(f"/incidents/{theirs.pk}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()

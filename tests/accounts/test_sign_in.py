"""Sign-in, sign-out and lockout through the HTTP interface."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from crisisdesk.accounts.models import LoginFailure
from crisisdesk.audit.models import AuditEvent
from tests.conftest import PASSWORD, Personas

LOGIN = "/accounts/login/"


def sign_in(client: Client, username: str, password: str, address: str = "10.1.1.1") -> object:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_shows_the_sign_in_page(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_a_right_password_signs_in_and_is_audited(personas: Personas) -> None:
    client = Client()
    response = sign_in(client, "alice_clinician", PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == "/"  # type: ignore[index]
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.filter(event_type="auth.login").latest("seq")
    assert event.actor == personas.clinician
    assert event.client_address == "10.1.1.1"


def test_a_wrong_password_shows_a_clear_error(personas: Personas) -> None:
    response = sign_in(Client(), "alice_clinician", "not-the-password")
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert b"Wrong username or password" in response.content  # type: ignore[attr-defined]
    failure = AuditEvent.objects.get(event_type="auth.login_failed")
    assert failure.details == {"username": "alice_clinician", "known_account": True}


def test_an_unknown_user_gets_the_same_error_as_a_wrong_password(personas: Personas) -> None:
    response = sign_in(Client(), "nobody", "whatever")
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert b"Wrong username or password" in response.content  # type: ignore[attr-defined]


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(
    personas: Personas,
) -> None:
    client = Client()
    for _ in range(2):
        assert sign_in(client, "alice_clinician", "wrong").status_code == 401  # type: ignore[attr-defined]
    third = sign_in(client, "alice_clinician", "wrong")
    assert third.status_code == 403  # type: ignore[attr-defined]
    assert b"locked" in third.content  # type: ignore[attr-defined]
    right = sign_in(client, "alice_clinician", PASSWORD)
    assert right.status_code == 403  # type: ignore[attr-defined]
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(event_type="auth.locked_out").count() == 1


@override_settings(LOGIN_MAX_FAILURES=2)
def test_the_lock_is_per_account_and_address(personas: Personas) -> None:
    for _ in range(2):
        sign_in(Client(), "alice_clinician", "wrong", address="10.9.9.9")
    assert sign_in(Client(), "alice_clinician", PASSWORD, address="10.9.9.9").status_code == 403  # type: ignore[attr-defined]
    assert sign_in(Client(), "alice_clinician", PASSWORD, address="10.2.2.2").status_code == 302  # type: ignore[attr-defined]
    assert sign_in(Client(), "sam_supervisor", PASSWORD, address="10.9.9.9").status_code == 302  # type: ignore[attr-defined]


@override_settings(LOGIN_MAX_FAILURES=2)
def test_a_forged_forwarded_header_does_not_escape_the_lock(personas: Personas) -> None:
    client = Client()
    for n in range(2):
        client.post(
            LOGIN,
            {"username": "alice_clinician", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert set(LoginFailure.objects.values_list("client_address", flat=True)) == {"10.9.9.9"}
    locked = client.post(
        LOGIN,
        {"username": "alice_clinician", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="192.0.2.77",
    )
    assert locked.status_code == 403


@override_settings(LOGIN_MAX_FAILURES=5)
def test_a_successful_sign_in_clears_earlier_failures(personas: Personas) -> None:
    client = Client()
    sign_in(client, "alice_clinician", "wrong")
    sign_in(client, "alice_clinician", PASSWORD)
    assert LoginFailure.objects.count() == 0


def test_an_inactive_user_cannot_sign_in(personas: Personas) -> None:
    personas.clinician.is_active = False
    personas.clinician.save()
    assert sign_in(Client(), "alice_clinician", PASSWORD).status_code == 401  # type: ignore[attr-defined]


def test_users_of_an_inactive_center_cannot_sign_in(personas: Personas) -> None:
    personas.metro.is_active = False
    personas.metro.save()
    assert sign_in(Client(), "alice_clinician", PASSWORD).status_code == 401  # type: ignore[attr-defined]


def test_sign_out_needs_a_post_and_is_audited(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.clinician)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(event_type="auth.logout", actor=personas.clinician).exists()


def test_next_only_redirects_within_the_site(personas: Personas) -> None:
    client = Client()
    response = client.post(
        LOGIN,
        {"username": "alice_clinician", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"
    client2 = Client()
    response = client2.post(
        LOGIN, {"username": "alice_clinician", "password": PASSWORD, "next": "/incidents/"}
    )
    assert response["Location"] == "/incidents/"


@pytest.mark.parametrize("password_hasher_prefix", ["argon2"])
def test_passwords_are_stored_with_argon2(personas: Personas, password_hasher_prefix: str) -> None:
    personas.clinician.refresh_from_db()
    assert personas.clinician.password.startswith(password_hasher_prefix + "$")

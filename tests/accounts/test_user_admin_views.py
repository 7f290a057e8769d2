"""Administering accounts through the HTTP interface: list, create, edit, password, unlock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisisdesk.accounts.models import LoginFailure, User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from tests.conftest import PASSWORD, Personas, make_user

ClientFor = Callable[[User], Client]
LIST = reverse("accounts:user_list")
CREATE = reverse("accounts:user_create")
STRONG = "plum-harbor-lantern-97"


def edit_url(user: User) -> str:
    return reverse("accounts:user_edit", args=[user.pk])


def password_url(user: User) -> str:
    return reverse("accounts:user_set_password", args=[user.pk])


def unlock_url(user: User) -> str:
    return reverse("accounts:user_unlock", args=[user.pk])


def assert_audited(event_type: str, target: User, actor: User) -> AuditEvent:
    event = AuditEvent.objects.filter(event_type=event_type).latest("seq")
    assert event.object_type == "accounts.user"
    assert event.object_id == str(target.pk)
    assert event.actor_id == actor.pk
    assert event.center_id == target.center_id
    assert verify_audit_chain().intact
    return event


def fail_sign_ins(username: str, address: str, count: int, minutes_ago: int = 1) -> None:
    at = timezone.now() - timedelta(minutes=minutes_ago)
    LoginFailure.objects.bulk_create(
        LoginFailure(username=username, client_address=address, at=at) for _ in range(count)
    )


def edit_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": user.full_name,
        "email": user.email,
        "roles": sorted(user.roles),
        "is_active": "on" if user.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


@pytest.fixture
def operator(personas: Personas) -> User:
    """An installation operator (superuser), homed in Northfield."""
    return make_user(personas.northfield, "olga_operator", Role.ADMIN, is_superuser=True)


# Permissions and visibility


def test_it_requires_admin_role(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    target = personas.clinician
    for url in (LIST, CREATE, edit_url(target), password_url(target)):
        assert client.get(url).status_code == 403, url
    assert client.post(unlock_url(target)).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(personas: Personas) -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL_PATH)


def test_it_lists_own_center_users_with_roles(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.admin).get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "alice_clinician" in text
    assert "Clinician" in text
    assert "sam_supervisor" in text
    assert '<th scope="col">Roles</th>' in text


def test_it_hides_other_centers_users(personas: Personas, client_for: ClientFor) -> None:
    text = client_for(personas.admin).get(LIST).content.decode()
    assert "charlie_outsider" not in text
    outsider_text = client_for(personas.outsider).get(LIST).content.decode()
    assert "charlie_outsider" in outsider_text
    assert "alice_clinician" not in outsider_text


def test_it_hides_superusers_from_center_admins(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    text = client_for(personas.outsider).get(LIST).content.decode()
    assert "olga_operator" not in text
    assert client_for(personas.outsider).get(edit_url(operator)).status_code == 404


def test_superuser_sees_all_centers_and_filters_by_center(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    client = client_for(operator)
    everyone = client.get(LIST).content.decode()
    assert "alice_clinician" in everyone
    assert "charlie_outsider" in everyone
    only_northfield = client.get(LIST, {"center": personas.northfield.pk}).content.decode()
    assert "charlie_outsider" in only_northfield
    assert "alice_clinician" not in only_northfield


def test_it_searches_by_username_and_name(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.admin)
    by_username = client.get(LIST, {"q": "clinic"}).content.decode()
    assert "alice_clinician" in by_username
    assert "sam_supervisor" not in by_username
    by_name = client.get(LIST, {"q": "Sam Super"}).content.decode()
    assert "sam_supervisor" in by_name
    assert "alice_clinician" not in by_name


def test_it_shows_an_account_locked_from_one_address(
    personas: Personas, client_for: ClientFor
) -> None:
    fail_sign_ins("alice_clinician", "10.0.0.9", settings.LOGIN_MAX_FAILURES)
    text = client_for(personas.admin).get(LIST).content.decode()
    assert text.count("status-locked") == 1
    assert unlock_url(personas.clinician) in text


def test_failures_spread_over_addresses_or_long_ago_do_not_lock(
    personas: Personas, client_for: ClientFor
) -> None:
    limit = settings.LOGIN_MAX_FAILURES
    fail_sign_ins("alice_clinician", "10.0.0.1", limit - 1)
    fail_sign_ins("alice_clinician", "10.0.0.2", limit - 1)
    fail_sign_ins(
        "sam_supervisor", "10.0.0.3", limit, minutes_ago=settings.LOGIN_LOCKOUT_MINUTES + 1
    )
    text = client_for(personas.admin).get(LIST).content.decode()
    assert "status-locked" not in text


def test_user_list_query_count_does_not_grow_with_users(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.admin)
    client.get(LIST)  # settle the session
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for number in range(10):
        make_user(personas.metro, f"extra_{number}", Role.RESPONDER, Role.CLINICIAN)
    fail_sign_ins("extra_3", "10.0.0.3", settings.LOGIN_MAX_FAILURES)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert "extra_9" in response.content.decode()
    assert len(many) == len(few)


# Creating


def new_account(username: str, **fields: object) -> dict[str, object]:
    return {"username": username, "password1": STRONG, "password2": STRONG, **fields}


def test_it_creates_user_with_roles_and_audits_it(
    personas: Personas, client_for: ClientFor
) -> None:
    form = new_account(
        "nina_newhire",
        full_name="Nina N",
        email="nina@example.org",
        roles=["call_taker", "clinician"],
    )
    response = client_for(personas.admin).post(CREATE, form, follow=True)
    user = User.objects.get(username="nina_newhire")
    assert response.redirect_chain[0] == (edit_url(user), 302)
    assert "Account nina_newhire created." in response.content.decode()
    assert (user.center, user.full_name, user.email) == (personas.metro, "Nina N", form["email"])
    assert user.roles == {Role.CALL_TAKER, Role.CLINICIAN}
    assert user.check_password(STRONG)
    assert not user.is_superuser
    event = assert_audited("user.created", user, personas.admin)
    assert event.details["new"]["roles"] == ["call_taker", "clinician"]
    assert STRONG not in str(event.details)


def test_admin_cannot_choose_another_center_for_a_new_user(
    personas: Personas, client_for: ClientFor
) -> None:
    form = new_account("sneaky", center=personas.northfield.pk, roles=["admin"])
    assert client_for(personas.admin).post(CREATE, form).status_code == 302
    assert User.objects.get(username="sneaky").center == personas.metro


def test_superuser_creates_user_in_another_center(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    assert b'name="center"' in client_for(operator).get(CREATE).content
    form = new_account("metro_admin_two", center=personas.metro.pk, roles=["admin"])
    assert client_for(operator).post(CREATE, form).status_code == 302
    user = User.objects.get(username="metro_admin_two")
    assert user.center == personas.metro
    assert_audited("user.created", user, operator)


def test_it_rejects_weak_password_with_clear_error(
    personas: Personas, client_for: ClientFor
) -> None:
    before = AuditEvent.objects.count()
    form = new_account("weakling", roles=["clinician"], password1="1234", password2="1234")
    response = client_for(personas.admin).post(CREATE, form)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "This password is too short" in text
    assert "This password is entirely numeric" in text
    assert 'aria-invalid="true"' in text
    assert not User.objects.filter(username="weakling").exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {
                "username": "marguerite_dispatch",
                "password1": "marguerite_dispatch",
                "password2": "marguerite_dispatch",
            },
            "too similar to the username",
        ),
        ({"username": "typo", "password2": STRONG + "x"}, "The two passwords differ"),
        ({"username": "Charlie_Outsider"}, "This username is taken"),
        ({"username": "has space"}, "Enter a valid username"),
    ],
)
def test_it_rejects_a_bad_new_account_with_clear_error(
    personas: Personas, client_for: ClientFor, fields: dict[str, str], message: str
) -> None:
    users_before = User.objects.count()
    response = client_for(personas.admin).post(CREATE, new_account(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users_before


# Editing


def test_it_updates_roles_and_active_flag_and_audits_it(
    personas: Personas, client_for: ClientFor
) -> None:
    target = personas.call_taker
    response = client_for(personas.admin).post(
        edit_url(target),
        edit_form(target, full_name="Cara Calltaker-Ng", roles=[Role.SUPERVISOR], is_active=""),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    target.forget_roles()
    assert target.full_name == "Cara Calltaker-Ng"
    assert target.roles == {Role.SUPERVISOR}
    assert not target.is_active
    event = assert_audited("user.updated", target, personas.admin)
    assert event.details["old"]["roles"] == ["call_taker"]
    assert event.details["new"] == {
        "full_name": "Cara Calltaker-Ng",
        "is_active": False,
        "roles": ["supervisor"],
    }


def test_an_unchanged_save_writes_no_audit_row(personas: Personas, client_for: ClientFor) -> None:
    target = personas.clinician
    before = AuditEvent.objects.count()
    response = client_for(personas.admin).post(edit_url(target), edit_form(target))
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before


def test_admin_cannot_remove_own_admin_role(personas: Personas, client_for: ClientFor) -> None:
    admin = personas.admin
    response = client_for(admin).post(edit_url(admin), edit_form(admin, roles=[Role.SUPERVISOR]))
    assert response.status_code == 200
    assert "You cannot remove your own administrator role" in response.content.decode()
    admin.forget_roles()
    assert admin.roles == {Role.ADMIN}


def test_admin_cannot_deactivate_themselves(personas: Personas, client_for: ClientFor) -> None:
    admin = personas.admin
    response = client_for(admin).post(edit_url(admin), edit_form(admin, is_active=""))
    assert response.status_code == 200
    assert "You cannot deactivate your own account" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_admin_may_add_roles_to_themselves(personas: Personas, client_for: ClientFor) -> None:
    admin = personas.admin
    response = client_for(admin).post(
        edit_url(admin), edit_form(admin, roles=[Role.ADMIN, Role.ANALYST])
    )
    assert response.status_code == 302
    admin.forget_roles()
    assert admin.roles == {Role.ADMIN, Role.ANALYST}


def test_outsider_gets_404_for_other_center_user(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.outsider)
    target = personas.clinician
    assert client.get(edit_url(target)).status_code == 404
    assert client.post(edit_url(target), edit_form(target, is_active="")).status_code == 404
    assert client.get(password_url(target)).status_code == 404
    assert (
        client.post(password_url(target), {"password1": STRONG, "password2": STRONG}).status_code
        == 404
    )
    assert client.post(unlock_url(target)).status_code == 404
    target.refresh_from_db()
    assert target.is_active
    assert target.check_password(PASSWORD)


def test_a_missing_user_answers_404_like_a_forbidden_one(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.admin).get(reverse("accounts:user_edit", args=[999999]))
    assert response.status_code == 404


# Passwords and lockout


def test_admin_sets_a_password_the_user_can_sign_in_with(
    personas: Personas, client_for: ClientFor
) -> None:
    target = personas.clinician
    response = client_for(personas.admin).post(
        password_url(target), {"password1": STRONG, "password2": STRONG}, follow=True
    )
    assert response.redirect_chain[0] == (edit_url(target), 302)
    assert "New password set for alice_clinician." in response.content.decode()
    target.refresh_from_db()
    assert target.check_password(STRONG)
    event = assert_audited("user.password_set", target, personas.admin)
    assert event.details == {"self_service": False}
    assert Client().login(username="alice_clinician", password=STRONG)


def test_set_password_rejects_weak_password(personas: Personas, client_for: ClientFor) -> None:
    target = personas.clinician
    response = client_for(personas.admin).post(
        password_url(target), {"password1": "password", "password2": "password"}
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(event_type="user.password_set").exists()


def test_unlock_clears_failures(personas: Personas, client_for: ClientFor) -> None:
    target = personas.clinician
    fail_sign_ins("alice_clinician", "10.0.0.9", settings.LOGIN_MAX_FAILURES)
    fail_sign_ins("alice_clinician", "10.0.0.8", 1)
    fail_sign_ins("sam_supervisor", "10.0.0.9", 2)
    client = client_for(personas.admin)
    assert "status-locked" in client.get(edit_url(target)).content.decode()
    response = client.post(unlock_url(target), follow=True)
    assert "Account alice_clinician unlocked" in response.content.decode()
    assert not LoginFailure.objects.filter(username="alice_clinician").exists()
    assert LoginFailure.objects.filter(username="sam_supervisor").count() == 2
    event = assert_audited("user.unlocked", target, personas.admin)
    assert event.details == {"failures_cleared": settings.LOGIN_MAX_FAILURES + 1}
    assert "status-locked" not in client.get(LIST).content.decode()


def test_unlock_accepts_post_only(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.admin).get(unlock_url(personas.clinician))
    assert response.status_code == 405
    assert not AuditEvent.objects.filter(event_type="user.unlocked").exists()

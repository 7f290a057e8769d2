"""Every change to accounts and sign-in state, each with its audit row in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.lockout import normalize_username, recent_failures
from crisisdesk.accounts.models import LoginFailure, RoleGrant, User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.record import SystemActor, changes, record_event
from crisisdesk.centers.models import Center


def _set_roles(user: User, roles: Iterable[Role]) -> None:
    wanted = {Role(role) for role in roles}
    RoleGrant.objects.filter(user=user).exclude(role__in=wanted).delete()
    have = {
        Role(role) for role in RoleGrant.objects.filter(user=user).values_list("role", flat=True)
    }
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=user, role=role) for role in sorted(wanted - have)]
    )
    user.forget_roles()


@transaction.atomic
def do_create_user(
    *,
    username: str,
    center: Center,
    roles: Iterable[Role],
    password: str,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    validate: bool = True,
    actor: User | SystemActor,
) -> User:
    user = User(
        username=username,
        center=center,
        full_name=full_name,
        email=email,
        is_superuser=is_superuser,
    )
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    _set_roles(user, roles)
    record_event(
        actor=actor,
        center=center,
        event_type="user.created",
        obj=user,
        details={"new": user.audit_snapshot()},
    )
    return user


@transaction.atomic
def do_update_user(
    user: User,
    *,
    full_name: str,
    email: str,
    roles: Iterable[Role],
    is_active: bool,
    supervisor: User | None = None,
    actor: User,
) -> User:
    before = user.audit_snapshot()
    if supervisor is not None and (
        supervisor.center_id != user.center_id or supervisor.pk == user.pk
    ):
        raise ValidationError(
            {"supervisor": "Choose another person of the same center as supervisor."}
        )
    user.full_name = full_name
    user.email = email
    user.is_active = is_active
    user.supervisor = supervisor
    user.full_clean()
    user.save(update_fields=["full_name", "email", "is_active", "supervisor"])
    _set_roles(user, roles)
    diff = changes(before, user.audit_snapshot())
    if diff["new"]:
        record_event(
            actor=actor, center=user.center, event_type="user.updated", obj=user, details=diff
        )
    return user


@transaction.atomic
def do_set_user_password(user: User, *, password: str, actor: User | SystemActor) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # Never the password or its hash: only that it changed.
    record_event(
        actor=actor,
        center=user.center,
        event_type="user.password_set",
        obj=user,
        details={"self_service": actor == user},
    )


@transaction.atomic
def do_unlock_account(user: User, *, actor: User) -> int:
    removed, _ = LoginFailure.objects.filter(username=normalize_username(user.username)).delete()
    record_event(
        actor=actor,
        center=user.center,
        event_type="user.unlocked",
        obj=user,
        details={"failures_cleared": removed},
    )
    return removed


@transaction.atomic
def do_record_login(user: User, *, client_address: str) -> None:
    LoginFailure.objects.filter(
        username=normalize_username(user.username), client_address=client_address
    ).delete()
    record_event(actor=user, center=user.center, event_type="auth.login", obj=user)


@transaction.atomic
def do_record_login_failure(*, username: str, client_address: str) -> bool:
    """Counts one failed sign-in; returns True when this failure locks the account."""
    key = normalize_username(username)
    # One count serves both questions: was the pair locked already, and does this failure lock it.
    earlier = recent_failures(key, client_address)
    was_locked = earlier >= settings.LOGIN_MAX_FAILURES
    LoginFailure.objects.create(username=key, client_address=client_address, at=timezone.now())
    user = User.objects.select_related("center").filter(username__iexact=key).first()
    now_locked = earlier + 1 >= settings.LOGIN_MAX_FAILURES
    record_event(
        actor=None,
        center=user.center if user else None,
        event_type="auth.login_failed",
        obj=user,
        details={"username": key, "known_account": user is not None},
    )
    if now_locked and not was_locked:
        record_event(
            actor=None,
            center=user.center if user else None,
            event_type="auth.locked_out",
            obj=user,
            details={"username": key},
        )
    return now_locked and not was_locked


@transaction.atomic
def do_record_logout(user: User, *, reason: str) -> None:
    record_event(
        actor=user,
        center=user.center,
        event_type="auth.logout",
        obj=user,
        details={"reason": reason},
    )

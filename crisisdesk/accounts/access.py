"""Reading accounts for administration. Missing and forbidden both answer 404."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import Http404

from crisisdesk.accounts.lockout import normalize_username, window_start
from crisisdesk.accounts.models import LoginFailure, User
from crisisdesk.accounts.permissions import Capability, user_can


def users_for(admin: User) -> QuerySet[User]:
    """The accounts an administrator manages: their own center's, or every one for a superuser."""
    if not user_can(admin, Capability.MANAGE_USERS):
        return User.objects.none()
    if admin.is_superuser:
        return User.objects.all()
    # Installation operators are not a center's to manage: an administrator who could set a
    # superuser's password would hold every center.
    return User.objects.filter(center_id=admin.center_id, is_superuser=False)


def access_managed_user(admin: User, user_id: int) -> User:
    user = users_for(admin).select_related("center").filter(pk=user_id).first()
    if user is None:
        raise Http404("No such account.")
    return user


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """The normalized usernames locked from at least one client address right now.

    Lockout counts failures per (username, address), so an account is shown as locked as soon as
    any one address has reached the limit within the window.
    """
    keys = {normalize_username(name) for name in usernames}
    if not keys:
        return set()
    locked = (
        LoginFailure.objects.filter(username__in=keys, at__gte=window_start())
        .values("username", "client_address")
        .annotate(failures=Count("id"))
        .filter(failures__gte=settings.LOGIN_MAX_FAILURES)
        .values_list("username", flat=True)
    )
    return set(locked)

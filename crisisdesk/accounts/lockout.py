"""Sign-in lockout: too many failures for one account from one address locks that pair."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from crisisdesk.accounts.models import LoginFailure


def normalize_username(username: str) -> str:
    return username.strip().lower()[:150]


def window_start(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def recent_failures(username: str, client_address: str) -> int:
    return LoginFailure.objects.filter(
        username=normalize_username(username),
        client_address=client_address,
        at__gte=window_start(),
    ).count()


def is_locked(username: str, client_address: str) -> bool:
    return recent_failures(username, client_address) >= settings.LOGIN_MAX_FAILURES

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from crisisdesk.accounts.models import User
from crisisdesk.core.tiles import nav_links


def shell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "nav_links": nav_links(user) if isinstance(user, User) else [],
        "demo_mode": settings.MODE == "demo",
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }

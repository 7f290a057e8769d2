from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest

from crisisdesk.accounts.models import User
from crisisdesk.core.tiles import nav_links
from crisisdesk.notices.access import unread_notice_count


def shell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "nav_links": nav_links(user) if isinstance(user, User) else [],
        "demo_mode": settings.MODE == "demo",
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        # Called (once, then cached) only by a template that shows it: the header of full pages,
        # not the polled fragments. No query for anonymous visitors.
        "unread_notices": (
            functools.cache(functools.partial(unread_notice_count, user))
            if isinstance(user, User)
            else 0
        ),
    }

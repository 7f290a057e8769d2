"""Signs out a session that has been idle longer than CRISISDESK_SESSION_IDLE_MINUTES."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from crisisdesk.accounts.actions import do_record_logout
from crisisdesk.accounts.models import User

LAST_ACTIVITY_KEY = "crisisdesk_last_activity"
# Requests that a page makes on its own (a board polling for changes) do not count as activity:
# otherwise an unattended console would never time out.
BACKGROUND_HEADER = "HTTP_X_CRISISDESK_BACKGROUND"


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int | float) and now - last > settings.SESSION_IDLE_MINUTES * 60:
                do_record_logout(user, reason="idle_timeout")
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.SESSION_IDLE_MINUTES} minutes "
                    "without activity.",
                )
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = settings.LOGIN_URL_PATH
                    return response
                return redirect_to_login(request.get_full_path())
            if request.META.get(BACKGROUND_HEADER) != "1":
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

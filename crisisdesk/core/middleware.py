"""Request context (id, client address) and per-center time zone."""

from __future__ import annotations

import re
import uuid
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from crisisdesk.audit.context import audit_context
from crisisdesk.core.client_address import client_address, is_trusted_proxy

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestContextMiddleware:
    """Gives each request an id and a client address, used by the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        remote = request.META.get("REMOTE_ADDR", "") or "unknown"
        address = client_address(
            remote, request.META.get("HTTP_X_FORWARDED_FOR"), settings.TRUSTED_PROXIES
        )
        request_id = uuid.uuid4().hex
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        if is_trusted_proxy(remote, settings.TRUSTED_PROXIES) and REQUEST_ID_PATTERN.match(
            incoming
        ):
            # Only a trusted proxy may name the request.
            request_id = incoming
        request.client_address = address  # type: ignore[attr-defined]
        request.request_id = request_id  # type: ignore[attr-defined]
        with audit_context(request_id, address):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class CenterTimeZoneMiddleware:
    """Shows times in the signed-in user's center time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = settings.DISPLAY_TIME_ZONE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            name = user.center.time_zone or name
        with timezone.override(zoneinfo.ZoneInfo(name)):
            return self.get_response(request)

"""Capacity updates from providers without an account: a secret link, and a JSON endpoint.

`/directory/capacity/<secret>/` shows the link's services with their current figures and a
form per service; `POST /api/v1/directory/capacity` takes the same figures as JSON with the
secret as a bearer token (`Authorization: Bearer <secret>`). Both authenticate by the secret
alone, ignore sessions and cookies (hence no CSRF token), count against the link's hourly
allowance (`search_actions.RATE_LIMIT`) and are audited with the link's label as the actor.

A link that is unknown or revoked answers 401: as JSON to programs, and as a short page to a
browser (one that asks for text/html), so that a provider with an old link knows whom to ask.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from crisisdesk.api.bodies import error_response, is_json, read_body
from crisisdesk.directory.models import Capacity, CapacityUnit, Service, ServiceAtLocation
from crisisdesk.directory.search_access import capacity_views, stale_after, token_services
from crisisdesk.directory.search_actions import (
    CapacityFigures,
    CapacityRefused,
    RateLimited,
    capacity_token_actor,
    capacity_token_digest,
    claim_capacity_update,
    do_update_capacity,
)
from crisisdesk.directory.search_forms import CapacityForm
from crisisdesk.directory.search_models import CapacityToken

MAX_BODY_BYTES = 16 * 1024
BEARER = re.compile(r"^Bearer[ ]+([A-Za-z0-9_\-]+)[ ]*$", re.IGNORECASE)
FIGURE_FIELDS = ("available", "total", "waitlist")

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def find_capacity_token(secret: str) -> CapacityToken | None:
    """The active link with this secret (of an active center); only digests meet the database."""
    if not secret or len(secret) > 100:
        return None
    return (
        CapacityToken.objects.select_related("center", "service", "organization")
        .filter(
            digest=capacity_token_digest(secret), revoked_at__isnull=True, center__is_active=True
        )
        .first()
    )


def _refusal(request: HttpRequest, message: str) -> HttpResponse:
    if "text/html" in request.headers.get("Accept", ""):
        response: HttpResponse = render(
            request, "directory/capacity_invalid.html", {"message": message}, status=401
        )
    else:
        response = JsonResponse({"errors": [{"path": "token", "message": message}]}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="crisisdesk", error="invalid_token"'
    return response


def _token_view(view: ViewFunc, secret_of: Callable[[HttpRequest, dict[str, Any]], str]) -> Any:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = find_capacity_token(secret_of(request, kwargs))
        if token is None:
            return _refusal(
                request,
                "This capacity link is not valid (unknown or revoked). Ask the 911 center's "
                "directory team for a new one.",
            )
        request.capacity_token = token  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    exempt = csrf_exempt(wrapper)
    # The URL-permission test counts token-authenticated views as checked.
    exempt.crisisdesk_token_auth = True  # type: ignore[attr-defined]
    return exempt


def require_capacity_link(view: ViewFunc) -> ViewFunc:
    """The secret is the URL's `secret` part."""
    result: ViewFunc = _token_view(view, lambda request, kwargs: str(kwargs.get("secret", "")))
    return result


def require_capacity_bearer(view: ViewFunc) -> ViewFunc:
    """The secret comes as `Authorization: Bearer <secret>`."""

    def secret_of(request: HttpRequest, kwargs: dict[str, Any]) -> str:
        match = BEARER.match(request.headers.get("Authorization", ""))
        return match.group(1) if match else ""

    result: ViewFunc = _token_view(view, secret_of)
    return result


def request_capacity_token(request: HttpRequest) -> CapacityToken:
    token = getattr(request, "capacity_token", None)
    if not isinstance(token, CapacityToken):
        raise RuntimeError("the view is not behind a capacity-token check")
    return token


@require_capacity_link
def capacity_update_page(request: HttpRequest, secret: str) -> HttpResponse:
    token = request_capacity_token(request)
    services = token_services(token)
    form = None
    if request.method == "POST":
        form = CapacityForm(request.POST, services=services)
        if form.is_valid():
            service = form.chosen_service()
            try:
                claim_capacity_update(token)
                do_update_capacity(
                    service,
                    form.figures(),
                    actor=capacity_token_actor(token),
                    label=token.label,
                )
            except RateLimited as limited:
                form.add_error(None, str(limited))
            except CapacityRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect(f"{request.path}?saved={service.hsds_id}")
    elif request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    context = _page_context(request, token, services, form)
    # No signed-in user here to set the time zone: the link's center decides.
    with timezone.override(context["zone"]):
        return render(
            request,
            "directory/capacity_update.html",
            context,
            status=400 if form is not None and form.errors else 200,
        )


def _page_context(
    request: HttpRequest,
    token: CapacityToken,
    services: list[Service],
    form: CapacityForm | None,
) -> dict[str, Any]:
    zone = ZoneInfo(token.center.time_zone)
    figures = capacity_views(token.center, [service.pk for service in services])
    rows = []
    for service in services:
        posted = form if form is not None and form.data.get("service") == service.hsds_id else None
        rows.append(
            {
                "service": service,
                "capacities": figures.get(service.pk, []),
                "form": posted or CapacityForm(services=services, initial={"service": service}),
            }
        )
    return {
        "token": token,
        "rows": rows,
        "zone": zone,
        "stale_hours": int(stale_after(token.center).total_seconds() // 3600),
        "saved": request.GET.get("saved", ""),
    }


@require_capacity_bearer
def capacity_api(request: HttpRequest) -> HttpResponse:
    """`POST /api/v1/directory/capacity` (README: the body and the answers)."""
    if request.method != "POST":
        return error_response(405, "(request)", "use POST", Allow="POST")
    if not is_json(request):
        return error_response(415, "Content-Type", "send the figures as application/json (UTF-8)")
    body = read_body(request, MAX_BODY_BYTES)
    if body is None:
        return error_response(413, "(body)", f"the body is larger than {MAX_BODY_BYTES} bytes")
    token = request_capacity_token(request)
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return error_response(400, "(body)", "is not valid UTF-8 JSON")
    parsed = _parse_api_body(token, data)
    if isinstance(parsed, JsonResponse):
        return parsed
    service, at_location, figures = parsed
    try:
        claim_capacity_update(token)
        capacity = do_update_capacity(
            service,
            figures,
            actor=capacity_token_actor(token),
            service_at_location=at_location,
            label=token.label,
        )
    except RateLimited as limited:
        return error_response(429, "(request)", str(limited), Retry_After="3600")
    except CapacityRefused as refused:
        return error_response(400, "(body)", str(refused))
    return JsonResponse(_capacity_json(capacity, service, at_location, token))


def _parse_api_body(
    token: CapacityToken, data: Any
) -> tuple[Service, ServiceAtLocation | None, CapacityFigures] | JsonResponse:
    if not isinstance(data, dict):
        return error_response(400, "(body)", "must be a JSON object")
    errors: list[dict[str, str]] = []
    allowed = {"service_id", "service_at_location_id", "unit", "note", "accepting_referrals"}
    for name in sorted(set(data) - allowed - set(FIGURE_FIELDS)):
        errors.append({"path": name, "message": "is not a field of a capacity update"})
    services = {service.hsds_id: service for service in token_services(token)}
    service_id = data.get("service_id")
    if service_id is None and token.service is not None:
        service_id = token.service.hsds_id
    service = services.get(service_id) if isinstance(service_id, str) else None
    if service is None:
        errors.append({"path": "service_id", "message": "is not a service this token may update"})
    unit = data.get("unit", CapacityUnit.BEDS.value)
    if unit not in CapacityUnit.values:
        errors.append(
            {"path": "unit", "message": f"must be one of {', '.join(CapacityUnit.values)}"}
        )
    figures: dict[str, int | None] = {}
    for name in FIGURE_FIELDS:
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            errors.append({"path": name, "message": "must be a whole number or null"})
            value = None
        figures[name] = value
    accepting = data.get("accepting_referrals")
    if accepting is not None and not isinstance(accepting, bool):
        errors.append({"path": "accepting_referrals", "message": "must be true, false or null"})
    note = data.get("note", "")
    if not isinstance(note, str):
        errors.append({"path": "note", "message": "must be text"})
        note = ""
    at_location = None
    sal_id = data.get("service_at_location_id")
    if sal_id is not None and service is not None:
        at_location = ServiceAtLocation.objects.filter(
            center_id=token.center_id, service=service, hsds_id=str(sal_id)
        ).first()
        if at_location is None:
            errors.append(
                {"path": "service_at_location_id", "message": "is not a location of this service"}
            )
    result = CapacityFigures(unit=str(unit), accepting_referrals=accepting, note=note, **figures)
    named = {error["path"] for error in errors}
    errors += [{"path": n, "message": m} for n, m in result.problems() if n not in named]
    if errors or service is None:
        return JsonResponse({"errors": errors}, status=400)
    return service, at_location, result


def _capacity_json(
    capacity: Capacity, service: Service, at_location: ServiceAtLocation | None, token: Any
) -> dict[str, Any]:
    return {
        "service_id": service.hsds_id,
        "service_at_location_id": at_location.hsds_id if at_location else None,
        "unit": capacity.unit,
        "available": capacity.available,
        "total": capacity.total,
        "waitlist": capacity.waitlist,
        "accepting_referrals": capacity.accepting_referrals,
        "note": capacity.note,
        "updated_at": capacity.updated_at.isoformat().replace("+00:00", "Z"),
        "stale_after_hours": int(stale_after(token.center).total_seconds() // 3600),
    }

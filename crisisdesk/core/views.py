"""Home page per role, health check, error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from crisisdesk.accounts.permissions import Capability, public, require, signed_in_user
from crisisdesk.core.tiles import tiles_for


@require(Capability.SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(request, "core/home.html", {"sections": tiles_for(user)})


@public
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: says whether the database answers, and nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)

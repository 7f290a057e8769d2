"""The resource sheet: add and remove resources, see it, print it as a PDF, send it as texts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.directory.search_access import entries_for
from crisisdesk.directory.search_views import safe_return
from crisisdesk.directory.sheet import (
    KEY_PATTERN,
    MAX_ITEMS,
    SheetFull,
    add_to_sheet,
    clear_sheet,
    remove_from_sheet,
    sheet_keys,
    sheet_rows,
)
from crisisdesk.directory.sheet_pdf import sheet_pdf
from crisisdesk.directory.sheet_text import gsm_length, sheet_message, split_segments


def _key_of_entry(request: HttpRequest) -> str | None:
    """The posted key, when it names a resource of the user's directory."""
    key = request.POST.get("key", "")
    match = KEY_PATTERN.match(key)
    if match is None:
        return None
    service_id, location_id = int(match[1]), int(match[2])
    user = signed_in_user(request)
    entries = entries_for(user).filter(service_id=service_id)
    if location_id:
        entries = entries.filter(location_id=location_id)
    else:
        entries = entries.filter(location__isnull=True)
    exists = entries.exists()
    return key if exists else None


def _fragment(request: HttpRequest, key: str, on_sheet: bool) -> HttpResponse:
    return render(
        request,
        "directory/_sheet_button.html",
        {"key": key, "on_sheet": on_sheet, "return_to": request.POST.get("next", "")},
    )


@require(Capability.SEARCH_DIRECTORY)
@require_POST
def sheet_add(request: HttpRequest) -> HttpResponse:
    key = _key_of_entry(request)
    fallback = reverse("directory:sheet")
    if key is None:
        messages.error(request, "That resource is not in the directory any more.")
        return redirect(safe_return(request, fallback))
    try:
        add_to_sheet(request, key)
    except SheetFull as full:
        messages.error(request, str(full))
        return redirect(safe_return(request, fallback))
    if request.headers.get("HX-Request"):
        return _fragment(request, key, True)
    messages.success(request, "Added to the resource sheet.")
    return redirect(safe_return(request, fallback))


@require(Capability.SEARCH_DIRECTORY)
@require_POST
def sheet_remove(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("key", "")
    remove_from_sheet(request, key)
    if request.headers.get("HX-Request") and request.POST.get("fragment") == "button":
        return _fragment(request, key, False)
    return redirect(safe_return(request, reverse("directory:sheet")))


@require(Capability.SEARCH_DIRECTORY)
@require_POST
def sheet_clear(request: HttpRequest) -> HttpResponse:
    clear_sheet(request)
    messages.success(request, "The resource sheet is empty.")
    return redirect("directory:sheet")


@require(Capability.SEARCH_DIRECTORY)
@require_GET
def sheet_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    now = timezone.now()
    rows = sheet_rows(user, sheet_keys(request), now)
    message = sheet_message([row.item for row in rows], header=f"Resources from {user.center}:")
    segments = split_segments(message) if rows else []
    context = {
        "rows": rows,
        "segments": [(segment, gsm_length(segment)) for segment in segments],
        "max_items": MAX_ITEMS,
    }
    return render(request, "directory/sheet.html", context)


@require(Capability.SEARCH_DIRECTORY)
@require_GET
def sheet_pdf_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    now = timezone.now()
    rows = sheet_rows(user, sheet_keys(request), now)
    if not rows:
        messages.error(request, "The resource sheet is empty: add resources from the search.")
        return redirect("directory:sheet")
    printed_at = now.astimezone(ZoneInfo(user.center.time_zone))
    content = sheet_pdf(
        [row.item for row in rows], center_name=user.center.name, printed_at=printed_at
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="resources.pdf"'
    # The sheet may name a confidential shelter's address: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response

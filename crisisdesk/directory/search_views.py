"""The directory search page (search as you type), a service's page, favourites."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.directory.hours import rules_from_text, status
from crisisdesk.directory.hours_text import describe
from crisisdesk.directory.models import Service
from crisisdesk.directory.search import (
    DirectoryQuery,
    IndexSnapshot,
    SearchOutcome,
    index_snapshot,
    result_for,
    search_directory,
)
from crisisdesk.directory.search_access import (
    access_directory_service,
    can_see_confidential,
    capacity_tokens_for,
    capacity_views,
    directory_settings,
    entries_for,
    favourite_service_ids,
    holiday_calendar,
    stale_after,
)
from crisisdesk.directory.search_actions import do_star_service, do_unstar_service
from crisisdesk.directory.search_forms import CapacityForm, CapacityTokenForm, SearchForm
from crisisdesk.directory.search_models import CapacityToken
from crisisdesk.directory.search_origin import Origin, OriginProblem, resolve_origin
from crisisdesk.directory.sheet import sheet_entry_ids

FILTER_FIELDS = ("need", "near", "radius", "language", "age", "gender", "insurance")


@dataclass(frozen=True)
class ReferralTarget:
    """Where "Add to referral" goes: the referral form for this encounter, or nowhere."""

    encounter_id: int | None

    def url(self, hsds_id: str) -> str:
        if self.encounter_id is None:
            return ""
        query = urlencode({"encounter": self.encounter_id, "directory_service": hsds_id})
        return f"{reverse('referrals:new')}?{query}"


def _search_form(request: HttpRequest, snapshot: IndexSnapshot) -> SearchForm:
    return SearchForm(
        request.GET or None,
        needs=snapshot.needs,
        languages=snapshot.choices("lang"),
        insurances=snapshot.choices("ins"),
    )


def _query(form: SearchForm, origin: Origin | None) -> DirectoryQuery:
    data = form.cleaned_data
    radius = float(data["radius"]) if data.get("radius") and origin is not None else None
    return DirectoryQuery(
        text=data.get("q") or "",
        need=data.get("need") or "",
        language=data.get("language") or "",
        age=data.get("age"),
        gender=data.get("gender") or "",
        insurance=data.get("insurance") or "",
        origin=origin.point if origin is not None else None,
        radius_km=radius,
        open_now=bool(data.get("open_now")),
        accepting=bool(data.get("accepting")),
        favourites=bool(data.get("favourites")),
    )


@require(Capability.SEARCH_DIRECTORY)
@require_GET
def directory_search(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    snapshot = index_snapshot(user.center)
    form = _search_form(request, snapshot)
    outcome: SearchOutcome | None = None
    origin: Origin | None = None
    encounter_id = None
    if form.is_valid():
        try:
            origin, encounter_id = resolve_origin(user, form.cleaned_data)
        except OriginProblem as problem:
            form.add_error(problem.field, str(problem))
        else:
            query = _query(form, origin)
            if not query.is_empty or origin is not None:
                outcome = search_directory(user, query, snapshot=snapshot)
    referral = ReferralTarget(encounter_id if _may_refer(user) else None)
    # URLs are put together here, not with {% url %} per result: reversing costs more than the
    # rest of a result's rendering, and this fragment is rendered at every keystroke.
    service_prefix = reverse("directory:service", args=["-"])[:-2]
    service_query = f"?encounter={referral.encounter_id}" if referral.encounter_id else ""
    for result in outcome.results if outcome else []:
        result.referral_url = referral.url(result.service_hsds_id)
        result.service_url = f"{service_prefix}{quote(result.service_hsds_id)}/{service_query}"
    context: dict[str, Any] = {
        "form": form,
        "outcome": outcome,
        "origin": origin,
        "referral": referral,
        "may_refer": _may_refer(user),
        "manages": user_can(user, Capability.MANAGE_DIRECTORY),
        "filter_fields": [form[name] for name in FILTER_FIELDS],
        "sheet_ids": set(sheet_entry_ids(request)),
        "return_to": request.get_full_path(),
    }
    partial = request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results"
    template = "directory/_results.html" if partial else "directory/search.html"
    return render(request, template, context, status=400 if form.errors else 200)


def _may_refer(user: User) -> bool:
    return user_can(user, Capability.MAKE_REFERRALS)


@require(Capability.SEARCH_DIRECTORY)
@require_GET
def service_page(request: HttpRequest, hsds_id: str) -> HttpResponse:
    user = signed_in_user(request)
    service = access_directory_service(user, hsds_id)
    center = user.center
    now = timezone.now()
    zone = ZoneInfo(center.time_zone)
    found_settings = directory_settings(center)
    holidays = holiday_calendar(center, now.astimezone(zone).date(), found_settings)
    sees_confidential = can_see_confidential(user)
    places = []
    for entry in entries_for(user).filter(service=service).order_by("location_name", "pk"):
        rules = rules_from_text(entry.hours)
        result = result_for(
            entry,
            sees_confidential=sees_confidential,
            status=status(rules, now, zone, holidays),
            now=now,
            zone=zone,
        )
        hours = describe(rules, now.astimezone(zone).date(), holidays)
        places.append({"result": result, "hours": hours})
    capacities = capacity_views(center, [service.pk], now=now).get(service.pk, [])
    encounter = request.GET.get("encounter", "")
    referral = ReferralTarget(int(encounter) if encounter.isdigit() and _may_refer(user) else None)
    manages = user_can(user, Capability.MANAGE_DIRECTORY)
    context = {
        "service": service,
        "places": places,
        "capacities": capacities,
        "favourite_result": {
            "service_hsds_id": service.hsds_id,
            "name": service.name,
            "favourite": service.pk in favourite_service_ids(user),
        },
        "referral_url": referral.url(service.hsds_id),
        "sheet_ids": set(sheet_entry_ids(request)),
        "stale_hours": int(stale_after(center, found_settings).total_seconds() // 3600),
        "manages": manages,
        "capacity_form": CapacityForm(services=[service], initial={"service": service})
        if manages
        else None,
        "token_form": CapacityTokenForm() if manages else None,
        "tokens": _tokens_of(user, service) if manages else [],
        "zone": zone,
        "return_to": request.get_full_path(),
    }
    return render(request, "directory/service.html", context)


def _tokens_of(user: User, service: Service) -> list[CapacityToken]:
    """Links that can update this service: its own, and its organization's."""
    scope = Q(service=service)
    if service.organization_id is not None:
        scope |= Q(organization_id=service.organization_id)
    return list(capacity_tokens_for(user).filter(scope).order_by("-created_at"))


def safe_return(request: HttpRequest, fallback: str) -> str:
    """The page to go back to: a path of this site only (never another host)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


@require(Capability.SEARCH_DIRECTORY)
@require_POST
def favourite_toggle(request: HttpRequest, hsds_id: str) -> HttpResponse:
    user = signed_in_user(request)
    service = access_directory_service(user, hsds_id)
    starred = request.POST.get("star") == "1"
    try:
        if starred:
            do_star_service(service, actor=user)
        else:
            do_unstar_service(service, actor=user)
    except ValidationError as refused:  # another center's service: cannot happen after access
        raise Http404(str(refused)) from None
    if request.headers.get("HX-Request"):
        shown = {"service_hsds_id": hsds_id, "name": service.name, "favourite": starred}
        return render(request, "directory/_favourite.html", {"result": shown})
    messages.success(
        request, f"{service.name} {'added to' if starred else 'removed from'} your favourites."
    )
    return redirect(safe_return(request, reverse("directory:service", args=[hsds_id])))

"""Reading search entries, favourites, capacity, capacity links and holiday settings.

Everything is scoped to the user's center; a record of another center and one that does not
exist both answer 404. Confidential addresses are decided here (`can_see_confidential`), not in
templates: a view hands templates only what the viewer may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.centers.models import Center
from crisisdesk.directory.holidays import HolidayCalendar, center_calendar
from crisisdesk.directory.models import Capacity, Service
from crisisdesk.directory.search_models import (
    CapacityToken,
    DirectoryHoliday,
    DirectorySettings,
    FavouriteService,
    ServiceSearchEntry,
)

CONFIDENTIAL_NOTICE = "Confidential location — call the intake line"


def can_search(user: User) -> bool:
    return user_can(user, Capability.SEARCH_DIRECTORY) or user_can(
        user, Capability.MANAGE_DIRECTORY
    )


def can_see_confidential(user: User) -> bool:
    return user_can(user, Capability.SEE_CONFIDENTIAL_LOCATIONS)


def directory_settings(center: Center) -> DirectorySettings:
    """The center's settings, or the defaults (unsaved) when it never changed them."""
    found = DirectorySettings.objects.filter(center=center).first()
    return found or DirectorySettings(center=center)


def stale_after(center: Center, found: DirectorySettings | None = None) -> timedelta:
    found = found or directory_settings(center)
    return timedelta(hours=found.capacity_stale_hours or settings.CAPACITY_STALE_HOURS)


def holiday_calendar(
    center: Center, around: date, found: DirectorySettings | None = None
) -> HolidayCalendar:
    """Federal holidays (unless turned off) and the center's own dates, for the years around
    `around` (so that "opens next" across New Year sees both)."""
    found = found or directory_settings(center)
    years = range(around.year - 1, around.year + 2)
    custom = DirectoryHoliday.objects.filter(center=center, date__year__in=list(years)).values_list(
        "date", "name"
    )
    return center_calendar(years, federal=found.observe_federal_holidays, custom=custom)


def holidays_of(user: User) -> QuerySet[DirectoryHoliday]:
    if not user_can(user, Capability.MANAGE_DIRECTORY):
        return DirectoryHoliday.objects.none()
    return DirectoryHoliday.objects.filter(center_id=user.center_id)


def access_holiday(user: User, holiday_id: int) -> DirectoryHoliday:
    found = holidays_of(user).filter(pk=holiday_id).first()
    if found is None:
        raise Http404("No such holiday.")
    return found


def entries_for(user: User) -> QuerySet[ServiceSearchEntry]:
    if not can_search(user):
        return ServiceSearchEntry.objects.none()
    return ServiceSearchEntry.objects.filter(center_id=user.center_id)


def access_entry(user: User, entry_id: int) -> ServiceSearchEntry:
    found = entries_for(user).filter(pk=entry_id).first()
    if found is None:
        raise Http404("No such service.")
    return found


def access_directory_service(user: User, hsds_id: str) -> Service:
    """A service of the user's directory by its HSDS id."""
    found = None
    if can_search(user):
        found = (
            Service.objects.filter(center_id=user.center_id, hsds_id=hsds_id)
            .select_related("organization", "center")
            .first()
        )
    if found is None:
        raise Http404("No such service.")
    return found


def favourite_service_ids(user: User) -> set[int]:
    return set(
        FavouriteService.objects.filter(user=user, center_id=user.center_id).values_list(
            "service_id", flat=True
        )
    )


@dataclass(frozen=True)
class CapacityView:
    """One capacity figure as a page shows it."""

    unit: str
    available: int | None
    total: int | None
    waitlist: int | None
    accepting_referrals: bool | None
    note: str
    updated_at: datetime
    updated_by: str
    stale: bool
    service_at_location_id: int | None

    @property
    def figures(self) -> str:
        """'3 of 12 beds free', '3 beds free', '12 beds'."""
        unit = self.unit
        if self.available is not None and self.total is not None:
            text = f"{self.available} of {self.total} {unit} free"
        elif self.available is not None:
            text = f"{self.available} {unit} free"
        elif self.total is not None:
            text = f"{self.total} {unit}"
        else:
            text = f"{unit.capitalize()}: not stated"
        if self.waitlist:
            text += f", {self.waitlist} waiting"
        return text

    @property
    def accepting_text(self) -> str:
        if self.accepting_referrals is None:
            return ""
        return "Accepting referrals" if self.accepting_referrals else "Not accepting referrals"


def capacity_views(
    center: Center,
    service_ids: Iterable[int],
    *,
    now: datetime | None = None,
    stale: timedelta | None = None,
) -> dict[int, list[CapacityView]]:
    """Current capacity of services, by service id, each marked stale when too old."""
    now = now or timezone.now()
    cutoff = now - (stale or stale_after(center))
    found: dict[int, list[CapacityView]] = defaultdict(list)
    rows = (
        Capacity.objects.filter(center=center, service_id__in=list(service_ids))
        .order_by("service_id", "unit", "pk")
        .values_list(
            "service_id",
            "unit",
            "available",
            "total",
            "waitlist",
            "accepting_referrals",
            "note",
            "updated_at",
            "updated_by_label",
            "updated_by__username",
            "service_at_location_id",
        )
    )
    for (
        service_id,
        unit,
        available,
        total,
        waitlist,
        accepting,
        note,
        at,
        label,
        username,
        sal,
    ) in rows:
        found[service_id].append(
            CapacityView(
                unit=unit,
                available=available,
                total=total,
                waitlist=waitlist,
                accepting_referrals=accepting,
                note=note,
                updated_at=at,
                updated_by=label or username or "",
                stale=at < cutoff,
                service_at_location_id=sal,
            )
        )
    return found


def capacity_tokens_for(user: User) -> QuerySet[CapacityToken]:
    if not user_can(user, Capability.MANAGE_DIRECTORY):
        return CapacityToken.objects.none()
    return CapacityToken.objects.filter(center_id=user.center_id)


def access_capacity_token(user: User, token_id: int) -> CapacityToken:
    found = capacity_tokens_for(user).filter(pk=token_id).first()
    if found is None:
        raise Http404("No such capacity link.")
    return found


def token_services(token: CapacityToken) -> list[Service]:
    """The services a capacity link may update: its one service, or its organization's."""
    services = Service.objects.filter(center_id=token.center_id).select_related("organization")
    if token.service_id is not None:
        services = services.filter(pk=token.service_id)
    elif token.organization_id is not None:
        services = services.filter(organization_id=token.organization_id)
    else:
        return []
    return list(services.order_by("name", "pk"))


@dataclass(frozen=True)
class ServiceForReferral:
    """A directory service as the referral form fills it in (`referrals.actions.ServiceDetails`
    has the same fields): the address only as the user may see it."""

    name: str
    organization: str
    phone: str
    address: str
    external_id: str


def service_for_referral(user: User, hsds_id: str) -> ServiceForReferral:
    """For `/referrals/new/?directory_service=<hsds id>`: 404 for a service of another center or
    none; a confidential location's address left empty for who may not see it."""
    service = access_directory_service(user, hsds_id)
    entry = entries_for(user).filter(service=service).order_by("confidential", "pk").first()
    address = ""
    if entry is not None and (not entry.confidential or can_see_confidential(user)):
        address = entry.address
    return ServiceForReferral(
        name=service.name,
        organization=service.organization.name if service.organization else "",
        phone=entry.intake_phone or entry.phone if entry is not None else "",
        address=address,
        external_id=service.hsds_id,
    )

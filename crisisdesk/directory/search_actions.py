"""Changes made from the search side of the directory, each with its audit row.

Favourites, capacity updates, capacity links (create, revoke) and the center's directory
settings and holidays. Audit details hold ids, figures and field names: never a note's text.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import SystemActor, changes, record_event
from crisisdesk.centers.models import Center
from crisisdesk.directory.models import (
    Capacity,
    CapacityUnit,
    Organization,
    Service,
    ServiceAtLocation,
)
from crisisdesk.directory.search_models import (
    CapacityToken,
    DirectoryHoliday,
    DirectorySettings,
    FavouriteService,
)

TOKEN_PREFIX_LENGTH = 8
RATE_WINDOW = timedelta(hours=1)
RATE_LIMIT = 60  # updates an hour through one link: a bed board posting every minute fits
MAX_FIGURE = 100_000
NOTE_LENGTH = 200


class CapacityRefused(Exception):
    """The update was not made; the message says why, for the person who sent it."""


class RateLimited(CapacityRefused):
    pass


def capacity_token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def capacity_token_actor(token: CapacityToken) -> SystemActor:
    """The audit trail names a link by its label and id: 'system:capacity-link-3:Harbor...'."""
    return SystemActor(f"capacity-link-{token.pk}:{token.label}")


@transaction.atomic
def do_star_service(service: Service, *, actor: User) -> bool:
    """False when the service already was a favourite."""
    if service.center_id != actor.center_id:
        raise ValidationError("That service belongs to another center.")
    try:
        with transaction.atomic():
            FavouriteService.objects.create(
                center_id=service.center_id,
                user=actor,
                service=service,
                created_at=timezone.now(),
            )
    except IntegrityError:
        return False
    record_event(
        actor=actor,
        center=service.center,
        event_type="directory.favourite_added",
        obj=service,
        details={"service": service.hsds_id},
    )
    return True


@transaction.atomic
def do_unstar_service(service: Service, *, actor: User) -> bool:
    deleted, _ = FavouriteService.objects.filter(user=actor, service=service).delete()
    if not deleted:
        return False
    record_event(
        actor=actor,
        center=service.center,
        event_type="directory.favourite_removed",
        obj=service,
        details={"service": service.hsds_id},
    )
    return True


@dataclass(frozen=True)
class CapacityFigures:
    """What a provider sends: every field is the new value (None: not stated, or unknown)."""

    unit: str
    available: int | None = None
    total: int | None = None
    waitlist: int | None = None
    accepting_referrals: bool | None = None
    note: str = ""

    def problems(self) -> list[tuple[str, str]]:
        found = []
        if self.unit not in CapacityUnit.values:
            found.append(("unit", f"must be one of {', '.join(CapacityUnit.values)}"))
        for name in ("available", "total", "waitlist"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= MAX_FIGURE:
                found.append((name, f"must be a whole number from 0 to {MAX_FIGURE}"))
        if self.available is not None and self.total is not None and self.available > self.total:
            found.append(("available", "cannot be more than the total"))
        if len(self.note) > NOTE_LENGTH:
            found.append(("note", f"at most {NOTE_LENGTH} characters"))
        return found


@transaction.atomic
def do_update_capacity(
    service: Service,
    figures: CapacityFigures,
    *,
    actor: User | SystemActor,
    service_at_location: ServiceAtLocation | None = None,
    label: str = "",
) -> Capacity:
    """Sets a service's (or a service at one location's) capacity for one unit; timestamped
    now and audited with the old and new figures. `label` names a non-user sender."""
    problems = figures.problems()
    if problems:
        raise CapacityRefused("; ".join(f"{name}: {message}" for name, message in problems))
    if service_at_location is not None and service_at_location.service_id != service.pk:
        raise CapacityRefused("service_at_location: not a location of this service")
    now = timezone.now()
    values = {
        "available": figures.available,
        "total": figures.total,
        "waitlist": figures.waitlist,
        "accepting_referrals": figures.accepting_referrals,
        "note": figures.note.strip(),
        "updated_at": now,
        "updated_by": actor if isinstance(actor, User) else None,
        "updated_by_label": label[:100],
    }
    capacity = (
        Capacity.objects.select_for_update()
        .filter(service=service, unit=figures.unit, service_at_location=service_at_location)
        .first()
    )
    before = _figures(capacity) if capacity is not None else {}
    if capacity is None:
        capacity = Capacity(
            center_id=service.center_id,
            service=service,
            service_at_location=service_at_location,
            unit=figures.unit,
        )
    for name, value in values.items():
        setattr(capacity, name, value)
    capacity.save()
    after = _figures(capacity)
    record_event(
        actor=actor,
        center=service.center,
        event_type="directory.capacity_updated",
        obj=capacity,
        details={
            "service": service.hsds_id,
            "service_at_location": service_at_location.hsds_id if service_at_location else None,
            "unit": figures.unit,
            **changes(before, after),
            "note_changed": before.get("note_length") != after.get("note_length"),
        },
    )
    return capacity


def _figures(capacity: Capacity) -> dict[str, object]:
    return {
        "available": capacity.available,
        "total": capacity.total,
        "waitlist": capacity.waitlist,
        "accepting_referrals": capacity.accepting_referrals,
        "note_length": len(capacity.note),
    }


@transaction.atomic
def do_create_capacity_token(
    *,
    center: Center,
    label: str,
    service: Service | None = None,
    organization: Organization | None = None,
    actor: User,
) -> tuple[CapacityToken, str]:
    """A new link for one service or one organization's services; the secret is returned once
    (only its digest is stored)."""
    if not user_can(actor, Capability.MANAGE_DIRECTORY) or actor.center_id != center.pk:
        raise ValidationError("Only directory managers of this center make capacity links.")
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": "Say who will use the link."})
    if (service is None) == (organization is None):
        raise ValidationError("A link is for one service or for one organization.")
    scope = service or organization
    if scope is not None and scope.center_id != center.pk:
        raise ValidationError("That service belongs to another center.")
    secret = secrets.token_urlsafe(32)
    token = CapacityToken.objects.create(
        center=center,
        label=label[:100],
        service=service,
        organization=organization,
        prefix=secret[:TOKEN_PREFIX_LENGTH],
        digest=capacity_token_digest(secret),
        created_at=timezone.now(),
        created_by=actor,
    )
    record_event(
        actor=actor,
        center=center,
        event_type="directory.capacity_link_created",
        obj=token,
        details={
            "service": service.hsds_id if service else None,
            "organization": organization.hsds_id if organization else None,
            "prefix": token.prefix,
        },
    )
    return token, secret


@transaction.atomic
def do_revoke_capacity_token(token: CapacityToken, *, actor: User) -> bool:
    """Revokes at once; False when it already was revoked."""
    changed = CapacityToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    if not changed:
        return False
    record_event(
        actor=actor,
        center=token.center,
        event_type="directory.capacity_link_revoked",
        obj=token,
        details={"prefix": token.prefix},
    )
    return True


def claim_capacity_update(token: CapacityToken) -> None:
    """Counts one update against the link's hourly allowance (compare-and-set, so concurrent
    requests cannot both take the last one); raises RateLimited when it is spent."""
    now = timezone.now()
    window_open = Q(window_started_at__gt=now - RATE_WINDOW)
    counted = CapacityToken.objects.filter(
        window_open, pk=token.pk, window_updates__lt=RATE_LIMIT
    ).update(window_updates=F("window_updates") + 1, last_used_at=now)
    if counted:
        return
    restarted = (
        CapacityToken.objects.filter(pk=token.pk)
        .filter(Q(window_started_at__isnull=True) | Q(window_started_at__lte=now - RATE_WINDOW))
        .update(window_started_at=now, window_updates=1, last_used_at=now)
    )
    if not restarted:
        raise RateLimited(
            f"Too many updates through this link: at most {RATE_LIMIT} an hour. Try again later."
        )


@transaction.atomic
def do_update_directory_settings(
    center: Center,
    *,
    observe_federal_holidays: bool,
    capacity_stale_hours: int | None,
    actor: User,
) -> DirectorySettings:
    found, _ = DirectorySettings.objects.select_for_update().get_or_create(center=center)
    before = {
        "observe_federal_holidays": found.observe_federal_holidays,
        "capacity_stale_hours": found.capacity_stale_hours,
    }
    found.observe_federal_holidays = observe_federal_holidays
    found.capacity_stale_hours = capacity_stale_hours
    found.full_clean()
    found.save()
    after = {
        "observe_federal_holidays": observe_federal_holidays,
        "capacity_stale_hours": capacity_stale_hours,
    }
    record_event(
        actor=actor,
        center=center,
        event_type="directory.settings_changed",
        obj=found,
        details=changes(before, after),
    )
    return found


@transaction.atomic
def do_add_directory_holiday(
    center: Center, *, day: date, name: str, actor: User
) -> DirectoryHoliday:
    name = " ".join(name.split())[:100] or "Holiday"
    if DirectoryHoliday.objects.filter(center=center, date=day).exists():
        raise ValidationError({"date": f"{day:%b} {day.day}, {day.year} is already a holiday."})
    holiday = DirectoryHoliday.objects.create(center=center, date=day, name=name)
    record_event(
        actor=actor,
        center=center,
        event_type="directory.holiday_added",
        obj=holiday,
        details={"date": day},
    )
    return holiday


@transaction.atomic
def do_remove_directory_holiday(holiday: DirectoryHoliday, *, actor: User) -> None:
    center, day, pk = holiday.center, holiday.date, holiday.pk
    holiday.delete()
    record_event(
        actor=actor,
        center=center,
        event_type="directory.holiday_removed",
        object_type="directory.directoryholiday",
        object_id=str(pk),
        details={"date": day},
    )

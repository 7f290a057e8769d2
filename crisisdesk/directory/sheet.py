"""The resource sheet being put together for a person: kept in the session, never stored.

The session holds only keys "<service pk>-<location pk or 0>" (stable across index rebuilds),
at most `MAX_ITEMS`; nothing about the person. Items are built for the viewer: a confidential
location's address is replaced by the intake line for whoever may not see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpRequest

from crisisdesk.accounts.models import User
from crisisdesk.directory.hours import rules_from_text
from crisisdesk.directory.hours_text import describe
from crisisdesk.directory.search_access import (
    CONFIDENTIAL_NOTICE,
    can_see_confidential,
    entries_for,
    holiday_calendar,
)
from crisisdesk.directory.search_models import ServiceSearchEntry
from crisisdesk.directory.sheet_text import SheetItem

SESSION_KEY = "directory_sheet"
MAX_ITEMS = 20
KEY_PATTERN = re.compile(r"^(\d{1,18})-(\d{1,18})$")


def entry_key(entry: ServiceSearchEntry) -> str:
    return f"{entry.service_id}-{entry.location_id or 0}"


def sheet_keys(request: HttpRequest) -> list[str]:
    stored = request.session.get(SESSION_KEY, [])
    if not isinstance(stored, list):
        return []
    return [key for key in stored if isinstance(key, str) and KEY_PATTERN.match(key)]


def sheet_entry_ids(request: HttpRequest) -> list[str]:
    """The keys on the sheet (results compare their own key with these)."""
    return sheet_keys(request)


class SheetFull(Exception):
    pass


def add_to_sheet(request: HttpRequest, key: str) -> bool:
    """False when it already is on the sheet. Raises SheetFull at `MAX_ITEMS`."""
    keys = sheet_keys(request)
    if key in keys:
        return False
    if len(keys) >= MAX_ITEMS:
        raise SheetFull(f"A sheet holds at most {MAX_ITEMS} resources: remove one first.")
    request.session[SESSION_KEY] = [*keys, key]
    return True


def remove_from_sheet(request: HttpRequest, key: str) -> bool:
    keys = sheet_keys(request)
    if key not in keys:
        return False
    request.session[SESSION_KEY] = [k for k in keys if k != key]
    return True


def clear_sheet(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


@dataclass(frozen=True)
class SheetRow:
    key: str
    service_hsds_id: str
    item: SheetItem


def sheet_rows(user: User, keys: list[str], now: datetime) -> list[SheetRow]:
    """The sheet's resources in the order they were added; ones gone from the directory are
    left out."""
    wanted = {}
    for key in keys:
        match = KEY_PATTERN.match(key)
        if match:
            wanted[key] = (int(match[1]), int(match[2]) or None)
    entries = entries_for(user).filter(service_id__in=[s for s, _ in wanted.values()])
    by_key = {entry_key(entry): entry for entry in entries}
    zone = ZoneInfo(user.center.time_zone)
    today = now.astimezone(zone).date()
    holidays = holiday_calendar(user.center, today)
    sees_confidential = can_see_confidential(user)
    rows = []
    for key in wanted:
        entry = by_key.get(key)
        if entry is None:
            continue
        hidden = entry.confidential and not sees_confidential
        note = ""
        if hidden:
            note = CONFIDENTIAL_NOTICE + (f" {entry.intake_phone}" if entry.intake_phone else "")
        elif entry.intake_phone and entry.intake_phone != entry.phone:
            note = f"Intake line {entry.intake_phone}"
        item = SheetItem(
            name=entry.name,
            organization=entry.organization,
            phone=entry.phone,
            address="" if hidden else entry.address,
            hours=tuple(describe(rules_from_text(entry.hours), today, holidays)),
            note=note,
        )
        rows.append(SheetRow(key, entry.service_hsds_id, item))
    return rows

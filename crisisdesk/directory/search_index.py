"""The search index: HSDS tables copied into one row per service at a location, with its words.

`refresh_search_index(center)` rebuilds a center's index in one transaction (the import and the
demo call it after writing). `ensure_search_index(center)` is the worker-free way to keep it
fresh: at most once a minute (per center, whichever process comes first) it compares a
fingerprint of the HSDS tables (row counts, highest ids, latest `last_modified`) with the one
the index was built from, and rebuilds when they differ. An import that edits records in place
without adding any should call `refresh_search_index` itself.

The index is derived data, like a cache: it holds nothing that is not in the HSDS tables, so it
is rebuilt without an audit row. Inactive and defunct services are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from crisisdesk.centers.models import Center
from crisisdesk.directory import models as hsds
from crisisdesk.directory.eligibility import classify_term, eligibility_summary, language_code
from crisisdesk.directory.hours import ScheduleRow, compile_rows, rules_to_text
from crisisdesk.directory.search_core import facet_key, index_words
from crisisdesk.directory.search_models import (
    SearchIndexState,
    ServiceSearchEntry,
    ServiceSearchWord,
)

SEARCHABLE_STATUSES = (hsds.ServiceStatus.ACTIVE, hsds.ServiceStatus.TEMPORARILY_CLOSED)
DESCRIPTION_WORDS = 40
SUMMARY_LENGTH = 240
CHECK_INTERVAL = timedelta(minutes=1)
WORD_BATCH = 5000
FINGERPRINT_MODELS: tuple[type[models.Model], ...] = (
    hsds.Organization,
    hsds.Service,
    hsds.Location,
    hsds.Address,
    hsds.ServiceAtLocation,
    hsds.Phone,
    hsds.Language,
    hsds.Schedule,
    hsds.Attribute,
    hsds.TaxonomyTerm,
    hsds.IntakePoint,
    hsds.Metadata,
)
TEXT_SCHEDULE_FIELDS = frozenset(
    {"freq", "byday", "bymonthday", "wkst", "opens_at_offset", "description", "notes"}
)
SCHEDULE_FIELDS = [
    "freq",
    "byday",
    "bymonthday",
    "interval",
    "count",
    "wkst",
    "dtstart",
    "until",
    "valid_from",
    "valid_to",
    "opens_at",
    "closes_at",
    "opens_at_offset",
    "timezone",
    "description",
    "notes",
]


def fingerprint(center: Center) -> str:
    parts = []
    for model in FINGERPRINT_MODELS:
        found = model._default_manager.filter(center=center).aggregate(n=Count("pk"), top=Max("pk"))
        parts.append(f"{found['n']}:{found['top'] or 0}")
    modified = hsds.Service.objects.filter(center=center).aggregate(at=Max("last_modified"))["at"]
    parts.append(modified.isoformat() if modified else "-")
    return "|".join(parts)


def ensure_search_index(center: Center) -> SearchIndexState:
    """The center's index state, rebuilt first when the HSDS tables changed since it was built
    (checked at most once a minute per center). Usually one indexed read."""
    state = SearchIndexState.objects.filter(center=center).first()
    now = timezone.now()
    if state is None:
        return refresh_search_index(center)
    if state.built_at is not None and state.checked_at and now - state.checked_at < CHECK_INTERVAL:
        return state
    # Compare-and-set: one process checks, the others go on with the index they have.
    claimed = SearchIndexState.objects.filter(pk=state.pk, checked_at=state.checked_at).update(
        checked_at=now
    )
    if not claimed and state.built_at is not None:
        return state
    if state.built_at is None or fingerprint(center) != state.fingerprint:
        return refresh_search_index(center)
    state.checked_at = now
    return state


@dataclass
class _Service:
    """What the index needs of one service, gathered from the HSDS tables."""

    row: dict[str, Any]
    organization: str = ""
    organization_words: str = ""
    need_names: list[str] = field(default_factory=list)
    need_keys: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    insurances: set[str] = field(default_factory=set)
    languages: dict[str, str] = field(default_factory=dict)  # key -> name as written
    phone: str = ""
    intake_phone: str = ""
    schedules: list[ScheduleRow] = field(default_factory=list)


@transaction.atomic
def refresh_search_index(center: Center) -> SearchIndexState:
    """Rebuilds the center's search index from its HSDS tables; returns the new state."""
    state, _ = SearchIndexState.objects.select_for_update().get_or_create(center=center)
    ServiceSearchWord.objects.filter(center=center).delete()
    ServiceSearchEntry.objects.filter(center=center).delete()
    zone = ZoneInfo(center.time_zone)
    services = _gather(center)
    entries: list[ServiceSearchEntry] = []
    words: list[list[str]] = []
    locations = _locations(center)
    by_service = _service_at_locations(center, services)
    location_schedules = _schedules(center, "location_id")
    sal_schedules = _schedules(center, "service_at_location_id")
    sal_phones = _phones(center, "service_at_location_id")
    location_languages = _languages(center, "location_id")
    for service_pk, gathered in services.items():
        places = by_service.get(service_pk) or [(None, None)]
        for sal_pk, location_pk in places:
            location = locations.get(location_pk) if location_pk else None
            schedules = (
                (sal_schedules.get(sal_pk, []) if sal_pk else [])
                or gathered.schedules
                or (location_schedules.get(location_pk, []) if location_pk else [])
            )
            entry, entry_words = _entry(
                center,
                gathered,
                location,
                sal_pk,
                schedules,
                phone=sal_phones.get(sal_pk, "") if sal_pk else "",
                place_languages=location_languages.get(location_pk, {}) if location_pk else {},
                zone=zone,
            )
            entries.append(entry)
            words.append(entry_words)
    created = ServiceSearchEntry.objects.bulk_create(entries, batch_size=1000)
    if created and created[0].pk is None:  # a backend that cannot return ids from bulk inserts
        pks = list(
            ServiceSearchEntry.objects.filter(center=center).order_by("pk").values_list("pk")
        )
        for entry, (pk,) in zip(created, pks, strict=True):
            entry.pk = pk
    _insert_words(center, zip((entry.pk for entry in created), words, strict=True))
    now = timezone.now()
    state.version += 1
    state.fingerprint = fingerprint(center)
    state.built_at = state.checked_at = now
    state.entries = len(created)
    state.save()
    return state


def _insert_words(center: Center, rows: Iterable[tuple[int, list[str]]]) -> None:
    """Plain INSERTs (COPY on PostgreSQL): half a million word rows through the ORM would take
    minutes."""
    table = connection.ops.quote_name(ServiceSearchWord._meta.db_table)
    columns = "(center_id, entry_id, word)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for pk, entry_words in rows:
                    for word in entry_words:
                        copy.write_row((center.pk, pk, word))
            return
        sql = f"INSERT INTO {table} {columns} VALUES (%s, %s, %s)"  # noqa: S608
        batch: list[tuple[int, int, str]] = []
        for pk, entry_words in rows:
            batch.extend((center.pk, pk, word) for word in entry_words)
            if len(batch) >= WORD_BATCH:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def _gather(center: Center) -> dict[int, _Service]:
    services: dict[int, _Service] = {
        row["pk"]: _Service(dict(row))
        for row in hsds.Service.objects.filter(center=center, status__in=SEARCHABLE_STATUSES)
        .order_by("pk")
        .values(
            "pk",
            "hsds_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "status",
            "organization_id",
            "minimum_age",
            "maximum_age",
            "eligibility_description",
            "fees",
            "fees_description",
        )
    }
    organizations = {
        row["pk"]: row
        for row in hsds.Organization.objects.filter(center=center).values(
            "pk", "name", "alternate_name"
        )
    }
    for gathered in services.values():
        org = organizations.get(gathered.row["organization_id"])
        if org is not None:
            gathered.organization = org["name"]
            gathered.organization_words = " ".join(
                index_words(f"{org['name']} {org['alternate_name']}")
            )
    _gather_terms(center, services)
    for service_pk, languages in _languages(center, "service_id").items():
        if service_pk in services:
            services[service_pk].languages.update(languages)
    for service_pk, number in _phones(center, "service_id").items():
        if service_pk in services:
            services[service_pk].phone = number
    org_phones = _phones(center, "organization_id")
    for gathered in services.values():
        if not gathered.phone:
            gathered.phone = org_phones.get(gathered.row["organization_id"], "")
    intake = hsds.IntakePoint.objects.filter(center=center, service__isnull=False)
    for service_pk, number in intake.exclude(phone_number="").values_list(
        "service_id", "phone_number"
    ):
        if service_pk in services and not services[service_pk].intake_phone:
            services[service_pk].intake_phone = number
    for service_pk, rows in _schedules(center, "service_id").items():
        if service_pk in services:
            services[service_pk].schedules = rows
    for service_pk, amount in hsds.CostOption.objects.filter(
        center=center, service__isnull=False, amount=0
    ).values_list("service_id", "amount"):
        if service_pk in services and amount == 0:
            services[service_pk].insurances.add("free")
    return services


def _gather_terms(center: Center, services: dict[int, _Service]) -> None:
    terms: dict[int, dict[str, Any]] = {
        row["pk"]: dict(row)
        for row in hsds.TaxonomyTerm.objects.filter(center=center).values(
            "pk", "code", "name", "parent_id", "taxonomy", "taxonomy_detail__name"
        )
    }
    links = hsds.Attribute.objects.filter(
        center=center, service__isnull=False, taxonomy_term__isnull=False
    ).values_list("service_id", "taxonomy_term_id")
    for service_pk, term_pk in links:
        gathered = services.get(service_pk)
        term = terms.get(term_pk)
        if gathered is None or term is None:
            continue
        taxonomy = f"{term['taxonomy']} {term['taxonomy_detail__name'] or ''}"
        facet, value = classify_term(term["code"], term["name"], taxonomy)
        if facet == "gender":
            gathered.genders.add(value)
        elif facet == "insurance":
            gathered.insurances.add(value)
        else:
            if term["name"] not in gathered.need_names:
                gathered.need_names.append(term["name"])
            seen: set[int] = set()
            current: dict[str, Any] | None = term
            while current is not None and current["pk"] not in seen:  # parents, guarding loops
                seen.add(current["pk"])
                gathered.need_keys.add(str(current["pk"]))
                current = terms.get(current["parent_id"]) if current["parent_id"] else None


def _locations(center: Center) -> dict[int, dict[str, Any]]:
    locations = {
        row["pk"]: {**row, "address": ""}
        for row in hsds.Location.objects.filter(center=center).values(
            "pk", "name", "latitude", "longitude", "confidential"
        )
    }
    addresses = (
        hsds.Address.objects.filter(center=center, location__isnull=False)
        .order_by("location_id", "address_type", "pk")  # "physical" before "postal"
        .values_list(
            "location_id", "address_1", "address_2", "city", "state_province", "postal_code"
        )
    )
    for location_pk, line1, line2, city, state, postal in addresses:
        location = locations.get(location_pk)
        if location is not None and not location["address"]:
            street = ", ".join(part for part in (line1, line2) if part)
            region = " ".join(part for part in (state, postal) if part)
            location["address"] = ", ".join(part for part in (street, city, region) if part)
    return locations


def _service_at_locations(
    center: Center, services: dict[int, _Service]
) -> dict[int, list[tuple[int | None, int | None]]]:
    found: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    rows = hsds.ServiceAtLocation.objects.filter(center=center, service__isnull=False)
    for pk, service_pk, location_pk in rows.order_by("pk").values_list(
        "pk", "service_id", "location_id"
    ):
        if service_pk in services:
            found[service_pk].append((pk, location_pk))
    return found


def _schedules(center: Center, owner: str) -> dict[int, list[ScheduleRow]]:
    found: dict[int, list[ScheduleRow]] = defaultdict(list)
    rows = hsds.Schedule.objects.filter(
        Q(**{f"{owner}__isnull": False}), center=center, intake_point__isnull=True
    )
    for row in rows.order_by("pk").values(owner, *SCHEDULE_FIELDS):
        values: dict[str, Any] = {
            name: "" if row[name] is None and name in TEXT_SCHEDULE_FIELDS else row[name]
            for name in SCHEDULE_FIELDS
        }
        found[row[owner]].append(ScheduleRow(**values))
    return found


def _phones(center: Center, owner: str) -> dict[int, str]:
    found: dict[int, str] = {}
    rows = hsds.Phone.objects.filter(Q(**{f"{owner}__isnull": False}), center=center)
    for owner_pk, number, extension in rows.order_by("pk").values_list(
        owner, "number", "extension"
    ):
        if owner_pk not in found:
            found[owner_pk] = f"{number} ext. {extension}" if extension else number
    return found


def _languages(center: Center, owner: str) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    rows = hsds.Language.objects.filter(Q(**{f"{owner}__isnull": False}), center=center)
    for owner_pk, name, code in rows.order_by("pk").values_list(owner, "name", "code"):
        key = language_code(code, name)
        if key:
            found[owner_pk].setdefault(key, name or code)
    return found


def _entry(
    center: Center,
    gathered: _Service,
    location: dict[str, Any] | None,
    sal_pk: int | None,
    schedules: list[ScheduleRow],
    *,
    phone: str,
    place_languages: dict[str, str],
    zone: ZoneInfo,
) -> tuple[ServiceSearchEntry, list[str]]:
    row = gathered.row
    languages = {**gathered.languages, **place_languages}
    name_words = index_words(f"{row['name']} {row['alternate_name']}")
    need_words = index_words(" ".join(gathered.need_names))
    text = " ".join(
        [row["description"], row["eligibility_description"], location["name"] if location else ""]
    )
    text_words = index_words(text, limit=DESCRIPTION_WORDS)
    facets = [facet_key("need", key) for key in sorted(gathered.need_keys)]
    facets += [facet_key("lang", key) for key in sorted(languages or {"en": "English"})]
    facets += [facet_key("gender", key) for key in sorted(gathered.genders or {"any"})]
    facets += [facet_key("ins", key) for key in sorted(gathered.insurances)]
    all_words = list(
        dict.fromkeys(
            [*name_words, *gathered.organization_words.split(), *need_words, *text_words, *facets]
        )
    )
    rules = compile_rows(schedules, zone)
    description = " ".join(row["description"].split())
    entry = ServiceSearchEntry(
        center=center,
        service_id=row["pk"],
        location_id=location["pk"] if location else None,
        service_at_location_id=sal_pk,
        service_hsds_id=row["hsds_id"],
        name=row["name"],
        organization=gathered.organization,
        status=row["status"],
        name_words=" ".join(name_words),
        organization_words=gathered.organization_words,
        need_words=" ".join(need_words),
        text_words=" ".join(text_words),
        needs=" · ".join(gathered.need_names),
        summary=description[:SUMMARY_LENGTH] + ("…" if len(description) > SUMMARY_LENGTH else ""),
        languages=", ".join(sorted(languages.values())) if languages else "",
        eligibility=eligibility_summary(
            gathered.genders, row["minimum_age"], row["maximum_age"], gathered.insurances
        ),
        location_name=location["name"] if location else "",
        address=location["address"] if location else "",
        latitude=location["latitude"] if location else None,
        longitude=location["longitude"] if location else None,
        confidential=bool(location and location["confidential"]),
        phone=phone or gathered.phone,
        intake_phone=gathered.intake_phone,
        url=row["url"],
        min_age=row["minimum_age"],
        max_age=row["maximum_age"],
        hours=rules_to_text(rules),
    )
    return entry, all_words

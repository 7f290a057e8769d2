"""Running a directory search: one indexed query for candidates, then ranking in Python.

How the filters combine: every filter given must hold (AND); a text's words must all match
(each through any of its expansions, `search_core`). The database applies what an index can:
the center, the bounding box of the distance circle, the need (a taxonomy term or any term
under it), the language, the gender (services for anyone, or for that gender), the insurance
(services taking it, or needing none), the age (within the service's minimum and maximum, when
stated), accepting referrals now (a capacity row saying so, not stale), the user's favourites,
and the text's most selective words. Python then computes on those candidates only, at most
`CANDIDATE_LIMIT`: the exact distance, the text score with every word, and "open now" from the
hours stored on the row. Results are capped at `limit`; `truncated` says when candidates were
cut, so the page can ask for a narrower search.

Confidential locations: their coordinates count for the distance filter (a clinician may need
the nearest shelter), but a viewer without SEE_CONFIDENTIAL_LOCATIONS gets neither the address
nor the distance in a `Result`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.directory.eligibility import INSURANCE_LABELS, language_name
from crisisdesk.directory.holidays import HolidayCalendar
from crisisdesk.directory.hours import (
    Clock,
    Status,
    is_open,
    rules_from_text,
    status,
    status_label,
)
from crisisdesk.directory.models import Capacity, TaxonomyTerm
from crisisdesk.directory.search_access import (
    CONFIDENTIAL_NOTICE,
    CapacityView,
    can_see_confidential,
    capacity_views,
    directory_settings,
    favourite_service_ids,
    holiday_calendar,
    stale_after,
)
from crisisdesk.directory.search_core import (
    Fields,
    Ranked,
    TextQuery,
    Vocabulary,
    bounding_box,
    facet_key,
    haversine_km,
    parse_text,
    rank,
    text_score,
)
from crisisdesk.directory.search_index import ensure_search_index
from crisisdesk.directory.search_models import (
    FavouriteService,
    ServiceSearchEntry,
    ServiceSearchWord,
)

CANDIDATE_LIMIT = 3000
DEFAULT_LIMIT = 25
WORD_COLUMNS = ("name_words", "organization_words", "need_words", "text_words")


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    need: str = ""  # a taxonomy term's pk, as text
    language: str = ""  # a language key ("es")
    age: int | None = None
    gender: str = ""  # "female", "male", ...
    insurance: str = ""  # "medicaid", ...
    origin: tuple[float, float] | None = None
    radius_km: float | None = None
    open_now: bool = False
    accepting: bool = False
    favourites: bool = False
    limit: int = DEFAULT_LIMIT

    @property
    def is_empty(self) -> bool:
        return not (
            self.text.strip()
            or self.need
            or self.language
            or self.age is not None
            or self.gender
            or self.insurance
            or self.radius_km
            or self.open_now
            or self.accepting
            or self.favourites
        )


@dataclass
class Result:
    """One service at one place, as this viewer may see it."""

    entry_id: int
    service_id: int
    location_id: int | None
    service_hsds_id: str
    name: str
    organization: str
    needs: str
    summary: str
    languages: str
    eligibility: str
    location_name: str
    address: str  # empty, or the confidential notice, when the viewer may not see it
    confidential: bool
    address_hidden: bool
    distance_km: float | None
    phone: str
    intake_phone: str
    status: Status
    status_text: str
    capacities: list[CapacityView] = field(default_factory=list)
    favourite: bool = False
    score: float = 0.0
    referral_url: str = ""  # "Add to referral", set by the page when a referral can be made
    service_url: str = ""  # set by the page (one reverse() per page, not per result)

    @property
    def sheet_key(self) -> str:
        """How the resource sheet names this result (`sheet.entry_key`)."""
        return f"{self.service_id}-{self.location_id or 0}"

    @property
    def accepting(self) -> bool:
        return any(c.accepting_referrals and not c.stale for c in self.capacities)


@dataclass
class SearchOutcome:
    results: list[Result]
    matched: int  # candidates that passed every filter
    truncated: bool  # more candidates than examined: narrow the search
    now: datetime
    zone: ZoneInfo


@dataclass
class IndexSnapshot:
    """What a search needs of a center's index, read once per index build per process."""

    # The build it was read from: the version, and the build time (a version number alone
    # could repeat, in a database rolled back and filled again).
    build: tuple[int, datetime | None]
    vocabulary: Vocabulary
    facets: dict[str, set[str]]  # facet -> values present ("lang" -> {"en", "es"})
    needs: list[tuple[str, str]]  # (taxonomy term pk, name) of the needs present, by name

    def choices(self, facet: str) -> list[tuple[str, str]]:
        """A filter's values present in the directory, as (key, label), by label."""
        values = self.facets.get(facet, set())
        if facet == "lang":
            labelled = [(key, language_name(key)) for key in values]
        else:
            labelled = [
                (key, INSURANCE_CHOICES.get(key, key.replace("-", " ").title())) for key in values
            ]
        return sorted(labelled, key=lambda item: item[1])


INSURANCE_CHOICES = {"free": "No insurance needed", **INSURANCE_LABELS}
_CACHE: dict[int, IndexSnapshot] = {}
_CACHE_LOCK = threading.Lock()


def index_snapshot(center: Center) -> IndexSnapshot:
    """The center's vocabulary and filter values (the index is built or refreshed first when it
    must be: `search_index.ensure_search_index`)."""
    state = ensure_search_index(center)
    cached = _CACHE.get(center.pk)
    if cached is not None and cached.build == (state.version, state.built_at):
        return cached
    counts: dict[str, int] = {}
    facets: dict[str, set[str]] = {}
    rows = (
        ServiceSearchWord.objects.filter(center=center)
        .values_list("word")
        .annotate(n=Count("entry_id"))
        .order_by()
    )
    for word, count in rows:
        if word.startswith("#"):
            facet, _, value = word[1:].partition(":")
            facets.setdefault(facet, set()).add(value)
        else:
            counts[word] = count
    need_pks = [int(key) for key in facets.get("need", set()) if key.isdigit()]
    terms = TaxonomyTerm.objects.filter(center=center, pk__in=need_pks).order_by("name", "pk")
    needs = [(str(pk), name) for pk, name in terms.values_list("pk", "name")]
    cached = IndexSnapshot((state.version, state.built_at), Vocabulary(counts), facets, needs)
    with _CACHE_LOCK:
        _CACHE[center.pk] = cached
    return cached


# With a distance filter, a word held by more entries than this is left to Python: the box
# already keeps fewer rows than the word's postings would.
WORD_FILTER_WITH_BOX = 1500
ENTRY_TABLE = ServiceSearchEntry._meta.db_table
WORD_TABLE = ServiceSearchWord._meta.db_table
CAPACITY_TABLE = Capacity._meta.db_table
FAVOURITE_TABLE = FavouriteService._meta.db_table


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _candidate_sql(
    user: User, query: DirectoryQuery, text: TextQuery, vocabulary: Vocabulary, stale_cutoff: Any
) -> tuple[str, list[Any], bool]:
    """The one query that finds the candidates, in plain SQL: this runs while the clinician
    types, and the ORM spends longer compiling these subqueries than the database answers them."""
    center_id = user.center_id
    where = ["e.center_id = %s"]
    params: list[Any] = [center_id]

    def with_words(words: Sequence[str]) -> None:
        where.append(
            f"e.id IN (SELECT entry_id FROM {WORD_TABLE} WHERE center_id = %s"  # noqa: S608
            f" AND word IN ({_marks(words)}))"
        )
        params.extend([center_id, *words])

    boxed = query.origin is not None and bool(query.radius_km)
    if query.origin is not None and query.radius_km:
        south, north, west, east = bounding_box(*query.origin, query.radius_km)
        where.append("e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s")
        params += [south, north, west, east]
    if query.need:
        with_words([facet_key("need", query.need)])
    if query.language:
        with_words([facet_key("lang", query.language)])
    if query.gender:
        with_words([facet_key("gender", value) for value in ("any", query.gender)])
    if query.insurance:
        with_words([facet_key("ins", value) for value in ("free", query.insurance)])
    if query.age is not None:
        where.append("(e.min_age IS NULL OR e.min_age <= %s)")
        where.append("(e.max_age IS NULL OR e.max_age >= %s)")
        params += [query.age, query.age]
    if query.accepting:
        where.append(
            f"EXISTS (SELECT 1 FROM {CAPACITY_TABLE} c WHERE c.service_id = e.service_id"  # noqa: S608
            " AND (c.service_at_location_id IS NULL"
            " OR c.service_at_location_id = e.service_at_location_id)"
            " AND c.accepting_referrals = %s AND c.updated_at >= %s)"
        )
        params += [True, connection.ops.adapt_datetimefield_value(stale_cutoff)]
    if query.favourites:
        where.append(
            f"e.service_id IN (SELECT service_id FROM {FAVOURITE_TABLE} WHERE user_id = %s)"  # noqa: S608
        )
        params.append(user.pk)
    applied = 0
    for expansion in text.most_selective(vocabulary):
        if not boxed or vocabulary.documents(expansion) <= WORD_FILTER_WITH_BOX:
            with_words(sorted(expansion))
            applied += 1
    # Only table names and placeholders are formatted in; every value is a parameter.
    conditions = " AND ".join(where)
    sql = (
        "SELECT e.id, e.name, e.name_words, e.organization_words, e.need_words, "  # noqa: S608
        f"e.text_words, e.latitude, e.longitude, e.hours FROM {ENTRY_TABLE} e WHERE {conditions}"
        f" ORDER BY e.id LIMIT {CANDIDATE_LIMIT + 1}"
    )
    return sql, params, applied == len(text.expansions)


def search_directory(
    user: User,
    query: DirectoryQuery,
    *,
    now: datetime | None = None,
    snapshot: IndexSnapshot | None = None,
) -> SearchOutcome:
    """Searches the user's center's directory. `snapshot`: one the caller already read (the
    page reads it for its filter choices), to save the query."""
    center = user.center
    now = now or timezone.now()
    zone = ZoneInfo(center.time_zone)
    cached = snapshot or index_snapshot(center)
    text = parse_text(query.text, cached.vocabulary)
    if text.impossible:
        return SearchOutcome([], 0, False, now, zone)
    found_settings = directory_settings(center)
    stale_cutoff = now - stale_after(center, found_settings)
    sql, params, text_checked = _candidate_sql(user, query, text, cached.vocabulary, stale_cutoff)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    truncated = len(rows) > CANDIDATE_LIMIT
    holidays = holiday_calendar(center, now.astimezone(zone).date(), found_settings)
    clock = Clock(now, zone)
    ranked = _filter_and_rank(
        rows[:CANDIDATE_LIMIT], query, text, clock, holidays, text_checked=text_checked
    )
    chosen = ranked[: query.limit]
    stale = stale_after(center, found_settings)
    results = _results(user, center, chosen, now, zone, holidays, stale)
    return SearchOutcome(results, len(ranked), truncated, now, zone)


def _filter_and_rank(
    rows: Sequence[tuple[Any, ...]],
    query: DirectoryQuery,
    text: TextQuery,
    clock: Clock,
    holidays: HolidayCalendar,
    *,
    text_checked: bool = False,
) -> list[Ranked]:
    """The cheapest checks first: open now (rows share a few hours patterns, each decided once),
    the distance, then the text (unless the database already required every word)."""
    kept: list[Ranked] = []
    origin, radius = query.origin, query.radius_km
    opened: dict[str, bool | None] = {}
    for pk, name, name_words, org_words, need_words, text_words, lat, lon, hours in rows:
        if query.open_now:
            found = opened.get(hours)
            if found is None and hours not in opened:
                found = opened[hours] = is_open(rules_from_text(hours), clock, holidays)
            if not found:
                continue
        distance = None
        if origin is not None and lat is not None and lon is not None:
            distance = haversine_km(origin[0], origin[1], lat, lon)
            if radius and distance > radius:
                continue
        score = 0.0
        if not text.empty:
            if not text_checked:
                every = f"{name_words} {org_words} {need_words} {text_words}".split()
                if any(expansion.keys().isdisjoint(every) for expansion in text.expansions):
                    continue
            fields = Fields.from_strings(name_words, org_words, need_words, text_words)
            score = text_score(text, fields, name_words.split())
        kept.append(Ranked(pk, score, distance, name))
    return rank(kept, by_text=not text.empty)


def _results(
    user: User,
    center: Center,
    chosen: Sequence[Ranked],
    now: datetime,
    zone: ZoneInfo,
    holidays: HolidayCalendar,
    stale: timedelta,
) -> list[Result]:
    entries = ServiceSearchEntry.objects.defer(*WORD_COLUMNS).in_bulk([item.key for item in chosen])
    service_ids = {entry.service_id for entry in entries.values()}
    capacities = capacity_views(center, service_ids, now=now, stale=stale)
    favourites = favourite_service_ids(user) if chosen else set()
    sees_confidential = can_see_confidential(user)
    statuses: dict[str, Status] = {}
    results = []
    for item in chosen:
        entry = entries[item.key]
        if entry.hours not in statuses:
            statuses[entry.hours] = status(rules_from_text(entry.hours), now, zone, holidays)
        result = result_for(
            entry,
            sees_confidential=sees_confidential,
            status=statuses[entry.hours],
            now=now,
            zone=zone,
            distance_km=item.distance_km,
        )
        result.capacities = [
            c
            for c in capacities.get(entry.service_id, [])
            if c.service_at_location_id in (None, entry.service_at_location_id)
        ]
        result.favourite = entry.service_id in favourites
        result.score = item.score
        results.append(result)
    return results


def result_for(
    entry: ServiceSearchEntry,
    *,
    sees_confidential: bool,
    status: Status,
    now: datetime,
    zone: ZoneInfo,
    distance_km: float | None = None,
) -> Result:
    hidden = entry.confidential and not sees_confidential
    return Result(
        entry_id=entry.pk,
        service_id=entry.service_id,
        location_id=entry.location_id,
        service_hsds_id=entry.service_hsds_id,
        name=entry.name,
        organization=entry.organization,
        needs=entry.needs,
        summary=entry.summary,
        languages=entry.languages,
        eligibility=entry.eligibility,
        location_name="" if hidden else entry.location_name,
        address=CONFIDENTIAL_NOTICE if hidden else entry.address,
        confidential=entry.confidential,
        address_hidden=hidden,
        distance_km=None if hidden else distance_km,
        phone=entry.phone,
        intake_phone=entry.intake_phone,
        status=status,
        status_text=status_label(status, now, zone),
    )

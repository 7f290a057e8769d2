"""Opening hours from HSDS 3.0 schedule rows: open now, until when, opens next.

Plain Python (no Django import; a test enforces it). A `ScheduleRow` holds the HSDS schedule
fields as plain values; `compile_rows` turns a service's rows into `Rule`s once (the search index
stores them as JSON, `rule_to_json`), and every question is then answered from the rules:

- `is_open(rules, clock, holidays)`: the fast yes/no that the search's "open now" filter asks
  of a few hundred candidates, on the wall clock of the center's time zone;
- `status(rules, now, zone, holidays)`: open until when, or closed and opening when, for the
  few results shown;
- `hours_text.describe(rules)`: "Mon–Fri 9:00–17:00".

How HSDS rows are read (README, "Search, capacity and resource sheets", has the full list):
- `freq` WEEKLY with `byday` "MO,TU" (ordinals ignored), or MONTHLY with `byday` "1MO,-1FR"
  (first Monday, last Friday) and/or `bymonthday` "1,15,-1"; an empty `freq` is WEEKLY when
  `byday` names days and daily otherwise (a special opening on the dates of `valid_from` to
  `valid_to`). `interval` counts from `dtstart` (weeks start on `wkst`, Monday by default);
  `count` with a `dtstart` ends the rule after that many occurrences.
- `opens_at`/`closes_at` are wall-clock times in the center's zone. A closing time at or before
  the opening time is on the next day (22:00-06:00); 00:00-23:59 (HSDS's advice) and equal
  times are 24 hours. A stated UTC offset ("-05:00", or `timezone` -5) that is one of the
  zone's own offsets is the zone (so DST still applies); another offset is kept as fixed.
- A row is valid from the later of `valid_from` and `dtstart` to the earlier of `valid_to` and
  `until`. Rows add up: extra hours are a second row with dates (as HSDS advises).
- A row without times whose description or notes say "closed" and that has dates is a
  closure: nothing opens on those dates (a holiday the provider announced).
- Holidays: a row observes the center's holiday calendar (closed on those days) unless it runs
  24 hours or its notes say "open on holidays"; notes saying "closed on holidays" force it.
  A window that began the evening before a holiday still runs to its end.
- Rows without both times (and that are not closures) say nothing usable: the service's hours
  are unknown unless another row gives them.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from crisisdesk.directory.holidays import NO_HOLIDAYS, HolidayCalendar

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY = 24 * 60
BYDAY_TOKEN = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})?$")
CLOSED_WORD = re.compile(r"\bclosed?\b", re.IGNORECASE)
OPEN_ON_HOLIDAYS = re.compile(
    r"\b(open|including|incl\.?)\s+(on\s+)?(all\s+|public\s+|federal\s+|bank\s+)?holidays\b",
    re.IGNORECASE,
)
CLOSED_ON_HOLIDAYS = re.compile(
    r"\bclosed\s+(on\s+)?(all\s+|public\s+|federal\s+|bank\s+)?holidays\b", re.IGNORECASE
)
# How far ahead "opens next" looks: a week for weekly rules, two months when a rule is monthly.
WEEK_HORIZON_DAYS = 8
MONTH_HORIZON_DAYS = 62
# `count` is turned into a last date by walking the days; no real rule needs more than this.
COUNT_WALK_DAYS = 3660


@dataclass(frozen=True)
class ScheduleRow:
    """One HSDS schedule row, as plain values (times without their offset, apart)."""

    freq: str = ""
    byday: str = ""
    bymonthday: str = ""
    interval: int | None = None
    count: int | None = None
    wkst: str = ""
    dtstart: date | None = None
    until: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    opens_at: time | None = None
    closes_at: time | None = None
    opens_at_offset: str = ""
    timezone: float | None = None
    description: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Rule:
    """A compiled schedule row. Minutes count from the opening day's midnight: `closes` is
    past `DAY` when the window ends the next day."""

    kind: str  # "weekly", "monthly", "daily" or "closure"
    opens: int = 0
    closes: int = 0
    weekdays: frozenset[int] = frozenset()  # weekly: empty means every day
    nth_weekdays: tuple[tuple[int, int], ...] = ()  # monthly byday: (ordinal or 0, weekday)
    monthdays: tuple[int, ...] = ()  # monthly bymonthday, negative from the end
    first: date | None = None
    last: date | None = None
    interval: int = 1
    anchor: date | None = None  # dtstart: where `interval` counts from
    wkst: int = 0
    offset_minutes: int | None = None  # a fixed UTC offset instead of the center's zone
    observes_holidays: bool = True

    @property
    def all_day(self) -> bool:
        return self.closes - self.opens >= DAY

    def active_on(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def occurs(self, day: date) -> bool:
        """Does a window of this rule begin on `day` (before holidays and closures)?"""
        if not self.active_on(day):
            return False
        if self.kind == "weekly":
            if self.weekdays and day.weekday() not in self.weekdays:
                return False
            if self.interval > 1 and self.anchor is not None:
                weeks = (_week_start(day, self.wkst) - _week_start(self.anchor, self.wkst)).days
                return (weeks // 7) % self.interval == 0
            return True
        if self.kind == "monthly":
            if not _monthly_match(self, day):
                return False
            if self.interval > 1 and self.anchor is not None:
                months = (day.year - self.anchor.year) * 12 + day.month - self.anchor.month
                return months % self.interval == 0
            return True
        if self.kind == "daily":
            if self.interval > 1 and self.anchor is not None:
                return (day - self.anchor).days % self.interval == 0
            return True
        return False  # a closure never opens


def _week_start(day: date, wkst: int) -> date:
    return day - timedelta(days=(day.weekday() - wkst) % 7)


def _monthly_match(rule: Rule, day: date) -> bool:
    length = calendar.monthrange(day.year, day.month)[1]
    for monthday in rule.monthdays:
        if day.day == (monthday if monthday > 0 else length + 1 + monthday):
            return True
    for nth, weekday in rule.nth_weekdays:
        if day.weekday() != weekday:
            continue
        if nth == 0:
            return True
        if nth > 0 and (day.day - 1) // 7 + 1 == nth:
            return True
        if nth < 0 and (length - day.day) // 7 + 1 == -nth:
            return True
    if not rule.monthdays and not rule.nth_weekdays and rule.anchor is not None:
        return day.day == rule.anchor.day
    return False


def parse_byday(text: str) -> list[tuple[int, int]]:
    """ "1MO,-1FR" -> [(1, 0), (-1, 4)]: (ordinal or 0, weekday). Unreadable tokens are left out."""
    days: list[tuple[int, int]] = []
    for token in re.split(r"[,;\s]+", text.strip().upper()):
        match = BYDAY_TOKEN.match(token)
        if match is None or (match[1] and not 1 <= abs(int(match[1])) <= 5):
            continue
        days.append((int(match[1] or 0), WEEKDAY_CODES.index(match[2])))
    return days


def parse_monthdays(text: str) -> list[int]:
    days = []
    for token in re.split(r"[,;\s]+", text.strip()):
        if re.fullmatch(r"[+-]?\d{1,2}", token) and 1 <= abs(int(token)) <= 31:
            days.append(int(token))
    return days


def parse_offset(text: str, hours: float | None = None) -> int | None:
    """'Z' -> 0, '-05:00' -> -300; else the `timezone` field's hours; None when neither."""
    text = text.strip().upper()
    if text == "Z":
        return 0
    match = OFFSET.match(text)
    if match:
        minutes = int(match[2]) * 60 + int(match[3] or 0)
        return -minutes if match[1] == "-" else minutes
    if hours is not None and -14 <= hours <= 14:
        return round(hours * 60)
    return None


def _minutes(moment: time, *, closing: bool = False) -> int:
    minutes = moment.hour * 60 + moment.minute
    if closing and minutes == DAY - 1:  # 23:59 is HSDS's way to say "to midnight"
        return DAY
    return minutes


def _zone_offsets(zone: tzinfo | None, year: int) -> set[int]:
    if zone is None:
        return set()
    offsets = set()
    for month in (1, 7):
        delta = datetime(year, month, 1, 12, tzinfo=zone).utcoffset()
        if delta is not None:
            offsets.add(int(delta.total_seconds() // 60))
    return offsets


def compile_row(row: ScheduleRow, zone: tzinfo | None = None, year: int = 2025) -> Rule | None:
    """The rule a row states, or None when it says nothing usable about opening hours."""
    text = f"{row.description} {row.notes}"
    first = max((d for d in (row.valid_from, row.dtstart) if d is not None), default=None)
    last = min((d for d in (row.valid_to, row.until) if d is not None), default=None)
    if row.opens_at is None and row.closes_at is None:
        dated = row.valid_from or row.valid_to or row.dtstart
        if dated is None or not CLOSED_WORD.search(text):
            return None
        start = row.valid_from or row.dtstart or row.valid_to
        return Rule(kind="closure", first=start, last=row.valid_to or row.until or start)
    if row.opens_at is None or row.closes_at is None:
        return None
    opens, closes = _minutes(row.opens_at), _minutes(row.closes_at, closing=True)
    if closes <= opens:
        closes += DAY
    freq = row.freq.strip().upper()
    byday = parse_byday(row.byday)
    if row.byday.strip() and not byday:
        return None  # days we cannot read: better unknown than wrong
    if freq == "":
        freq = ("MONTHLY" if any(nth for nth, _ in byday) else "WEEKLY") if byday else "DAILY"
    offset = parse_offset(row.opens_at_offset, row.timezone)
    if offset is not None and offset in _zone_offsets(zone, year):
        offset = None
    all_day = closes - opens >= DAY
    observes = not all_day
    if OPEN_ON_HOLIDAYS.search(text):
        observes = False
    elif CLOSED_ON_HOLIDAYS.search(text):
        observes = True
    common: dict[str, Any] = {
        "opens": opens,
        "closes": closes,
        "first": first,
        "last": last,
        "interval": max(row.interval or 1, 1),
        "anchor": row.dtstart,
        "wkst": WEEKDAY_CODES.index(row.wkst.upper()) if row.wkst.upper() in WEEKDAY_CODES else 0,
        "offset_minutes": offset,
        "observes_holidays": observes,
    }
    if freq == "WEEKLY":
        weekdays = frozenset(weekday for _, weekday in byday)
        if not weekdays and row.dtstart is not None:
            weekdays = frozenset({row.dtstart.weekday()})
        rule = Rule(kind="weekly", weekdays=weekdays, **common)
    elif freq == "MONTHLY":
        monthdays = tuple(parse_monthdays(row.bymonthday))
        if not byday and not monthdays and row.dtstart is None:
            return None
        rule = Rule(kind="monthly", nth_weekdays=tuple(byday), monthdays=monthdays, **common)
    elif freq == "DAILY":
        rule = Rule(kind="daily", **common)
    else:
        return None  # YEARLY and others: not in HSDS 3.0
    if row.count and row.dtstart is not None:
        rule = _ended_by_count(rule, row.count, row.dtstart)
    return rule


def _ended_by_count(rule: Rule, count: int, start: date) -> Rule:
    seen, day = 0, start
    for _ in range(COUNT_WALK_DAYS):
        if rule.occurs(day):
            seen += 1
            if seen == count:
                break
        day += timedelta(days=1)
    last = day if rule.last is None else min(day, rule.last)
    return Rule(**{**rule.__dict__, "last": last})


def compile_rows(rows: Iterable[ScheduleRow], zone: tzinfo | None = None) -> list[Rule]:
    year = datetime.now(UTC).year
    return [rule for row in rows if (rule := compile_row(row, zone, year)) is not None]


def has_hours(rules: Sequence[Rule]) -> bool:
    return any(rule.kind != "closure" for rule in rules)


def _closed_on(rule: Rule, day: date, closures: Sequence[Rule], holidays: HolidayCalendar) -> bool:
    if rule.observes_holidays and day in holidays:
        return True
    return any(closure.active_on(day) for closure in closures)


class Clock:
    """One moment as the wall clocks of the rules read it, computed once per search."""

    def __init__(self, now: datetime, zone: tzinfo) -> None:
        if now.tzinfo is None:
            raise ValueError("now must be time zone aware")
        self.now = now
        self.zone = zone
        self._local: dict[int | None, tuple[date, int]] = {}

    def local(self, offset_minutes: int | None) -> tuple[date, int]:
        """(date, minutes since midnight) in the zone, or in a fixed UTC offset."""
        found = self._local.get(offset_minutes)
        if found is None:
            tz = self.zone if offset_minutes is None else _fixed(offset_minutes)
            moment = self.now.astimezone(tz)
            found = (moment.date(), moment.hour * 60 + moment.minute)
            self._local[offset_minutes] = found
        return found


def _fixed(offset_minutes: int) -> tzinfo:
    return timezone(timedelta(minutes=offset_minutes))


def is_open(
    rules: Sequence[Rule], clock: Clock, holidays: HolidayCalendar = NO_HOLIDAYS
) -> bool | None:
    """Open at the clock's moment; None when the rules give no hours at all (unknown)."""
    closures = [rule for rule in rules if rule.kind == "closure"]
    known = False
    for rule in rules:
        if rule.kind == "closure":
            continue
        known = True
        today, minute = clock.local(rule.offset_minutes)
        if (
            rule.opens <= minute < rule.closes
            and rule.occurs(today)
            and not _closed_on(rule, today, closures, holidays)
        ):
            return True
        if rule.closes > DAY and minute < rule.closes - DAY:
            yesterday = today - timedelta(days=1)
            if rule.occurs(yesterday) and not _closed_on(rule, yesterday, closures, holidays):
                return True
    return False if known else None


@dataclass(frozen=True)
class Status:
    """Open (until when), closed (opening when), or unknown."""

    state: str  # "open", "closed", "unknown"
    until: datetime | None = None  # open: when it closes; None: around the clock
    next_open: datetime | None = None  # closed: next opening within the horizon
    holiday: str = ""  # closed today for this holiday (its name)

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def _windows(
    rules: Sequence[Rule], zone: tzinfo, first: date, days: int, holidays: HolidayCalendar
) -> list[tuple[datetime, datetime]]:
    """Every window beginning on the `days` days from `first`, as UTC instants, sorted."""
    closures = [rule for rule in rules if rule.kind == "closure"]
    windows = []
    for rule in rules:
        if rule.kind == "closure":
            continue
        tz = zone if rule.offset_minutes is None else _fixed(rule.offset_minutes)
        for step in range(days):
            day = first + timedelta(days=step)
            if not rule.occurs(day) or _closed_on(rule, day, closures, holidays):
                continue
            start = _instant(day, rule.opens, tz)
            end = _instant(day, rule.closes, tz)
            windows.append((start, end))
    windows.sort()
    return windows


def _instant(day: date, minutes: int, tz: tzinfo) -> datetime:
    """A wall-clock time (minutes may pass midnight) as a UTC instant. A time skipped by a DST
    change maps to the instant one hour later on the clock (02:30 -> 03:30)."""
    day = day + timedelta(days=minutes // DAY)
    minutes %= DAY
    wall = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=tz)
    return wall.astimezone(UTC)


def status(
    rules: Sequence[Rule],
    now: datetime,
    zone: tzinfo,
    holidays: HolidayCalendar = NO_HOLIDAYS,
) -> Status:
    if not has_hours(rules):
        return Status("unknown")
    horizon = MONTH_HORIZON_DAYS if any(r.kind == "monthly" for r in rules) else WEEK_HORIZON_DAYS
    today = now.astimezone(zone).date()
    windows = _windows(rules, zone, today - timedelta(days=1), horizon + 1, holidays)
    now_utc = now.astimezone(UTC)
    current = [end for start, end in windows if start <= now_utc < end]
    if current:
        until = max(current)
        for start, end in windows:  # windows that touch or overlap run on
            if start <= until < end:
                until = end
        if until - now_utc > timedelta(days=WEEK_HORIZON_DAYS - 1):
            return Status("open")
        return Status("open", until=until.astimezone(zone))
    upcoming = [start for start, _ in windows if start > now_utc]
    holiday = ""
    if today in holidays and any(r.observes_holidays and r.occurs(today) for r in rules):
        holiday = holidays.name_of(today)
    next_open = min(upcoming).astimezone(zone) if upcoming else None
    return Status("closed", next_open=next_open, holiday=holiday)


def status_label(found: Status, now: datetime, zone: tzinfo) -> str:
    """'Open until 17:00', 'Open 24 hours', 'Closed · opens Mon 9:00', 'Hours unknown'."""
    if found.state == "unknown":
        return "Hours unknown"
    if found.state == "open":
        if found.until is None:
            return "Open 24 hours"
        return f"Open until {_when(found.until, now, zone)}"
    reason = f"Closed ({found.holiday})" if found.holiday else "Closed"
    if found.next_open is None:
        return reason
    return f"{reason} · opens {_when(found.next_open, now, zone)}"


def clock_text(minutes: int) -> str:
    minutes %= DAY
    return f"{minutes // 60}:{minutes % 60:02d}"


def _when(moment: datetime, now: datetime, zone: tzinfo) -> str:
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = clock_text(local.hour * 60 + local.minute)
    if local.hour == local.minute == 0 and local.date() == today + timedelta(days=1):
        return "midnight"
    if local.date() == today:
        return clock
    if local.date() == today + timedelta(days=1):
        return f"tomorrow {clock}"
    if local.date() - today < timedelta(days=7):
        return f"{local:%a} {clock}"
    return f"{local:%b} {local.day} {clock}"


def rules_to_text(rules: Iterable[Rule]) -> str:
    """Rules as the compact JSON text the search index stores."""
    return json.dumps([rule_to_json(rule) for rule in rules], separators=(",", ":"))


@functools.lru_cache(maxsize=4096)
def rules_from_text(text: str) -> tuple[Rule, ...]:
    """The rules of an index row. Cached: most services share a handful of hours patterns, and
    a search reads the hours of every candidate."""
    return tuple(rule_from_json(data) for data in json.loads(text or "[]"))


def rule_to_json(rule: Rule) -> dict[str, Any]:
    """A compact dict for the search index (defaults left out)."""
    data: dict[str, Any] = {"k": rule.kind}
    if rule.kind != "closure":
        data.update(o=rule.opens, c=rule.closes)
    if rule.weekdays:
        data["w"] = sorted(rule.weekdays)
    if rule.nth_weekdays:
        data["n"] = [list(pair) for pair in rule.nth_weekdays]
    if rule.monthdays:
        data["m"] = list(rule.monthdays)
    for key, value in (("f", rule.first), ("l", rule.last), ("a", rule.anchor)):
        if value is not None:
            data[key] = value.isoformat()
    if rule.interval != 1:
        data["i"] = rule.interval
    if rule.wkst:
        data["s"] = rule.wkst
    if rule.offset_minutes is not None:
        data["z"] = rule.offset_minutes
    if not rule.observes_holidays:
        data["h"] = 0
    return data


def rule_from_json(data: dict[str, Any]) -> Rule:
    def day(key: str) -> date | None:
        value = data.get(key)
        return date.fromisoformat(value) if value else None

    return Rule(
        kind=data["k"],
        opens=data.get("o", 0),
        closes=data.get("c", 0),
        weekdays=frozenset(data.get("w", ())),
        nth_weekdays=tuple((int(n), int(w)) for n, w in data.get("n", ())),
        monthdays=tuple(data.get("m", ())),
        first=day("f"),
        last=day("l"),
        anchor=day("a"),
        interval=data.get("i", 1),
        wkst=data.get("s", 0),
        offset_minutes=data.get("z"),
        observes_holidays=data.get("h", 1) != 0,
    )

"""Opening hours as short lines a person reads aloud or a text message carries.

Plain Python (no Django import). `describe(rules)` gives, for example:
    ["Mon–Fri 9:00–17:00", "Sat 10:00–14:00", "Closed on holidays"]
    ["Open 24 hours, every day"]
    ["1st Mon of the month 18:00–20:00"]
    ["Jun 1–Aug 31, 2025: Sat 10:00–14:00", "Closed Dec 24–26, 2025"]
Weekdays that share the same windows are grouped ("Mon–Fri", "Mon, Wed, Fri"); a window past
midnight reads "22:00–6:00".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from crisisdesk.directory.holidays import HolidayCalendar
from crisisdesk.directory.hours import DAY, Rule, clock_text

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last", -2: "2nd-to-last"}
# The next holiday is named when it is this close.
HOLIDAY_NOTICE_DAYS = 7

Window = tuple[int, int]


def window_text(opens: int, closes: int) -> str:
    if closes - opens >= DAY:
        return "24 hours"
    return f"{clock_text(opens)}–{clock_text(closes)}"


def day_ranges(days: Sequence[int]) -> str:
    """[0, 1, 2, 3, 4] -> "Mon–Fri"; [0, 2, 4] -> "Mon, Wed, Fri"; [5, 6] -> "Sat–Sun"."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        DAY_NAMES[run[0]] if len(run) == 1 else f"{DAY_NAMES[run[0]]}–{DAY_NAMES[run[-1]]}"
        for run in runs
    ]
    return ", ".join(parts)


def date_text(first: date, last: date | None = None) -> str:
    """ "Dec 24, 2025", "Dec 24–26, 2025", "Jun 1–Aug 31, 2025", "Dec 30, 2025–Jan 2, 2026"."""
    if last is None or last == first:
        return f"{first:%b} {first.day}, {first.year}"
    if first.year != last.year:
        return f"{date_text(first)}–{date_text(last)}"
    if first.month == last.month:
        return f"{first:%b} {first.day}–{last.day}, {first.year}"
    return f"{first:%b} {first.day}–{last:%b} {last.day}, {first.year}"


def _weekly_lines(rules: Sequence[Rule]) -> list[str]:
    by_day: dict[int, list[Window]] = {day: [] for day in range(7)}
    suffix = ""
    for rule in rules:
        days = rule.weekdays or frozenset(range(7))
        for day in days:
            by_day[day].append((rule.opens, rule.closes))
        if rule.interval > 1:
            suffix = f" (every {ORDINALS.get(rule.interval, str(rule.interval))} week)"
    groups: dict[tuple[Window, ...], list[int]] = {}
    for day in range(7):
        windows = tuple(sorted(set(by_day[day])))
        if windows:
            groups.setdefault(windows, []).append(day)
    if len(groups) == 1:
        shared, every = next(iter(groups.items()))
        if len(every) == 7:
            if len(shared) == 1 and shared[0][1] - shared[0][0] >= DAY:
                return [f"Open 24 hours, every day{suffix}"]
            return [f"Every day {', '.join(window_text(*w) for w in shared)}{suffix}"]
    return [
        f"{day_ranges(days)} {', '.join(window_text(*w) for w in windows)}{suffix}"
        for windows, days in sorted(groups.items(), key=lambda item: item[1][0])
    ]


def _monthly_line(rule: Rule) -> str:
    parts = [
        f"{ORDINALS.get(nth, str(nth))} {DAY_NAMES[weekday]}"
        if nth
        else f"every {DAY_NAMES[weekday]}"
        for nth, weekday in rule.nth_weekdays
    ]
    parts += [
        "last day" if day == -1 else f"day {day}" if day > 0 else f"{-day} days before the end"
        for day in rule.monthdays
    ]
    if not parts and rule.anchor is not None:
        parts = [f"day {rule.anchor.day}"]
    every = " of the month" if rule.interval == 1 else f" of every {rule.interval} months"
    return f"{' and '.join(parts)}{every} {window_text(rule.opens, rule.closes)}"


def describe(
    rules: Sequence[Rule], today: date | None = None, holidays: HolidayCalendar | None = None
) -> list[str]:
    """The hours as lines; rules that ended before `today` are left out."""
    current = [rule for rule in rules if today is None or rule.last is None or rule.last >= today]
    lines: list[str] = []
    periods: dict[tuple[date | None, date | None], list[Rule]] = {}
    for rule in current:
        if rule.kind != "closure":
            periods.setdefault((rule.first, rule.last), []).append(rule)
    # Hours that always apply come first, then the dated ones in date order.
    for (first, last), group in sorted(
        periods.items(), key=lambda item: (item[0] != (None, None), item[0][0] or date.min)
    ):
        weekly = [rule for rule in group if rule.kind in ("weekly", "daily")]
        body = _weekly_lines(weekly) if weekly else []
        body += [_monthly_line(rule) for rule in group if rule.kind == "monthly"]
        prefix = _period_prefix(first, last, today)
        if prefix and len(body) == 1 and first is not None and first == last:
            # A one-day opening: its hours, whatever weekday it is.
            lines.append(f"{prefix}: {window_text(group[0].opens, group[0].closes)}")
            continue
        lines += [f"{prefix}: {line}" if prefix else line for line in body]
    for rule in current:
        if rule.kind == "closure" and rule.first is not None:
            lines.append(f"Closed {date_text(rule.first, rule.last)}")
    if holidays is not None and holidays.names and any(r.observes_holidays for r in current):
        notice = "Closed on holidays"
        if today is not None:
            coming = holidays.between(today, today + timedelta(days=HOLIDAY_NOTICE_DAYS))
            if coming:
                day, name = coming[0]
                notice += f" (next: {name}, {day:%a} {day:%b} {day.day})"
        lines.append(notice)
    return lines


def _period_prefix(first: date | None, last: date | None, today: date | None) -> str:
    if first is None and last is None:
        return ""
    if first is not None and (today is None or first > today):
        return date_text(first, last) if last is not None else f"From {date_text(first)}"
    if last is not None:
        return f"Until {date_text(last)}"
    return ""

"""Holiday calendars for "open now": US federal holidays computed in code, plus a center's own.

Plain Python (no Django import). A center's calendar is the federal holidays (unless it turned
them off) and the closure dates it added; `hours.py` closes on them every schedule row that
observes holidays.

Federal holidays follow 5 U.S.C. 6103: a holiday on a Saturday is observed on the Friday before,
one on a Sunday on the Monday after. Offices close on the observed day, so that is the date
returned (New Year's Day 2022 fell on a Saturday: observed Friday 2021-12-31).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

MONDAY, THURSDAY = 0, 3
JUNETEENTH_FROM = 2021  # a federal holiday since June 2021


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-5) weekday of a month, or with a negative nth counted from the month's end."""
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        found = first + timedelta(days=offset + 7 * (nth - 1))
    else:
        last = date(year, month, calendar.monthrange(year, month)[1])
        offset = (last.weekday() - weekday) % 7
        found = last - timedelta(days=offset + 7 * (-nth - 1))
    if found.month != month:
        raise ValueError(f"{year}-{month:02d} has no weekday {weekday} number {nth}")
    return found


def observed(day: date) -> date:
    """Saturday holidays are observed on Friday, Sunday ones on Monday."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def us_federal_holidays(year: int) -> dict[date, str]:
    """The federal holidays observed in `year`, date to name. New Year's Day of the next year can
    be observed on December 31 of this one, and then is included here."""
    fixed = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 7, 4), "Independence Day"),
        (date(year, 11, 11), "Veterans Day"),
        (date(year, 12, 25), "Christmas Day"),
    ]
    if year >= JUNETEENTH_FROM:
        fixed.append((date(year, 6, 19), "Juneteenth National Independence Day"))
    holidays = {observed(day): name for day, name in fixed}
    holidays.update(
        {
            nth_weekday(year, 1, MONDAY, 3): "Birthday of Martin Luther King, Jr.",
            nth_weekday(year, 2, MONDAY, 3): "Washington's Birthday",
            nth_weekday(year, 5, MONDAY, -1): "Memorial Day",
            nth_weekday(year, 9, MONDAY, 1): "Labor Day",
            nth_weekday(year, 10, MONDAY, 2): "Columbus Day",
            nth_weekday(year, 11, THURSDAY, 4): "Thanksgiving Day",
        }
    )
    next_new_year = observed(date(year + 1, 1, 1))
    if next_new_year.year == year:
        holidays[next_new_year] = "New Year's Day"
    # The previous year's December 31 may carry this year's New Year's Day instead.
    return {day: name for day, name in holidays.items() if day.year == year}


@dataclass(frozen=True)
class HolidayCalendar:
    """The dates a center's services that observe holidays are closed, with their names."""

    names: Mapping[date, str] = field(default_factory=dict)

    def __contains__(self, day: object) -> bool:
        return day in self.names

    def name_of(self, day: date) -> str:
        return self.names.get(day, "")

    def between(self, first: date, last: date) -> list[tuple[date, str]]:
        return sorted((day, name) for day, name in self.names.items() if first <= day <= last)


NO_HOLIDAYS = HolidayCalendar()


def center_calendar(
    years: Iterable[int], *, federal: bool, custom: Iterable[tuple[date, str]] = ()
) -> HolidayCalendar:
    """Federal holidays of `years` (when the center observes them) and its own closure dates;
    a custom date's name wins over a federal one on the same day."""
    names: dict[date, str] = {}
    if federal:
        for year in years:
            names.update(us_federal_holidays(year))
    names.update({day: name or "Holiday" for day, name in custom})
    return HolidayCalendar(names)

"""US federal holidays computed in code, with Saturday and Sunday observance, and a center's own."""

from __future__ import annotations

from datetime import date

import pytest

from crisisdesk.directory.holidays import center_calendar, nth_weekday, us_federal_holidays


def test_the_2025_federal_holidays() -> None:
    assert sorted(us_federal_holidays(2025)) == [
        date(2025, 1, 1),
        date(2025, 1, 20),
        date(2025, 2, 17),
        date(2025, 5, 26),
        date(2025, 6, 19),
        date(2025, 7, 4),
        date(2025, 9, 1),
        date(2025, 10, 13),
        date(2025, 11, 11),
        date(2025, 11, 27),
        date(2025, 12, 25),
    ]


def test_a_saturday_holiday_is_observed_on_friday_and_a_sunday_one_on_monday() -> None:
    assert date(2026, 7, 3) in us_federal_holidays(2026)  # July 4, 2026 is a Saturday
    assert date(2026, 7, 4) not in us_federal_holidays(2026)
    assert date(2023, 1, 2) in us_federal_holidays(2023)  # Jan 1, 2023 is a Sunday


def test_new_years_day_on_a_saturday_is_observed_the_year_before() -> None:
    assert us_federal_holidays(2021)[date(2021, 12, 31)] == "New Year's Day"
    assert date(2022, 1, 1) not in us_federal_holidays(2022)


def test_juneteenth_only_from_2021() -> None:
    assert date(2020, 6, 19) not in us_federal_holidays(2020)
    assert date(2022, 6, 20) in us_federal_holidays(2022)  # June 19, 2022 is a Sunday


def test_nth_weekday_counts_from_either_end() -> None:
    assert nth_weekday(2025, 5, 0, -1) == date(2025, 5, 26)
    assert nth_weekday(2025, 11, 3, 4) == date(2025, 11, 27)
    with pytest.raises(ValueError, match="no weekday"):
        nth_weekday(2025, 2, 0, 5)


def test_a_center_calendar_without_federal_holidays_holds_only_its_own_days() -> None:
    calendar = center_calendar([2025], federal=False, custom=[(date(2025, 12, 24), "")])
    assert date(2025, 12, 25) not in calendar
    assert calendar.name_of(date(2025, 12, 24)) == "Holiday"


def test_a_custom_name_wins_over_the_federal_one() -> None:
    calendar = center_calendar([2025], federal=True, custom=[(date(2025, 12, 25), "Closed")])
    assert calendar.name_of(date(2025, 12, 25)) == "Closed"
    assert calendar.between(date(2025, 11, 1), date(2025, 11, 30)) == [
        (date(2025, 11, 11), "Veterans Day"),
        (date(2025, 11, 27), "Thanksgiving Day"),
    ]

"""Opening hours as short lines: "Mon–Fri 9:00–17:00"."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from crisisdesk.directory.holidays import center_calendar
from crisisdesk.directory.hours import ScheduleRow, compile_rows
from crisisdesk.directory.hours_text import date_text, day_ranges, describe

CHICAGO = ZoneInfo("America/Chicago")


def lines(*rows: ScheduleRow, today: date | None = None) -> list[str]:
    return describe(compile_rows(rows, CHICAGO), today)


def weekly(byday: str, opens: time, closes: time, **extra: object) -> ScheduleRow:
    return ScheduleRow(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **extra)  # type: ignore[arg-type]


def test_weekdays_with_the_same_hours_are_one_range() -> None:
    assert lines(weekly("MO,TU,WE,TH,FR", time(9), time(17))) == ["Mon–Fri 9:00–17:00"]


def test_days_with_different_hours_are_separate_lines_in_week_order() -> None:
    assert lines(
        weekly("SA", time(10), time(14)),
        weekly("MO,TU,WE,TH,FR", time(8), time(20)),
    ) == ["Mon–Fri 8:00–20:00", "Sat 10:00–14:00"]


def test_days_apart_are_listed_and_split_windows_are_joined() -> None:
    assert lines(
        weekly("MO,WE,FR", time(9), time(12)),
        weekly("MO,WE,FR", time(13), time(17)),
    ) == ["Mon, Wed, Fri 9:00–12:00, 13:00–17:00"]


def test_every_day_and_around_the_clock() -> None:
    assert lines(ScheduleRow(opens_at=time(0), closes_at=time(23, 59))) == [
        "Open 24 hours, every day"
    ]
    assert lines(weekly("MO,TU,WE,TH,FR,SA,SU", time(7), time(19))) == ["Every day 7:00–19:00"]
    assert lines(weekly("MO,TU,WE,TH,FR", time(0), time(0))) == ["Mon–Fri 24 hours"]


def test_a_window_past_midnight_reads_as_its_clock_times() -> None:
    assert lines(weekly("FR,SA", time(22), time(6))) == ["Fri–Sat 22:00–6:00"]


def test_monthly_rules_say_which_day_of_the_month() -> None:
    assert lines(
        ScheduleRow(freq="MONTHLY", byday="1MO", opens_at=time(18), closes_at=time(20))
    ) == ["1st Mon of the month 18:00–20:00"]
    assert lines(
        ScheduleRow(freq="MONTHLY", bymonthday="-1", opens_at=time(9), closes_at=time(12))
    ) == ["last day of the month 9:00–12:00"]


def test_dated_rows_carry_their_dates_and_ended_ones_are_left_out() -> None:
    today = date(2025, 5, 1)
    assert lines(
        weekly("MO,TU,WE,TH,FR", time(9), time(17)),
        weekly("SA", time(10), time(14), valid_from=date(2025, 6, 1), valid_to=date(2025, 8, 31)),
        weekly("SU", time(10), time(14), valid_to=date(2025, 4, 1)),
        today=today,
    ) == ["Mon–Fri 9:00–17:00", "Jun 1–Aug 31, 2025: Sat 10:00–14:00"]


def test_a_one_day_opening_and_a_closure() -> None:
    assert lines(
        ScheduleRow(
            opens_at=time(9),
            closes_at=time(12),
            valid_from=date(2025, 12, 24),
            valid_to=date(2025, 12, 24),
        ),
        ScheduleRow(
            valid_from=date(2025, 12, 25), valid_to=date(2025, 12, 26), description="Closed"
        ),
    ) == ["Dec 24, 2025: 9:00–12:00", "Closed Dec 25–26, 2025"]


def test_holidays_are_mentioned_with_the_next_one_when_near() -> None:
    rules = compile_rows([weekly("MO,TU,WE,TH,FR", time(9), time(17))], CHICAGO)
    calendar = center_calendar([2025], federal=True)
    assert describe(rules, date(2025, 11, 24), calendar)[-1] == (
        "Closed on holidays (next: Thanksgiving Day, Thu Nov 27)"
    )
    assert describe(rules, date(2025, 8, 1), calendar)[-1] == "Closed on holidays"
    around_the_clock = compile_rows([ScheduleRow(opens_at=time(0), closes_at=time(0))], CHICAGO)
    assert "holidays" not in " ".join(describe(around_the_clock, date(2025, 11, 24), calendar))


def test_day_ranges_and_dates() -> None:
    assert day_ranges([4, 5, 6]) == "Fri–Sun"
    assert day_ranges([0, 1, 3]) == "Mon–Tue, Thu"
    assert date_text(date(2025, 12, 30), date(2026, 1, 2)) == "Dec 30, 2025–Jan 2, 2026"
    assert date_text(date(2025, 6, 1), date(2025, 8, 31)) == "Jun 1–Aug 31, 2025"

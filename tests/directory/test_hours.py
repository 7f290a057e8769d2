"""Open now and opens next from HSDS schedule rows: weekly, overnight, 24 hours, monthly, dated
rows, closures, holidays, DST changes and fixed UTC offsets."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crisisdesk.directory import hours
from crisisdesk.directory.holidays import NO_HOLIDAYS, HolidayCalendar, center_calendar
from crisisdesk.directory.hours import (
    Clock,
    Rule,
    ScheduleRow,
    compile_row,
    compile_rows,
    is_open,
    parse_byday,
    parse_offset,
    rules_from_text,
    rules_to_text,
    status,
    status_label,
)

CHICAGO = ZoneInfo("America/Chicago")
WEEKDAYS = "MO,TU,WE,TH,FR"


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def open_at(rules: list[Rule], moment: datetime, holidays: HolidayCalendar = NO_HOLIDAYS) -> bool:
    return is_open(rules, Clock(moment, CHICAGO), holidays) is True


def office(**extra: object) -> list[Rule]:
    row = ScheduleRow(
        freq="WEEKLY",
        byday=WEEKDAYS,
        opens_at=time(9),
        closes_at=time(17),
        **extra,  # type: ignore[arg-type]
    )
    return compile_rows([row], CHICAGO)


# 2025-03-03 is a Monday.
def test_a_weekday_office_is_open_in_its_hours_and_closed_outside() -> None:
    rules = office()
    assert open_at(rules, at(2025, 3, 3, 9))
    assert open_at(rules, at(2025, 3, 7, 16, 59))
    assert not open_at(rules, at(2025, 3, 3, 17))  # closing time is exclusive
    assert not open_at(rules, at(2025, 3, 3, 8, 59))
    assert not open_at(rules, at(2025, 3, 8, 12))  # Saturday


def test_an_overnight_window_runs_past_midnight_into_the_next_day() -> None:
    rules = compile_rows(
        [ScheduleRow(freq="WEEKLY", byday="FR,SA", opens_at=time(22), closes_at=time(6))], CHICAGO
    )
    assert open_at(rules, at(2025, 3, 7, 23))  # Friday night
    assert open_at(rules, at(2025, 3, 8, 5, 59))  # Saturday early morning, from Friday
    assert open_at(rules, at(2025, 3, 9, 3))  # Sunday early morning, from Saturday
    assert not open_at(rules, at(2025, 3, 10, 3))  # Monday early: Sunday has no window
    assert not open_at(rules, at(2025, 3, 7, 5))  # Friday early: Thursday has no window


def test_00_00_to_23_59_and_equal_times_are_24_hours() -> None:
    for opens, closes in ((time(0), time(23, 59)), (time(0), time(0)), (time(8), time(8))):
        rules = compile_rows(
            [
                ScheduleRow(
                    freq="WEEKLY", byday="MO,TU,WE,TH,FR,SA,SU", opens_at=opens, closes_at=closes
                )
            ],
            CHICAGO,
        )
        assert rules[0].all_day
        assert open_at(
            rules,
            at(
                2025,
                3,
                4,
                23,
                59,
            ),
        )
        assert open_at(rules, at(2025, 3, 5, 0, 0))
        found = status(rules, at(2025, 3, 4, 12), CHICAGO)
        assert found.is_open and found.until is None
        assert status_label(found, at(2025, 3, 4, 12), CHICAGO) == "Open 24 hours"


def test_a_24_hour_service_is_open_on_holidays_and_an_office_is_not() -> None:
    thanksgiving = at(2025, 11, 27, 12)
    holidays = center_calendar([2025], federal=True)
    always = compile_rows([ScheduleRow(opens_at=time(0), closes_at=time(23, 59))], CHICAGO)
    assert open_at(always, thanksgiving, holidays)
    assert not open_at(office(), thanksgiving, holidays)
    assert open_at(office(), at(2025, 11, 26, 12), holidays)


def test_notes_can_keep_a_service_open_on_holidays_or_close_a_24_hour_one() -> None:
    christmas = at(2025, 12, 25, 10)
    holidays = center_calendar([2025], federal=True)
    open_anyway = office(notes="Open on holidays.")
    closed = compile_rows(
        [ScheduleRow(opens_at=time(0), closes_at=time(0), notes="Closed on federal holidays")],
        CHICAGO,
    )
    assert open_at(open_anyway, christmas, holidays)
    assert not open_at(closed, christmas, holidays)


def test_a_window_begun_the_evening_before_a_holiday_runs_to_its_end() -> None:
    rules = compile_rows(
        [ScheduleRow(freq="WEEKLY", byday="WE,TH", opens_at=time(20), closes_at=time(2))],
        CHICAGO,
    )
    holidays = center_calendar([2025], federal=True)
    assert open_at(rules, at(2025, 11, 27, 1), holidays)  # from Wednesday evening
    assert not open_at(rules, at(2025, 11, 27, 21), holidays)  # Thanksgiving's own window


def test_a_center_holiday_closes_services_that_observe_holidays() -> None:
    holidays = center_calendar([2025], federal=False, custom=[(date(2025, 3, 5), "Staff day")])
    assert not open_at(office(), at(2025, 3, 5, 10), holidays)
    found = status(office(), at(2025, 3, 5, 10), CHICAGO, holidays)
    assert found.holiday == "Staff day"
    assert found.next_open == at(2025, 3, 6, 9)
    assert (
        status_label(found, at(2025, 3, 5, 10), CHICAGO)
        == "Closed (Staff day) · opens tomorrow 9:00"
    )


def test_a_closure_row_closes_everything_on_its_dates() -> None:
    rows = [
        ScheduleRow(opens_at=time(0), closes_at=time(23, 59)),
        ScheduleRow(
            valid_from=date(2025, 3, 5),
            valid_to=date(2025, 3, 6),
            description="Closed for the move",
        ),
    ]
    rules = compile_rows(rows, CHICAGO)
    assert [rule.kind for rule in rules] == ["daily", "closure"]
    assert open_at(rules, at(2025, 3, 4, 22))
    assert not open_at(rules, at(2025, 3, 5, 10))
    assert not open_at(rules, at(2025, 3, 6, 23))
    assert open_at(rules, at(2025, 3, 7, 0, 1))


def test_a_row_without_times_and_without_closed_says_nothing() -> None:
    assert compile_row(ScheduleRow(valid_from=date(2025, 3, 5), description="Call ahead")) is None
    assert compile_row(ScheduleRow(freq="WEEKLY", byday="MO", opens_at=time(9))) is None
    assert (
        compile_row(ScheduleRow(freq="WEEKLY", byday="XX", opens_at=time(9), closes_at=time(10)))
        is None
    )
    assert compile_row(ScheduleRow(freq="YEARLY", opens_at=time(9), closes_at=time(10))) is None


def test_hours_are_unknown_without_usable_rows() -> None:
    assert is_open([], Clock(at(2025, 3, 3, 10), CHICAGO)) is None
    assert status([], at(2025, 3, 3, 10), CHICAGO).state == "unknown"
    assert status_label(status([], at(2025, 3, 3, 10), CHICAGO), at(2025, 3, 3, 10), CHICAGO) == (
        "Hours unknown"
    )


def test_dated_rows_apply_only_between_their_dates_and_add_to_regular_hours() -> None:
    rows = [
        ScheduleRow(
            freq="WEEKLY",
            byday=WEEKDAYS,
            opens_at=time(9),
            closes_at=time(17),
            valid_to=date(2025, 3, 31),
        ),
        ScheduleRow(
            freq="WEEKLY",
            byday="SA",
            opens_at=time(10),
            closes_at=time(14),
            valid_from=date(2025, 3, 15),
            valid_to=date(2025, 3, 22),
        ),
    ]
    rules = compile_rows(rows, CHICAGO)
    assert not open_at(rules, at(2025, 3, 8, 11))  # a Saturday before the extra hours
    assert open_at(rules, at(2025, 3, 15, 11))
    assert open_at(rules, at(2025, 3, 22, 11))
    assert not open_at(rules, at(2025, 3, 29, 11))
    assert open_at(rules, at(2025, 3, 31, 11))
    assert not open_at(rules, at(2025, 4, 1, 11))  # the regular hours ended


def test_monthly_rules_by_nth_weekday_and_by_month_day() -> None:
    first_monday = compile_rows(
        [ScheduleRow(freq="MONTHLY", byday="1MO", opens_at=time(18), closes_at=time(20))], CHICAGO
    )
    assert open_at(first_monday, at(2025, 3, 3, 19))
    assert not open_at(first_monday, at(2025, 3, 10, 19))
    last_friday = compile_rows(
        [ScheduleRow(freq="MONTHLY", byday="-1FR", opens_at=time(9), closes_at=time(12))], CHICAGO
    )
    assert open_at(last_friday, at(2025, 2, 28, 10))
    assert not open_at(last_friday, at(2025, 2, 21, 10))
    days = compile_rows(
        [ScheduleRow(freq="MONTHLY", bymonthday="1,15,-1", opens_at=time(9), closes_at=time(12))],
        CHICAGO,
    )
    assert open_at(days, at(2025, 2, 15, 10))
    assert open_at(days, at(2025, 2, 28, 10))  # -1: the last day
    assert not open_at(days, at(2025, 2, 27, 10))


def test_opens_next_looks_ahead_to_a_monthly_window() -> None:
    rules = compile_rows(
        [ScheduleRow(freq="MONTHLY", byday="1SA", opens_at=time(9), closes_at=time(12))], CHICAGO
    )
    found = status(rules, at(2025, 3, 2, 10), CHICAGO)
    assert found.state == "closed" and found.next_open == at(2025, 4, 5, 9)
    assert status_label(found, at(2025, 3, 2, 10), CHICAGO) == "Closed · opens Apr 5 9:00"


def test_interval_counts_weeks_from_dtstart() -> None:
    every_other = compile_rows(
        [
            ScheduleRow(
                freq="WEEKLY", byday="TU", interval=2, dtstart=date(2025, 3, 4),
                opens_at=time(9), closes_at=time(12),
            )
        ],
        CHICAGO,
    )  # fmt: skip
    assert not open_at(every_other, at(2025, 2, 25, 10))  # before dtstart
    assert open_at(every_other, at(2025, 3, 4, 10))
    assert not open_at(every_other, at(2025, 3, 11, 10))
    assert open_at(every_other, at(2025, 3, 18, 10))


def test_count_ends_a_rule_after_its_occurrences() -> None:
    three_times = compile_row(
        ScheduleRow(
            freq="WEEKLY", byday="MO", count=3, dtstart=date(2025, 3, 3),
            opens_at=time(9), closes_at=time(10),
        )
    )  # fmt: skip
    assert three_times is not None and three_times.last == date(2025, 3, 17)
    assert open_at([three_times], at(2025, 3, 17, 9, 30))
    assert not open_at([three_times], at(2025, 3, 24, 9, 30))


def test_until_and_valid_to_both_end_a_rule() -> None:
    rule = compile_row(
        ScheduleRow(
            opens_at=time(9), closes_at=time(17), until=date(2025, 3, 5), valid_to=date(2025, 3, 9)
        )
    )
    assert rule is not None and rule.last == date(2025, 3, 5)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2025, 3, 9, 1, 30), True),  # before the spring-forward gap
        (at(2025, 3, 9, 3, 30), True),  # after it: the wall clock is what counts
        (at(2025, 11, 2, 1, 30), True),  # the repeated hour of the fall-back change
    ],
)
def test_wall_clock_hours_hold_across_dst_changes(moment: datetime, expected: bool) -> None:
    overnight = compile_rows([ScheduleRow(opens_at=time(22), closes_at=time(6))], CHICAGO)
    assert open_at(overnight, moment) is expected


def test_status_until_is_the_wall_clock_closing_time_on_a_dst_night() -> None:
    overnight = compile_rows([ScheduleRow(opens_at=time(22), closes_at=time(6))], CHICAGO)
    found = status(overnight, at(2025, 3, 8, 23), CHICAGO)
    assert found.until == at(2025, 3, 9, 6)
    # Spring forward: 22:00 to 06:00 is seven hours of real time that night.
    assert (
        found.until.astimezone(UTC) - at(2025, 3, 8, 22).astimezone(UTC)
    ).total_seconds() == 7 * 3600


def test_a_stated_offset_equal_to_the_zones_is_the_zone_so_dst_still_applies() -> None:
    summer = compile_row(
        ScheduleRow(opens_at=time(9), closes_at=time(17), opens_at_offset="-05:00"), CHICAGO
    )
    winter = compile_row(ScheduleRow(opens_at=time(9), closes_at=time(17), timezone=-6), CHICAGO)
    assert summer is not None and summer.offset_minutes is None
    assert winter is not None and winter.offset_minutes is None


def test_another_offset_is_kept_fixed() -> None:
    eastern = compile_row(
        ScheduleRow(opens_at=time(9), closes_at=time(17), opens_at_offset="Z"), CHICAGO
    )
    assert eastern is not None and eastern.offset_minutes == 0
    # 09:00-17:00 UTC is 03:00-11:00 in Chicago in winter.
    assert open_at([eastern], at(2025, 1, 6, 4))
    assert not open_at([eastern], at(2025, 1, 6, 12))


def test_status_reports_until_when_and_opens_next() -> None:
    rules = office()
    found = status(rules, at(2025, 3, 3, 10), CHICAGO)
    assert found.is_open and found.until == at(2025, 3, 3, 17)
    assert status_label(found, at(2025, 3, 3, 10), CHICAGO) == "Open until 17:00"
    friday_night = status(rules, at(2025, 3, 7, 18), CHICAGO)
    assert friday_night.next_open == at(2025, 3, 10, 9)
    assert status_label(friday_night, at(2025, 3, 7, 18), CHICAGO) == "Closed · opens Mon 9:00"


def test_a_window_to_midnight_is_open_until_midnight() -> None:
    rules = compile_rows([ScheduleRow(opens_at=time(17), closes_at=time(23, 59))], CHICAGO)
    found = status(rules, at(2025, 3, 3, 20), CHICAGO)
    assert status_label(found, at(2025, 3, 3, 20), CHICAGO) == "Open until midnight"


def test_adjacent_windows_run_on_in_until() -> None:
    rows = [
        ScheduleRow(freq="WEEKLY", byday="MO", opens_at=time(8), closes_at=time(12)),
        ScheduleRow(freq="WEEKLY", byday="MO", opens_at=time(12), closes_at=time(20)),
    ]
    found = status(compile_rows(rows, CHICAGO), at(2025, 3, 3, 9), CHICAGO)
    assert found.until == at(2025, 3, 3, 20)


def test_byday_and_offsets_parse_leniently() -> None:
    assert parse_byday("MO, 1TU,-1FR ,xx,9MO") == [(0, 0), (1, 1), (-1, 4)]
    assert parse_offset("-05:00") == -300
    assert parse_offset("+0530") == 330
    assert parse_offset("", -6) == -360
    assert parse_offset("") is None


def test_rules_survive_the_index_round_trip() -> None:
    rows = [
        ScheduleRow(
            freq="MONTHLY",
            byday="1MO,-1FR",
            bymonthday="15",
            interval=2,
            dtstart=date(2025, 1, 6),
            opens_at=time(9),
            closes_at=time(12),
            valid_to=date(2026, 1, 1),
        ),
        ScheduleRow(
            opens_at=time(22), closes_at=time(6), opens_at_offset="Z", notes="open on holidays"
        ),
        ScheduleRow(valid_from=date(2025, 12, 24), valid_to=date(2025, 12, 26), notes="Closed"),
    ]
    rules = compile_rows(rows, CHICAGO)
    text = rules_to_text(rules)
    assert json.loads(text)
    assert list(rules_from_text(text)) == rules


def test_a_clock_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        Clock(datetime(2025, 3, 3, 10), CHICAGO)  # noqa: DTZ001


def test_the_hours_modules_import_without_django() -> None:
    script = "\n".join(
        [
            "import json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            "import crisisdesk.directory.hours, crisisdesk.directory.hours_text",
            "import crisisdesk.directory.holidays, crisisdesk.directory.search_core",
            "import crisisdesk.directory.eligibility, crisisdesk.directory.sheet_text",
            "import crisisdesk.directory.sheet_pdf",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == ["django"]


def test_the_plain_modules_mention_no_django_import() -> None:
    folder = Path(hours.__file__).parent
    names = [
        "hours",
        "hours_text",
        "holidays",
        "search_core",
        "eligibility",
        "sheet_text",
        "sheet_pdf",
    ]
    for name in names:
        tree = ast.parse((folder / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("django"), name
            elif isinstance(node, ast.Import):
                assert not any(alias.name.startswith("django") for alias in node.names), name

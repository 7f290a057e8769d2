"""The plain-Python rules: thresholds, counting by subject, plan content and states."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

from crisisdesk.plans.rules import (
    IncidentKeys,
    PlanState,
    SubjectKind,
    Thresholds,
    content_problems,
    count_by_subject,
    first_line,
    phone_problem,
    review_due,
)

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 14)


def incident(n: int, days_ago: float, **keys: object) -> IncidentKeys:
    return IncidentKeys(
        incident_id=n,
        received_at=NOW - timedelta(days=days_ago),
        call_type=str(keys.pop("call_type", "MH")),
        **keys,  # type: ignore[arg-type]
    )


def test_the_defaults_are_five_incidents_in_thirty_days() -> None:
    thresholds = Thresholds()
    assert [thresholds.minimum(kind) for kind in SubjectKind] == [5, 5, 5]
    assert thresholds.window_days == 30
    assert thresholds.problems() == {}


def test_thresholds_out_of_range_say_what_is_allowed() -> None:
    problems = Thresholds(person_minimum=1, phone_minimum=1001, window_days=0).problems()
    assert set(problems) == {"person_minimum", "phone_minimum", "window_days"}
    assert "from 2 to 1000" in problems["person_minimum"]
    assert "one incident is not a pattern" in problems["person_minimum"]
    assert problems["window_days"] == "Give a window of 1 to 365 days."


def test_it_counts_distinct_incidents_per_key_inside_the_window() -> None:
    thresholds = Thresholds(person_minimum=2, phone_minimum=2, address_minimum=2, window_days=7)
    found = count_by_subject(
        [
            # Two people of one incident share a phone: the incident counts once for it.
            incident(1, 1, person_ids=frozenset({1, 2}), phones=frozenset({"15550001"})),
            incident(2, 3, person_ids=frozenset({1}), phones=frozenset({"15550001"})),
            incident(3, 6.9, person_ids=frozenset({2}), address_key="12 ELM ST METRO"),
            incident(4, 7.1, person_ids=frozenset({3}), address_key="12 ELM ST METRO"),
            incident(5, 2, person_ids=frozenset({3}), address_key="12 ELM ST METRO"),
        ],
        thresholds,
        NOW,
    )
    assert {key: c.count for key, c in found[SubjectKind.PERSON].items()} == {"1": 2, "2": 2}
    assert found[SubjectKind.PHONE]["15550001"].count == 2
    address = found[SubjectKind.ADDRESS]["12 ELM ST METRO"]
    assert address.count == 2  # incident 4 is older than the window
    assert address.first_at == NOW - timedelta(days=6.9)
    assert address.last_at == NOW - timedelta(days=2)


def test_a_key_below_the_minimum_is_not_listed() -> None:
    found = count_by_subject(
        [incident(n, n, person_ids=frozenset({7})) for n in range(4)], Thresholds(), NOW
    )
    assert found[SubjectKind.PERSON] == {}


def test_an_incident_in_the_future_is_outside_the_window() -> None:
    found = count_by_subject(
        [incident(n, -1 if n == 0 else n, person_ids=frozenset({7})) for n in range(5)],
        Thresholds(),
        NOW,
    )
    assert found[SubjectKind.PERSON] == {}


def test_plan_content_needs_a_response_and_a_review_date_within_a_year() -> None:
    problems = content_problems(preferred_response="taxi", review_date=TODAY, texts={}, today=TODAY)
    assert problems == {
        "preferred_response": "Choose a preferred response from the list.",
        "review_date": "The review date must be after today.",
    }
    far = content_problems(
        preferred_response="crt",
        review_date=TODAY + timedelta(days=400),
        texts={},
        today=TODAY,
    )
    assert "within a year" in far["review_date"]


def test_submitting_needs_a_background_and_what_helps() -> None:
    problems = content_problems(
        preferred_response="none",
        review_date=TODAY + timedelta(days=30),
        texts={"background": "  ", "what_helps": ""},
        today=TODAY,
        submitting=True,
    )
    assert set(problems) == {"background", "what_helps"}


def test_an_overlong_text_is_refused_with_its_length() -> None:
    problems = content_problems(
        preferred_response="phone",
        review_date=TODAY + timedelta(days=30),
        texts={"contacts": "x" * 4001},
        today=TODAY,
    )
    assert problems == {"contacts": "Keep it to 4,000 characters (this is 4,001)."}


def test_an_approved_plan_is_due_for_review_from_its_review_date() -> None:
    assert review_due(PlanState.APPROVED, TODAY, TODAY)
    assert not review_due(PlanState.APPROVED, TODAY + timedelta(days=1), TODAY)
    assert not review_due(PlanState.SUBMITTED, TODAY - timedelta(days=1), TODAY)


def test_the_board_shows_the_first_non_empty_line_shortened() -> None:
    assert first_line("\n  Dog in yard  \nKnife") == "Dog in yard"
    long = first_line("x" * 200, limit=10)
    assert long == "xxxxxxxxx…"


def test_a_phone_key_has_eleven_to_fifteen_digits() -> None:
    assert phone_problem("15555550100") is None
    assert phone_problem("") is None
    assert (
        phone_problem("555") == "A phone number has 10 digits, or 11 to 15 with the country code."
    )


def test_it_imports_no_django_at_all() -> None:
    code = (
        "import sys, crisisdesk.plans.rules; "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603 - fixed args
    assert run.returncode == 0
